/**
 * Articles as the ingest stages write them. Every write is keyed on a natural key:
 * an item is inserted only when neither its (source, guid) nor its canonical URL is
 * known yet (ON CONFLICT DO NOTHING on either unique key), so polling a feed twice, or
 * two outlets' feeds carrying the same URL, stores the article once; extraction results
 * overwrite the same row, so a job that runs twice changes nothing more.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';
import type { SourceKind, SourceRules } from './sources.ts';

export type ArticleStatus = 'new' | 'fetched' | 'extracted' | 'read' | 'placed' | 'failed';

export interface NewFeedArticle {
  guid: string;
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  publishedAt: number | null;
  feedUpdatedAt: number | null;
  excerpt: string | null;
  /** The feed's own content or summary (already sanitized by the feed parser). */
  feedHtml: string | null;
}

/**
 * Inserts the items not stored yet and their feed content. Returns the ids of the new
 * articles, in input order.
 */
export async function insertFeedArticles(store: Store, sourceId: number, items: NewFeedArticle[], now = Date.now()): Promise<number[]> {
  if (!items.length) return [];
  return store.db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const it of items) {
      const row = await trx
        .insertInto('articles')
        .values({
          source_id: sourceId,
          guid: it.guid,
          url: it.url,
          canonical_url: it.canonicalUrl,
          title: it.title,
          byline: it.byline,
          published_at: it.publishedAt,
          feed_updated_at: it.feedUpdatedAt,
          excerpt: it.excerpt,
          status: 'new',
          is_partial: 0,
          comment_count: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      const id = Number(row.id);
      ids.push(id);
      await trx
        .insertInto('article_bodies')
        .values({ article_id: id, feed_html: it.feedHtml, text: null, html: null, raw_hash: null, updated_at: now })
        .onConflict((oc) => oc.column('article_id').doNothing())
        .execute();
    }
    return ids;
  });
}

/** Which of these (guid, canonical URL) pairs are already stored for the source (either key). */
export async function knownArticleKeys(store: Store, sourceId: number, guids: string[], canonicalUrls: string[]): Promise<{ guids: Set<string>; urls: Set<string> }> {
  const out = { guids: new Set<string>(), urls: new Set<string>() };
  for (let i = 0; i < guids.length; i += 300) {
    const chunk = guids.slice(i, i + 300);
    if (!chunk.length) continue;
    const rows = await store.db.selectFrom('articles').select('guid').where('source_id', '=', sourceId).where('guid', 'in', chunk).execute();
    for (const r of rows) if (r.guid) out.guids.add(r.guid);
  }
  for (let i = 0; i < canonicalUrls.length; i += 300) {
    const chunk = canonicalUrls.slice(i, i + 300);
    if (!chunk.length) continue;
    const rows = await store.db.selectFrom('articles').select('canonical_url').where('canonical_url', 'in', chunk).execute();
    for (const r of rows) out.urls.add(r.canonical_url);
  }
  return out;
}

/** Recent publication times of a source's articles, newest first (for adaptive polling). */
export async function recentPublishedTimes(store: Store, sourceId: number, limit = 20): Promise<number[]> {
  const rows = await store.db
    .selectFrom('articles')
    .select('published_at')
    .where('source_id', '=', sourceId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.published_at));
}

/** What fetching and extracting one article needs: the row, its feed content and its source. */
export interface ArticleForFetch {
  id: number;
  sourceId: number | null;
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  publishedAt: number | null;
  status: ArticleStatus;
  extractorVersion: number | null;
  feedHtml: string | null;
  sourceKind: SourceKind | null;
  sourceName: string | null;
  sourceRules: SourceRules | null;
}

