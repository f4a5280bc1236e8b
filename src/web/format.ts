/** Small formatting helpers for pages and feeds: relative times, links in plain text. */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "18 hours ago", "2 days ago", then the date. */
export function timeAgo(t: number, now = Date.now()): string {
  const d = now - t;
  if (d < MIN) return d < -MIN ? formatDate(t) : 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (d < HOUR) return plural(Math.floor(d / MIN), 'minute');
  if (d < DAY) return plural(Math.floor(d / HOUR), 'hour');
  if (d < 30 * DAY) return plural(Math.floor(d / DAY), 'day');
  return formatDate(t);
}

/** "20 July 2025" (UTC, so a page reads the same from every server). */
// One formatter for the process: toLocaleDateString builds a new Intl formatter on every
// call, which was the largest single cost of rendering a page of cards.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatDate(t: number): string {
  return DATE_FORMAT.format(t);
}

/** "20 July 2025, 14:05 UTC": the exact time shown in tooltips. */
export function formatDateTime(t: number): string {
  const d = new Date(t);
  return `${formatDate(t)}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * Splits plain text into text and http(s) links, for rendering with escaping. Trailing
 * punctuation that usually ends a sentence stays outside the link.
 */
export function linkParts(text: string): TextPart[] {
  const out: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    let href = m[0];
    const trail = /[).,;:!?\]]+$/.exec(href);
    if (trail && !(trail[0].startsWith(')') && href.includes('('))) href = href.slice(0, href.length - trail[0].length);
    let isValid = true;
    try {
      const u = new URL(href);
      isValid = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      isValid = false;
    }
    if (!isValid) continue;
    if (m.index! > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    out.push({ kind: 'link', href, text: href.length > 70 ? href.slice(0, 67) + '…' : href });
    at = m.index! + href.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

/** A host name for display ("www.rthk.hk" -> "rthk.hk"); '' when the URL does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Only http(s) URLs may become href or src attributes. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A local redirect target from a form: a path on this site, never another origin. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return fallback;
  return next;
}
