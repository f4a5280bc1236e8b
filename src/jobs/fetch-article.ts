/**
 * `fetch-article` {articleId}: fetch the article's page politely and extract it, in one
 * handler.
 *
 * Why one handler and not fetch-article + extract-article: a separate extract job would
 * need the page stored between the two jobs (a second copy of every page's bytes in the
 * database, for a moment measured in milliseconds). Here the decoded HTML lives only in
 * memory while this job runs; the database keeps the extracted text and HTML and the
 * raw bytes' hash. Re-extracting after an EXTRACTOR_VERSION bump means fetching the
 * page again: a fetch-article job with `force: true` (an article already extracted with
 * the current version is otherwise skipped). Nothing queues those automatically yet.
 *
 * Outcomes, each a clear state on the article:
 * - page extracted with at least 70 % of the text the feed gave: full article;
 * - page missing, refused (404, 410, robots, private address, too large, not HTML) or
 *   thinner than the feed (paywall, consent wall): the feed's content, sanitized, with
 *   is_partial = 1 and the reason in `error`;
 * - transient failure (timeout, network, 5xx, 429): the job retries with backoff; on its
 *   last attempt the feed's content is kept as above instead of a dead letter;
 * - nothing at all to show (no page, no feed content): status 'failed' with the reason.
 * Then `read-article` is enqueued (dedupe `read:<id>:v1`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineHandler, DeferJobError } from './types.ts';
import { enqueue } from '../store/jobs.ts';
import { getArticleForFetch, markArticleFailed, noteArticleError, saveExtraction, type ArticleForFetch, type ExtractedFields } from '../store/articles.ts';
import { fetchForSource } from '../ingest/source-fetch.ts';
import { ACCEPT_HTML, describeFetchResult } from '../ingest/fetch.ts';
import { fragmentText } from '../ingest/items.ts';
import { decodeHtmlPage } from '../extract/decode.ts';
import { extractArticle, sanitizeArticleHtml, EXTRACTOR_VERSION, type ExtractedArticle } from '../extract/index.ts';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

export const READ_ENGINE_DEDUPE_VERSION = 1;
/** A page with less than this share of the feed's text is not the whole article. */
const THIN_PAGE_RATIO = 0.7;

export const fetchArticlePayload = z.object({ articleId: z.number().int().positive(), force: z.boolean().optional() });

export type FetchArticleOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'full'; textChars: number }
  | { kind: 'partial'; reason: string; textChars: number }
  | { kind: 'failed'; reason: string };

/** A failure worth another attempt later (the worker retries the job with backoff). */
export class TransientFetchError extends Error {}

