/**
 * When to poll a feed next. Pure functions of what was observed; the caller passes `now`.
 *
 * Adaptive interval: half the median gap between the source's recent publication times,
 * where the time since the newest item counts as one more gap (a feed that stopped
 * publishing slows down by itself), clamped to [TIDINGS_POLL_MIN_S, TIDINGS_POLL_MAX_S].
 * A wire that publishes every 10 minutes is polled every 5 (or the minimum); a weekly
 * column about every three days. With fewer than two dated items there is nothing to
 * measure, so a default hour (clamped) is used.
 *
 * Failures back off exponentially from the minimum interval (x2 per failure in a row, up
 * to the maximum), never below a Retry-After the server gave, with ±10 % jitter so many
 * feeds failing together do not come back together.
 */
export interface PollBounds {
  minS: number;
  maxS: number;
}

export const DEFAULT_INTERVAL_S = 3600;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Seconds until the next poll after a success, from recent publication times (any order, ms). */
export function adaptiveIntervalS(publishedTimes: number[], now: number, bounds: PollBounds): number {
  const times = publishedTimes.filter((t) => Number.isFinite(t) && t <= now).sort((a, b) => b - a);
  if (times.length < 2) return clamp(DEFAULT_INTERVAL_S, bounds.minS, bounds.maxS);
  const gaps: number[] = [now - times[0]];
  for (let i = 1; i < times.length; i++) gaps.push(times[i - 1] - times[i]);
  const positive = gaps.filter((g) => g > 0);
  if (!positive.length) return bounds.minS;
  return Math.round(clamp(median(positive) / 2 / 1000, bounds.minS, bounds.maxS));
}

/** Seconds until the next poll after `errorStreak` failures in a row (1 = first failure). */
export function errorBackoffS(errorStreak: number, bounds: PollBounds, opts: { retryAfterMs?: number; random?: () => number } = {}): number {
  const base = Math.min(bounds.maxS, bounds.minS * 2 ** Math.max(0, Math.min(errorStreak, 30) - 1));
  const jitter = 1 + ((opts.random ?? Math.random)() * 0.2 - 0.1);
  const s = Math.round(base * jitter);
  const floor = opts.retryAfterMs !== undefined ? Math.ceil(opts.retryAfterMs / 1000) : 0;
  return Math.max(floor, Math.min(s, bounds.maxS));
}
