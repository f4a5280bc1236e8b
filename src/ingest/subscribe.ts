/**
 * What to follow when a person gives a URL: the feed itself, the feed a site's page
 * announces (autodiscovery), a feed at a common path, or else the page itself as a
 * 'page' source when it links to articles. Names the outlet from the feed's title or the
 * site's name. Returns a tagged result; never throws for remote failures.
 */
import { parseFeed } from './feed/index.ts';
import { ACCEPT_FEED, describeFetchResult, type FetchResult, type Fetcher } from './fetch.ts';
import { COMMON_FEED_PATHS, articleLinksFromPage, discoverFeedLinks, siteNameFromHtml } from './discover.ts';
import { decodeHtmlPage } from '../extract/decode.ts';

export type Subscription =
  | { kind: 'feed'; feedUrl: string; name: string; siteUrl: string | null; via: 'direct' | 'autodiscovery' | 'common-path' }
  | { kind: 'page'; feedUrl: string; name: string; siteUrl: string; articleLinks: number };

export type SubscribeResult = { ok: true; subscription: Subscription } | { ok: false; error: string };

type Ok = Extract<FetchResult, { kind: 'ok' }>;

function asFeed(res: Ok): { title: string | null; link: string | null; items: number } | null {
  const parsed = parseFeed(res.bytes, { contentType: res.headers['content-type'] ?? null, url: res.finalUrl });
  if (!parsed.ok) return null;
  return { title: parsed.feed.title, link: parsed.feed.link, items: parsed.feed.items.length };
}

function hostName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/**
 * Resolves `url` to a subscription. `fetcher` makes the requests (the guarded network
 * fetcher in production, so a private address is refused here too).
 */
export async function resolveSubscription(url: string, fetcher: Fetcher): Promise<SubscribeResult> {
  let start: URL;
  try {
    start = new URL(url);
  } catch {
    return { ok: false, error: `not a URL: "${url}"` };
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') return { ok: false, error: `only http and https URLs can be followed, got ${start.protocol}` };

  const first = await fetcher.fetch(start.href, { accept: ACCEPT_FEED });
  if (first.kind !== 'ok') return { ok: false, error: `fetch ${start.href}: ${describeFetchResult(first)}` };
  const direct = asFeed(first);
  if (direct) {
    return { ok: true, subscription: { kind: 'feed', feedUrl: first.permanentRedirect ?? start.href, name: direct.title || hostName(first.finalUrl), siteUrl: direct.link, via: 'direct' } };
  }

  const html = decodeHtmlPage(first.bytes, first.headers['content-type'] ?? null).text;
  const siteName = siteNameFromHtml(html);
  const tryFeed = async (candidate: string, via: 'autodiscovery' | 'common-path'): Promise<Subscription | null> => {
    const res = await fetcher.fetch(candidate, { accept: ACCEPT_FEED });
    if (res.kind !== 'ok') return null;
    const feed = asFeed(res);
    if (!feed) return null;
    return { kind: 'feed', feedUrl: res.permanentRedirect ?? candidate, name: feed.title || siteName || hostName(res.finalUrl), siteUrl: feed.link ?? first.finalUrl, via };
  };
  for (const link of discoverFeedLinks(html, first.finalUrl).slice(0, 5)) {
    const sub = await tryFeed(link.url, 'autodiscovery');
    if (sub) return { ok: true, subscription: sub };
  }
  const origin = new URL(first.finalUrl).origin;
  for (const path of COMMON_FEED_PATHS) {
    const candidate = origin + path;
    if (candidate === first.finalUrl) continue;
    const sub = await tryFeed(candidate, 'common-path');
    if (sub) return { ok: true, subscription: sub };
  }
  const links = articleLinksFromPage(html, first.finalUrl);
  if (links.length) {
    return { ok: true, subscription: { kind: 'page', feedUrl: first.finalUrl, name: siteName || hostName(first.finalUrl), siteUrl: origin + '/', articleLinks: links.length } };
  }
  return { ok: false, error: `${start.href}: no feed announced or at a common path, and no links that look like articles` };
}