interface Deps {
  store: Store;
  config: Config;
  log: Logger;
  signal?: AbortSignal;
  /** True on the job's last attempt: keep the feed's content rather than fail again. */
  isLastAttempt?: boolean;
  now?: () => number;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Hash of the text with case and whitespace folded: equal for the same article served twice. */
export function contentHash(text: string): string {
  return sha256(text.toLowerCase().replace(/\s+/g, ' ').trim());
}

function isoToMs(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The feed's own content as the article, marked partial (the page could not do better). */
function feedFallback(a: ArticleForFetch, reason: string, fetchedAt: number | null, rawHash: string | null): ExtractedFields | null {
  const html = a.feedHtml ? sanitizeArticleHtml(a.feedHtml, a.url) : '';
  const text = fragmentText(html);
  if (!text) return null;
  return {
    title: a.title,
    byline: a.byline,
    publishedAt: a.publishedAt,
    lang: null,
    siteName: a.sourceName,
    imageUrl: null,
    excerpt: text.replace(/\s+/g, ' ').slice(0, 300),
    text,
    html,
    contentHash: contentHash(text),
    rawHash,
    isPartial: true,
    extractorVersion: EXTRACTOR_VERSION,
    fetchedAt,
    error: reason,
  };
}

function fromExtraction(a: ArticleForFetch, ext: ExtractedArticle, fetchedAt: number, rawHash: string): ExtractedFields {
  return {
    title: ext.title?.trim() || a.title,
    byline: ext.byline ?? a.byline,
    // The feed's date is what the outlet announced; the page's fills a gap (page sources).
    publishedAt: a.publishedAt ?? isoToMs(ext.published),
    lang: ext.lang,
    siteName: ext.siteName ?? a.sourceName,
    imageUrl: ext.image,
    excerpt: ext.excerpt,
    text: ext.text,
    html: ext.html,
    contentHash: contentHash(ext.text),
    rawHash,
    isPartial: !!ext.partial,
    extractorVersion: EXTRACTOR_VERSION,
    fetchedAt,
    error: null,
  };
}

async function enqueueRead(store: Store, articleId: number, now: number): Promise<void> {
  await enqueue(store, { kind: 'read-article', payload: { articleId }, dedupeKey: `read:${articleId}:v${READ_ENGINE_DEDUPE_VERSION}`, runAt: now }, now);
}

/** Fetches and extracts one article; used by the job handler and by tests. */
export async function fetchArticle(articleId: number, deps: Deps & { force?: boolean }): Promise<FetchArticleOutcome> {
  const now = deps.now ?? Date.now;
  const { store, config } = deps;
  const log = deps.log.child({ articleId });
  const a = await getArticleForFetch(store, articleId);
  if (!a) return { kind: 'skipped', reason: 'article deleted' };
  const isDone = ['extracted', 'read', 'placed'].includes(a.status) && a.extractorVersion === EXTRACTOR_VERSION;
  if (isDone && !deps.force) {
    await enqueueRead(store, a.id, now());
    return { kind: 'skipped', reason: 'already extracted' };
  }

  const res = await fetchForSource({ store, config }, a.sourceKind, a.url, { honourRobots: true, fetchOptions: { accept: ACCEPT_HTML, signal: deps.signal } });
  if (res.kind === 'busy') throw new DeferJobError(res.retryAt, res.reason);
  const t = now();

  const finish = async (fields: ExtractedFields | null, reason: string | null): Promise<FetchArticleOutcome> => {
    if (!fields) {
      const why = reason ?? 'no text';
      await markArticleFailed(store, a.id, `${why}; the feed gave no content either`, t);
      log.warn({ url: a.url, reason: why }, 'article has no text: page unusable and no feed content');
      return { kind: 'failed', reason: why };
    }
    await saveExtraction(store, a.id, fields, t);
    await enqueueRead(store, a.id, t);
    if (fields.isPartial) {
      log.info({ url: a.url, reason: fields.error ?? 'page marked partial' }, 'article kept as partial');
      return { kind: 'partial', reason: fields.error ?? 'page holds part of the article', textChars: fields.text.length };
    }
    return { kind: 'full', textChars: fields.text.length };
  };

  if (res.kind !== 'ok') {
    const what = `fetch ${a.url}: ${describeFetchResult(res)}`;
    const isTransient = res.kind === 'timeout' || res.kind === 'network-error' || res.kind === 'rate-limited' || (res.kind === 'http-error' && (res.status >= 500 || res.status === 408));
    if (isTransient && !deps.isLastAttempt) {
      await noteArticleError(store, a.id, what, t);
      throw new TransientFetchError(what);
    }
    return finish(feedFallback(a, what, null, null), what);
  }

  const rawHash = sha256(res.bytes);
  const contentType = (res.headers['content-type'] ?? '').toLowerCase();
  if (contentType && !/html|xml|text\/plain/.test(contentType)) {
    const why = `fetch ${a.url}: not an HTML page (${contentType.split(';')[0]})`;
    return finish(feedFallback(a, why, t, rawHash), why);
  }
  let html = decodeHtmlPage(res.bytes, res.headers['content-type'] ?? null).text;
  const ext = extractArticle(html, { url: res.finalUrl, rules: a.sourceRules ?? undefined });
  html = ''; // the page's text is not kept beyond extraction
  if ('error' in ext) {
    const why = `${a.url}: ${ext.error}`;
    return finish(feedFallback(a, why, t, rawHash), why);
  }
  const feedTextChars = a.feedHtml ? fragmentText(a.feedHtml).length : 0;
  // A page with clearly less text than the feed's own copy is a paywall, consent or teaser
  // page. The margin keeps a full page whose extraction trimmed a few lines the feed kept.
  if (feedTextChars > 0 && ext.text.length < feedTextChars * THIN_PAGE_RATIO) {
    const why = `${a.url}: page has less text (${ext.text.length} chars) than the feed (${feedTextChars})`;
    const fallback = feedFallback(a, why, t, rawHash);
    if (fallback) {
      fallback.lang = ext.lang;
      fallback.imageUrl = ext.image;
      fallback.siteName = ext.siteName ?? fallback.siteName;
      fallback.byline = fallback.byline ?? ext.byline;
      return finish(fallback, why);
    }
  }
  return finish(fromExtraction(a, ext, t, rawHash), null);
}

export const fetchArticleHandler = defineHandler({
  payload: fetchArticlePayload,
  async run(p, ctx) {
    await fetchArticle(p.articleId, {
      store: ctx.store,
      config: ctx.config,
      log: ctx.log,
      signal: ctx.signal,
      force: p.force,
      isLastAttempt: ctx.job.attempts >= ctx.job.maxAttempts,
    });
  },
});