export async function getArticleForFetch(store: Store, id: number): Promise<ArticleForFetch | null> {
  const r = await store.db
    .selectFrom('articles as a')
    .leftJoin('article_bodies as b', 'b.article_id', 'a.id')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .select(['a.id', 'a.source_id', 'a.url', 'a.canonical_url', 'a.title', 'a.byline', 'a.published_at', 'a.status', 'a.extractor_version', 'b.feed_html', 's.kind as source_kind', 's.name as source_name', 's.rules as source_rules'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  let rules: SourceRules | null = null;
  if (r.source_rules) {
    try {
      rules = JSON.parse(r.source_rules);
    } catch {
      rules = null;
    }
  }
  return {
    id: Number(r.id),
    sourceId: r.source_id === null ? null : Number(r.source_id),
    url: r.url,
    canonicalUrl: r.canonical_url,
    title: r.title,
    byline: r.byline,
    publishedAt: r.published_at === null ? null : Number(r.published_at),
    status: r.status as ArticleStatus,
    extractorVersion: r.extractor_version,
    feedHtml: r.feed_html ?? null,
    sourceKind: (r.source_kind as SourceKind | null) ?? null,
    sourceName: r.source_name ?? null,
    sourceRules: rules,
  };
}

export interface ExtractedFields {
  title: string;
  byline: string | null;
  publishedAt: number | null;
  lang: string | null;
  siteName: string | null;
  imageUrl: string | null;
  excerpt: string | null;
  text: string;
  html: string;
  contentHash: string;
  rawHash: string | null;
  isPartial: boolean;
  extractorVersion: number;
  fetchedAt: number | null;
  /** Why the page's own text was not used (kept beside a partial article). */
  error: string | null;
}

/** Writes an extraction result on the article and its body (status 'extracted'). */
export async function saveExtraction(store: Store, id: number, f: ExtractedFields, now = Date.now()): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('articles')
      .set({
        title: f.title,
        byline: f.byline,
        published_at: f.publishedAt,
        lang: f.lang,
        site_name: f.siteName,
        image_url: f.imageUrl,
        excerpt: f.excerpt,
        content_hash: f.contentHash,
        is_partial: f.isPartial ? 1 : 0,
        extractor_version: f.extractorVersion,
        fetched_at: f.fetchedAt,
        // Never backwards: a stale run (its lease lost, the article since read and placed
        // by another worker) must not undo the later stages. See test/faults/late-run.test.ts.
        status: sql<string>`case when status in ('read', 'placed') then status else 'extracted' end`,
        error: f.error,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('article_bodies')
      .values({ article_id: id, feed_html: null, text: f.text, html: f.html, raw_hash: f.rawHash, updated_at: now })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ text: f.text, html: f.html, raw_hash: f.rawHash, updated_at: now }))
      .execute();
  });
}

/** Records why an article could not be processed; the row and its feed content stay. */
export async function markArticleFailed(store: Store, id: number, error: string, now = Date.now()): Promise<void> {
  await store.db.updateTable('articles').set({ status: 'failed', error: error.slice(0, 2000), updated_at: now }).where('id', '=', id).execute();
}

/** Notes the last fetch problem without changing the status (the job will retry). */
export async function noteArticleError(store: Store, id: number, error: string, now = Date.now()): Promise<void> {
  await store.db.updateTable('articles').set({ error: error.slice(0, 2000), updated_at: now }).where('id', '=', id).execute();
}

export interface IngestedArticle {
  id: number;
  sourceId: number | null;
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  publishedAt: number | null;
  lang: string | null;
  siteName: string | null;
  status: ArticleStatus;
  isPartial: boolean;
  error: string | null;
  text: string | null;
  feedHtml: string | null;
}

/** A source's articles with their text (tests, `tidings fetch` output). */
export async function listSourceArticles(store: Store, sourceId: number): Promise<IngestedArticle[]> {
  const rows = await store.db
    .selectFrom('articles as a')
    .leftJoin('article_bodies as b', 'b.article_id', 'a.id')
    .select(['a.id', 'a.source_id', 'a.url', 'a.canonical_url', 'a.title', 'a.byline', 'a.published_at', 'a.lang', 'a.site_name', 'a.status', 'a.is_partial', 'a.error', 'b.text', 'b.feed_html'])
    .where('a.source_id', '=', sourceId)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    sourceId: r.source_id === null ? null : Number(r.source_id),
    url: r.url,
    canonicalUrl: r.canonical_url,
    title: r.title,
    byline: r.byline,
    publishedAt: r.published_at === null ? null : Number(r.published_at),
    lang: r.lang,
    siteName: r.site_name,
    status: r.status as ArticleStatus,
    isPartial: r.is_partial === 1,
    error: r.error,
    text: r.text ?? null,
    feedHtml: r.feed_html ?? null,
  }));
}

export async function countArticles(store: Store): Promise<number> {
  const r = await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface IngestCounts {
  total: number;
  extracted: number;
  partial: number;
  failed: number;
  pending: number;
}

/** Articles a source gained since `since`, by state (for `tidings fetch`). */
export async function articleCountsSince(store: Store, sourceId: number, since: number): Promise<IngestCounts> {
  const rows = await store.db
    .selectFrom('articles')
    .select(['status', 'is_partial', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_id', '=', sourceId)
    .where('created_at', '>=', since)
    .groupBy(['status', 'is_partial'])
    .execute();
  const out: IngestCounts = { total: 0, extracted: 0, partial: 0, failed: 0, pending: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    out.total += n;
    if (r.status === 'failed') out.failed += n;
    else if (r.status === 'new' || r.status === 'fetched') out.pending += n;
    else {
      out.extracted += n;
      if (r.is_partial === 1) out.partial += n;
    }
  }
  return out;
}

/** Jobs of these kinds that are running or due before `horizon` (is the ingest queue drained?). */
export async function countPendingJobs(store: Store, kinds: string[], horizon: number): Promise<number> {
  const r = await store.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('state', '=', 'running'), eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', horizon)])]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
