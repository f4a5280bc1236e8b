/**
 * `poll-source` {sourceId, dueAt?}: one poll of one outlet, read top to bottom.
 *
 * 1. Skip a job that a newer schedule replaced (dueAt no longer the source's next_fetch_at),
 *    and sources that are paused or gone.
 * 2. Conditional GET of the feed (or the section page of a 'page' source). robots.txt is
 *    not consulted for the feed itself (see ingest/polite.ts); the host slot is.
 * 3. Parse (feed) or collect article links (page), upsert the items as articles on their
 *    natural keys, keeping the feed's content.
 * 4. Record health on the source and schedule the next poll: adaptive interval after a
 *    success (or a 304), exponential backoff after a failure, none once gone (410, or
 *    GONE_AFTER_404 polls in a row answered 404).
 * 5. Enqueue `fetch-article` for each new article.
 *
 * Remote failures are recorded on the source and end the job normally (the next poll is
 * the retry), so the queue never fills with retries of a dead feed. Only a host slot that
 * is busy defers the job.
 */
import { z } from 'zod';
import { defineHandler, DeferJobError } from './types.ts';
import { enqueue, enqueueMany } from '../store/jobs.ts';
import { getSource, recordPollFailure, recordPollSuccess, type Source } from '../store/sources.ts';
import { insertFeedArticles, recentPublishedTimes, type NewFeedArticle } from '../store/articles.ts';
import { fetchForSource } from '../ingest/source-fetch.ts';
import { ACCEPT_FEED, ACCEPT_HTML, describeFetchResult, type FetchResult } from '../ingest/fetch.ts';
import { parseFeed } from '../ingest/feed/index.ts';
import { feedItemsToArticles, pageLinksToArticles } from '../ingest/items.ts';
import { articleLinksFromPage } from '../ingest/discover.ts';
import { decodeHtmlPage } from '../extract/decode.ts';
import { adaptiveIntervalS, errorBackoffS } from '../ingest/schedule.ts';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** Smallest gap between the run times of one poll's fetch-article jobs (see below). */
const FETCH_SPACING_MS = 50;

/** A feed answering 404 this many polls in a row is taken as gone. */
export const GONE_AFTER_404 = 5;

export const pollSourcePayload = z.object({ sourceId: z.number().int().positive(), dueAt: z.number().int().optional() });

export function pollDedupeKey(sourceId: number, dueAt: number): string {
  return `poll:${sourceId}:${dueAt}`;
}

/** Queues the poll of a source due at `dueAt` (nothing when that poll is already queued). */
export async function enqueuePoll(store: Store, sourceId: number, dueAt: number): Promise<number | null> {
  return enqueue(store, { kind: 'poll-source', payload: { sourceId, dueAt }, dedupeKey: pollDedupeKey(sourceId, dueAt), runAt: dueAt });
}

export type PollOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'ok'; newArticles: number; items: number; skipped: number; nextFetchAt: number }
  | { kind: 'not-modified'; nextFetchAt: number }
  | { kind: 'failed'; error: string; gone: boolean; nextFetchAt: number | null };

interface Deps {
  store: Store;
  config: Config;
  log: Logger;
  signal?: AbortSignal;
  now?: () => number;
}

function bounds(config: Config) {
  return { minS: config.TIDINGS_POLL_MIN_S, maxS: Math.max(config.TIDINGS_POLL_MIN_S, config.TIDINGS_POLL_MAX_S) };
}

/** Items of a fetched feed or section page, or why there are none. */
function itemsOf(source: Source, res: Extract<FetchResult, { kind: 'ok' }>): { ok: true; articles: NewFeedArticle[]; items: number; skipped: number; title: string | null; siteUrl: string | null } | { ok: false; error: string } {
  const contentType = res.headers['content-type'] ?? null;
  if (source.kind === 'page') {
    const html = decodeHtmlPage(res.bytes, contentType).text;
    const links = articleLinksFromPage(html, res.finalUrl);
    return { ok: true, articles: pageLinksToArticles(links), items: links.length, skipped: 0, title: null, siteUrl: null };
  }
  const parsed = parseFeed(res.bytes, { contentType, url: res.finalUrl });
  if (!parsed.ok) return { ok: false, error: `unparseable feed: ${parsed.error}` };
  const mapped = feedItemsToArticles(parsed.feed.items);
  return { ok: true, articles: mapped.articles, items: parsed.feed.items.length, skipped: mapped.skipped.length, title: parsed.feed.title, siteUrl: parsed.feed.link };
}

