/**
 * Polite fetching: one request at a time per host, at least TIDINGS_FETCH_HOST_DELAY_MS
 * apart, across every worker (the slot is a `hosts` row, see store/hosts.ts), honouring
 * robots.txt for article pages and the host's Retry-After.
 *
 * robots.txt applies to the pages we crawl, not to the feed: an outlet publishes a feed
 * precisely so that readers poll it, the way every feed reader does, and many sites'
 * robots.txt shut out all but a few search engines without meaning feed readers. So
 * `politeFetch(..., { honourRobots: false })` is used for feeds (and the section pages of
 * 'page' sources that the user chose to follow), `true` for article pages.
 *
 * The slot is the host of the URL requested; a redirect to another host is followed
 * within the same request (it still passes the address checks of fetch.ts) without
 * claiming that host's slot.
 *
 * robots.txt is fetched at most once per ROBOTS_TTL_MS per host and kept on the host row.
 * A 4xx answer means no rules (allow all); a 5xx, timeout or network failure is cached
 * for an hour as "allow" (we would rather read an outlet than stop over a flaky file).
 */
import { createRequire } from 'node:module';
import { claimHost, getHostRobots, releaseHost, saveHostRobots } from '../store/hosts.ts';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import { ACCEPT_HTML, type FetchOptions, type FetchResult, type Fetcher } from './fetch.ts';

// robots-parser is CommonJS whose typings claim an ES default export; load it as what it is.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

export const ROBOTS_TTL_MS = 24 * 3600_000;
const ROBOTS_RETRY_MS = 3600_000;
/** A host's Retry-After is honoured up to this long. */
const MAX_BACKOFF_MS = 6 * 3600_000;
/** Up to this host delay, the robots.txt request and the page request share one slot with a pause between them. */
const INLINE_DELAY_MAX_MS = 2000;

export type PoliteResult = FetchResult | { kind: 'busy'; retryAt: number; reason: string };

export interface PoliteFetchInput {
  store: Store;
  config: Config;
  fetcher: Fetcher;
  url: string;
  honourRobots: boolean;
  fetchOptions?: FetchOptions;
  now?: () => number;
}

/** The part of the User-Agent a robots.txt group names ("Tidings/0.1 (…)" -> "Tidings"). */
export function robotsAgent(userAgent: string): string {
  return userAgent.split(/[\/\s]/)[0] || userAgent;
}

/** True when robots.txt text allows `url` for `agent`. */
export function robotsAllows(robotsTxt: string, url: string, agent: string): boolean {
  const u = new URL(url);
  const robots = robotsParser(`${u.origin}/robots.txt`, robotsTxt);
  return robots.isAllowed(url, agent) !== false;
}

function hostKey(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fetches `url` when its host's slot is free; otherwise returns `busy` with when to try
 * again (the caller defers its job; nothing was sent). Never throws for remote failures.
 */
export async function politeFetch(input: PoliteFetchInput): Promise<PoliteResult> {
  const now = input.now ?? Date.now;
  const { store, config, url } = input;
  const host = hostKey(url);
  if (!host) return input.fetcher.fetch(url, input.fetchOptions); // the fetcher classifies the bad URL
  const delayMs = config.TIDINGS_FETCH_HOST_DELAY_MS;
  const leaseMs = config.TIDINGS_FETCH_TIMEOUT_MS * 2 + delayMs + 5_000;
  const claim = await claimHost(store, host, { now: now(), delayMs, leaseMs });
  if (!claim.claimed) return { kind: 'busy', retryAt: claim.retryAt, reason: claim.reason };
  let backoffUntil: number | null = null;
  try {
    if (input.honourRobots) {
      let robots = await getHostRobots(store, host);
      // A transient failure is saved as if fetched TTL - 1 h ago, so it is looked at again in an hour.
      const stale = !robots || now() - robots.fetchedAt > ROBOTS_TTL_MS;
      if (stale) {
        const origin = new URL(url).origin;
        const r = await input.fetcher.fetch(`${origin}/robots.txt`, { accept: 'text/plain, */*;q=0.5', signal: input.fetchOptions?.signal });
        const fetchedAt = now();
        let text = '';
        if (r.kind === 'ok') text = Buffer.from(r.bytes).toString('utf8');
        // 4xx and other failures: no rules. Transient failures are looked at again in an hour.
        const transient = r.kind === 'timeout' || r.kind === 'network-error' || (r.kind === 'http-error' && r.status >= 500) || r.kind === 'rate-limited';
        await saveHostRobots(store, host, text, transient ? fetchedAt - ROBOTS_TTL_MS + ROBOTS_RETRY_MS : fetchedAt);
        robots = { robotsTxt: text, fetchedAt };
        if (r.kind === 'rate-limited') {
          backoffUntil = now() + Math.min(r.retryAfterMs, MAX_BACKOFF_MS);
          return { kind: 'busy', retryAt: backoffUntil, reason: `host ${host} rate-limited us (robots.txt)` };
        }
        // The page request comes next; keep the host delay between the two.
        if (delayMs > INLINE_DELAY_MAX_MS) return { kind: 'busy', retryAt: now() + delayMs, reason: `host ${host} polite delay after robots.txt` };
        if (delayMs > 0) await sleep(delayMs);
      }
      if (robots && robots.robotsTxt && !robotsAllows(robots.robotsTxt, url, robotsAgent(config.TIDINGS_USER_AGENT))) {
        return { kind: 'blocked', reason: `robots.txt of ${host} disallows ${new URL(url).pathname}`, finalUrl: url };
      }
    }
    const result = await input.fetcher.fetch(url, { accept: ACCEPT_HTML, ...input.fetchOptions });
    if (result.kind === 'rate-limited') backoffUntil = now() + Math.min(result.retryAfterMs, MAX_BACKOFF_MS);
    else if (result.kind === 'http-error' && result.retryAfterMs !== undefined) backoffUntil = now() + Math.min(result.retryAfterMs, MAX_BACKOFF_MS);
    return result;
  } finally {
    await releaseHost(store, host, { now: now(), delayMs, backoffUntil });
  }
}