/** Runs one poll; used by the job handler and by `tidings fetch`. */
export async function pollSource(sourceId: number, dueAt: number | undefined, deps: Deps): Promise<PollOutcome> {
  const now = deps.now ?? Date.now;
  const { store, config } = deps;
  const log = deps.log.child({ sourceId });
  const source = await getSource(store, sourceId);
  if (!source) return { kind: 'skipped', reason: 'source deleted' };
  if (source.status !== 'active') return { kind: 'skipped', reason: `source is ${source.status}` };
  if (dueAt !== undefined && source.nextFetchAt !== null && source.nextFetchAt !== dueAt) return { kind: 'skipped', reason: 'replaced by a newer schedule' };

  const res = await fetchForSource({ store, config }, source.kind, source.feedUrl, {
    honourRobots: false,
    fetchOptions: { accept: source.kind === 'page' ? ACCEPT_HTML : ACCEPT_FEED, etag: source.etag, lastModified: source.lastModified, signal: deps.signal },
  });
  if (res.kind === 'busy') throw new DeferJobError(res.retryAt, res.reason);

  const t = now();
  const b = bounds(config);
  const fail = async (error: string, opts: { gone?: boolean; retryAfterMs?: number } = {}): Promise<PollOutcome> => {
    const streak = source.errorStreak + 1;
    const nextFetchAt = opts.gone ? null : t + errorBackoffS(streak, b, { retryAfterMs: opts.retryAfterMs }) * 1000;
    await recordPollFailure(store, source.id, { error, nextFetchAt, gone: opts.gone }, t);
    if (nextFetchAt !== null) await enqueuePoll(store, source.id, nextFetchAt);
    log.warn({ url: source.feedUrl, error, errorStreak: streak, gone: !!opts.gone }, 'source poll failed');
    return { kind: 'failed', error, gone: !!opts.gone, nextFetchAt };
  };

  const what = `fetch ${source.feedUrl}: ${describeFetchResult(res)}`;
  switch (res.kind) {
    case 'not-modified': {
      const intervalS = adaptiveIntervalS(await recentPublishedTimes(store, source.id), t, b);
      const nextFetchAt = t + intervalS * 1000;
      await recordPollSuccess(store, source.id, { nextFetchAt, pollIntervalS: intervalS }, t);
      await enqueuePoll(store, source.id, nextFetchAt);
      log.debug({ intervalS }, 'source not modified');
      return { kind: 'not-modified', nextFetchAt };
    }
    case 'gone':
      return fail(what, { gone: true });
    case 'http-error': {
      const repeated404 = res.status === 404 && source.errorStreak + 1 >= GONE_AFTER_404 && (source.lastError ?? '').includes('HTTP 404');
      return fail(what, { gone: repeated404, retryAfterMs: res.retryAfterMs });
    }
    case 'rate-limited':
      return fail(what, { retryAfterMs: res.retryAfterMs });
    case 'too-large':
    case 'timeout':
    case 'blocked':
    case 'redirect-error':
    case 'network-error':
      return fail(what);
    case 'ok':
      break;
  }

  const items = itemsOf(source, res);
  if (!items.ok) return fail(`${source.feedUrl}: ${items.error}`);
  const newIds = await insertFeedArticles(store, source.id, items.articles, t);
  const intervalS = adaptiveIntervalS(await recentPublishedTimes(store, source.id), t, b);
  const nextFetchAt = t + intervalS * 1000;
  await recordPollSuccess(
    store,
    source.id,
    {
      etag: res.headers.etag ?? null,
      lastModified: res.headers['last-modified'] ?? null,
      feedUrl: res.permanentRedirect,
      siteUrl: source.siteUrl ? undefined : items.siteUrl,
      nextFetchAt,
      pollIntervalS: intervalS,
    },
    t,
  );
  if (res.permanentRedirect) log.info({ from: source.feedUrl, to: res.permanentRedirect }, 'feed moved permanently; following its new URL');
  // Article pages of one outlet share a host, which takes one request at a time: spacing
  // their jobs by the host delay (at least FETCH_SPACING_MS) lets workers interleave
  // outlets instead of leasing several jobs for one host and deferring all but one.
  const spacingMs = Math.max(config.TIDINGS_FETCH_HOST_DELAY_MS, FETCH_SPACING_MS);
  await enqueueMany(
    store,
    newIds.map((id, i) => ({ kind: 'fetch-article', payload: { articleId: id }, dedupeKey: `fetch:${id}`, runAt: t + i * spacingMs })),
    t,
  );
  await enqueuePoll(store, source.id, nextFetchAt);
  log.info({ items: items.items, newArticles: newIds.length, skipped: items.skipped, intervalS }, 'source polled');
  return { kind: 'ok', newArticles: newIds.length, items: items.items, skipped: items.skipped, nextFetchAt };
}

export const pollSourceHandler = defineHandler({
  payload: pollSourcePayload,
  async run(p, ctx) {
    await pollSource(p.sourceId, p.dueAt, { store: ctx.store, config: ctx.config, log: ctx.log, signal: ctx.signal });
  },
});
