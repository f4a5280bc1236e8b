/**
 * Read queries for the website and the API: one function per page block, each returning
 * exactly what the block shows. Every list is ordered along an index and paginated with a
 * keyset cursor (never OFFSET), so a page costs the same at article 100 and 100,000:
 * - latest articles: articles(published_at, id), by outlet: articles(source_id, published_at, id)
 * - by hashtag: article_hashtags(tag_key, published_at, article_id)
 * - by entity: article_entities(entity_id, article_id), newest article id first
 * - stories: stories(latest_at, outlet_count) for the top, (merged_into, latest_at) for lists
 * Lists show canonical copies only (duplicate_of IS NULL, written as COALESCE(duplicate_of, 0) = 0
 * so that no planner walks the duplicate_of index, which matches nearly every row) and
 * articles with a publication time.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';
import { webDb, encodeCursor, timeCursor, decodeCursor } from './web-tables.ts';
import type { FollowKind } from './users.ts';

const DAY_MS = 86_400_000;

export interface ArticleCard {
  id: number;
  title: string;
  url: string;
  outletId: number | null;
  outlet: string | null;
  publishedAt: number | null;
  excerpt: string | null;
  imageUrl: string | null;
  commentCount: number;
  storyId: number | null;
  duplicateOf: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageResult<T> = ({ kind: 'ok' } & Page<T>) | { kind: 'bad-cursor' };

function excerptOf(excerpt: string | null, text: string | null): string | null {
  const s = (excerpt && excerpt.trim()) || (text ?? '').trim();
  if (!s) return null;
  const flat = s.replace(/\s+/g, ' ');
  if (flat.length <= 280) return flat;
  const cut = flat.slice(0, 280);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 200)) + '…';
}

/** Cards for these ids, in the given order (missing ids are skipped). */
export async function articleCards(store: Store, ids: number[]): Promise<ArticleCard[]> {
  if (!ids.length) return [];
  const rows = await store.db
    .selectFrom('articles as a')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .leftJoin('article_bodies as b', 'b.article_id', 'a.id')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.url',
      'a.source_id',
      's.name as outlet',
      'a.site_name',
      'a.published_at',
      'a.excerpt',
      'a.image_url',
      'a.comment_count',
      'a.story_id',
      'a.duplicate_of',
      eb.fn<string | null>('substr', ['b.text', sql.lit(1), sql.lit(400)]).as('text'),
    ])
    .where('a.id', 'in', ids)
    .execute();
  const byId = new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        title: r.title,
        url: r.url,
        outletId: r.source_id === null ? null : Number(r.source_id),
        outlet: r.outlet ?? r.site_name,
        publishedAt: r.published_at === null ? null : Number(r.published_at),
        excerpt: excerptOf(r.excerpt, r.text),
        imageUrl: r.image_url,
        commentCount: Number(r.comment_count),
        storyId: r.story_id === null ? null : Number(r.story_id),
        duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
      } satisfies ArticleCard,
    ]),
  );
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

function pageOf(rows: { id: number; t: number }[], limit: number): { ids: number[]; nextCursor: string | null } {
  const ids = rows.slice(0, limit).map((r) => Number(r.id));
  const last = rows[limit - 1];
  return { ids, nextCursor: rows.length > limit && last ? encodeCursor({ t: Number(last.t), id: Number(last.id) }) : null };
}

export interface LatestFilters {
  outletId?: number | null;
  hashtag?: string | null;
  cursor?: string | null;
  limit?: number;
}

/** Latest canonical articles, optionally of one outlet or hashtag (not both: outlet wins when both). */
export async function latestArticles(store: Store, f: LatestFilters): Promise<PageResult<ArticleCard>> {
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  const c = timeCursor(f.cursor);
  if (f.cursor && !c) return { kind: 'bad-cursor' };
  let rows: { id: number; t: number }[];
  if (f.hashtag && !f.outletId) {
    let q = store.db
      .selectFrom('article_hashtags as h')
      .innerJoin('articles as a', 'a.id', 'h.article_id')
      .select(['h.article_id as id', 'h.published_at as t'])
      .where('h.tag_key', '=', f.hashtag.toLowerCase().replace(/^#/, ''))
      .where('h.published_at', 'is not', null)
      .where(sql`COALESCE(a.duplicate_of, 0)`, '=', 0)
      .orderBy('h.published_at', 'desc')
      .orderBy('h.article_id', 'desc')
      .limit(limit + 1);
    if (c) q = q.where((eb) => eb.or([eb('h.published_at', '<', c.t), eb.and([eb('h.published_at', '=', c.t), eb('h.article_id', '<', c.id)])]));
    rows = (await q.execute()) as { id: number; t: number }[];
  } else {
    let q = store.db
      .selectFrom('articles as a')
      .select(['a.id as id', 'a.published_at as t'])
      .where('a.published_at', 'is not', null)
      .where(sql`COALESCE(a.duplicate_of, 0)`, '=', 0)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit + 1);
    if (f.outletId) q = q.where('a.source_id', '=', f.outletId);
    if (c) q = q.where((eb) => eb.or([eb('a.published_at', '<', c.t), eb.and([eb('a.published_at', '=', c.t), eb('a.id', '<', c.id)])]));
    rows = (await q.execute()) as { id: number; t: number }[];
  }
  const p = pageOf(rows, limit);
  return { kind: 'ok', items: await articleCards(store, p.ids), nextCursor: p.nextCursor };
}

// ---------------------------------------------------------------------------
// Stories

export interface StoryCard {
  id: number;
  headline: string;
  articleCount: number;
  outletCount: number;
  outlets: string[];
  firstAt: number | null;
  latestAt: number | null;
  lead: ArticleCard | null;
  articles: ArticleCard[];
}

function outletsFromFacts(facts: string | null): string[] {
  if (!facts) return [];
  try {
    const f = JSON.parse(facts);
    return Array.isArray(f.outlets) ? f.outlets.map((o: { source?: unknown }) => String(o.source ?? '')).filter(Boolean) : [];
  } catch {
    return [];
  }
}

async function storyCards(store: Store, rows: { id: number; headline: string; article_count: number; outlet_count: number; first_at: number | null; latest_at: number | null; facts: string | null }[], perStory: number): Promise<StoryCard[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => Number(r.id));
  const arts = await store.db
    .selectFrom('articles')
    .select(['id', 'story_id'])
    .where('story_id', 'in', ids)
    .where('duplicate_of', 'is', null)
    .orderBy('published_at', 'desc')
    .limit(ids.length * 40)
    .execute();
  const byStory = new Map<number, number[]>();
  for (const a of arts) {
    const list = byStory.get(Number(a.story_id)) ?? [];
    if (list.length < perStory) list.push(Number(a.id));
    byStory.set(Number(a.story_id), list);
  }
  const cards = new Map((await articleCards(store, [...byStory.values()].flat())).map((c) => [c.id, c]));
  return rows.map((r) => {
    const list = (byStory.get(Number(r.id)) ?? []).map((id) => cards.get(id)!).filter(Boolean);
    const lead = list.find((c) => c.imageUrl) ?? list[0] ?? null;
    return {
      id: Number(r.id),
      headline: r.headline || lead?.title || 'Untitled story',
      articleCount: Number(r.article_count),
      outletCount: Number(r.outlet_count),
      outlets: outletsFromFacts(r.facts),
      firstAt: r.first_at === null ? null : Number(r.first_at),
      latestAt: r.latest_at === null ? null : Number(r.latest_at),
      lead,
      articles: list,
    };
  });
}

/**
 * The archive's "now": the newest publication time not in the future, or `now` when the
 * archive is empty. Windows such as "top stories of the last three days" are measured from
 * it, so an instance that stopped fetching (or the bundled samples from 2025) still shows
 * its latest news instead of empty blocks.
 */
export async function archiveNow(store: Store, now = Date.now()): Promise<number> {
  const r = await store.db.selectFrom('articles').select('published_at').where('published_at', '<=', now).orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  return r?.published_at == null ? now : Math.min(now, Number(r.published_at));
}

/** Top stories: covered by the most outlets among those active in the last `windowDays`, then most recent. */
export async function topStories(store: Store, opts: { now?: number; limit?: number; windowDays?: number } = {}): Promise<StoryCard[]> {
  const now = opts.now ?? Date.now();
  const rows = await store.db
    .selectFrom('stories')
    .select(['id', 'headline', 'article_count', 'outlet_count', 'first_at', 'latest_at', 'facts'])
    .where('latest_at', '>=', now - (opts.windowDays ?? 3) * DAY_MS)
    .where('merged_into', 'is', null)
    .where('outlet_count', '>=', 2)
    .orderBy('outlet_count', 'desc')
    .orderBy('latest_at', 'desc')
    .limit(opts.limit ?? 6)
    .execute();
  return storyCards(store, rows, 4);
}

/** Stories, most recently updated first (API, feeds). */
export async function latestStories(store: Store, opts: { cursor?: string | null; limit?: number } = {}): Promise<PageResult<StoryCard>> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const c = timeCursor(opts.cursor);
  if (opts.cursor && !c) return { kind: 'bad-cursor' };
  let q = store.db
    .selectFrom('stories')
    .select(['id', 'headline', 'article_count', 'outlet_count', 'first_at', 'latest_at', 'facts'])
    .where('merged_into', 'is', null)
    .where('latest_at', 'is not', null)
    .orderBy('latest_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (c) q = q.where((eb) => eb.or([eb('latest_at', '<', c.t), eb.and([eb('latest_at', '=', c.t), eb('id', '<', c.id)])]));
  const rows = await q.execute();
  const items = await storyCards(store, rows.slice(0, limit), 3);
  const last = rows[limit - 1];
  return { kind: 'ok', items, nextCursor: rows.length > limit && last ? encodeCursor({ t: Number(last.latest_at), id: Number(last.id) }) : null };
}

export interface StoryDetail {
  id: number;
  headline: string;
  articleCount: number;
  outletCount: number;
  firstAt: number | null;
  latestAt: number | null;
  /** The StoryFacts JSON (src/stories/facts.ts), parsed; null when not computed yet. */
  facts: unknown;
  articles: ArticleCard[];
}

/** A story by id; a merged story's old id answers `{ kind: 'moved' }` with the live id. */
export async function storyDetail(store: Store, id: number): Promise<{ kind: 'ok'; story: StoryDetail } | { kind: 'moved'; to: number } | { kind: 'not-found' }> {
  const redirect = await store.db.selectFrom('story_redirects').select('to_id').where('from_id', '=', id).executeTakeFirst();
  if (redirect && Number(redirect.to_id) !== id) return { kind: 'moved', to: Number(redirect.to_id) };
  const s = await store.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return { kind: 'not-found' };
  if (s.merged_into !== null && Number(s.merged_into) !== id) return { kind: 'moved', to: Number(s.merged_into) };
  const arts = await store.db.selectFrom('articles').select('id').where('story_id', '=', id).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  let facts: unknown = null;
  try {
    facts = s.facts ? JSON.parse(s.facts) : null;
  } catch {
    facts = null;
  }
  return {
    kind: 'ok',
    story: {
      id,
      headline: s.headline,
      articleCount: Number(s.article_count),
      outletCount: Number(s.outlet_count),
      firstAt: s.first_at === null ? null : Number(s.first_at),
      latestAt: s.latest_at === null ? null : Number(s.latest_at),
      facts,
      articles: await articleCards(store, arts.map((a) => Number(a.id))),
    },
  };
}

// ---------------------------------------------------------------------------
// Article page

export interface ArticleDetail extends ArticleCard {
  canonicalUrl: string;
  byline: string | null;
  lang: string | null;
  status: string;
  outletSiteUrl: string | null;
  bodyHtml: string | null;
  bodyText: string | null;
  bodyUpdatedAt: number | null;
  /** The reading result JSON (ReadResult of src/read/types.ts), unparsed. */
  readJson: string | null;
  readAt: number | null;
  updatedAt: number;
}

export async function articleDetail(store: Store, id: number): Promise<ArticleDetail | null> {
  const r = await store.db
    .selectFrom('articles as a')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .leftJoin('article_bodies as b', 'b.article_id', 'a.id')
    .leftJoin('article_reads as r', 'r.article_id', 'a.id')
    .select([
      'a.id', 'a.title', 'a.url', 'a.canonical_url', 'a.source_id', 's.name as outlet', 's.site_url', 'a.site_name', 'a.byline', 'a.lang', 'a.status',
      'a.published_at', 'a.excerpt', 'a.image_url', 'a.comment_count', 'a.story_id', 'a.duplicate_of', 'a.updated_at',
      'b.html', 'b.text', 'b.feed_html', 'b.updated_at as body_updated_at', 'r.result', 'r.created_at as read_at',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: Number(r.id),
    title: r.title,
    url: r.url,
    canonicalUrl: r.canonical_url,
    outletId: r.source_id === null ? null : Number(r.source_id),
    outlet: r.outlet ?? r.site_name,
    outletSiteUrl: r.site_url,
    byline: r.byline,
    lang: r.lang,
    status: r.status,
    publishedAt: r.published_at === null ? null : Number(r.published_at),
    excerpt: excerptOf(r.excerpt, r.text),
    imageUrl: r.image_url,
    commentCount: Number(r.comment_count),
    storyId: r.story_id === null ? null : Number(r.story_id),
    duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    bodyHtml: r.html ?? (r.text ? null : r.feed_html),
    bodyText: r.text,
    bodyUpdatedAt: r.body_updated_at === null ? null : Number(r.body_updated_at),
    readJson: r.result,
    readAt: r.read_at === null ? null : Number(r.read_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function articleHashtags(store: Store, articleId: number): Promise<{ tag: string; key: string }[]> {
  const rows = await store.db.selectFrom('article_hashtags').select(['tag', 'tag_key']).where('article_id', '=', articleId).orderBy('tag_key').execute();
  return rows.map((r) => ({ tag: r.tag, key: r.tag_key }));
}

export interface EntityLink {
  id: number;
  kind: string;
  slug: string;
  name: string;
  mentions: number;
}

export async function articleEntities(store: Store, articleId: number): Promise<EntityLink[]> {
  const rows = await store.db
    .selectFrom('article_entities as ae')
    .innerJoin('entities as e', 'e.id', 'ae.entity_id')
    .select(['e.id', 'e.kind', 'e.slug', 'e.name', 'ae.mentions'])
    .where('ae.article_id', '=', articleId)
    .orderBy('ae.mentions', 'desc')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, slug: r.slug, name: r.name, mentions: Number(r.mentions) }));
}

/** Other outlets' copies of a wire story: the canonical copy and its duplicates, except this article. */
export async function otherCopies(store: Store, article: { id: number; duplicateOf: number | null }): Promise<ArticleCard[]> {
  const canonical = article.duplicateOf ?? article.id;
  const rows = await store.db
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('duplicate_of', '=', canonical), eb('id', '=', canonical)]))
    .where('id', '!=', article.id)
    .orderBy('published_at')
    .limit(50)
    .execute();
  return articleCards(store, rows.map((r) => Number(r.id)));
}

/**
 * Related articles: first the other articles of the same story (newest first), then
 * articles sharing hashtags or entities with this one, scored by what they share and
 * halved every 14 days of age difference. Never the article itself, its copies, or two
 * copies of one wire story.
 */
export async function relatedArticles(store: Store, article: { id: number; storyId: number | null; duplicateOf: number | null; publishedAt: number | null }, limit = 6): Promise<ArticleCard[]> {
  const own = article.duplicateOf ?? article.id;
  const score = new Map<number, number>();
  const sameStory: number[] = [];
  if (article.storyId !== null) {
    const rows = await store.db.selectFrom('articles').select('id').where('story_id', '=', article.storyId).where('id', '!=', article.id).orderBy('published_at', 'desc').limit(30).execute();
    for (const r of rows) sameStory.push(Number(r.id));
  }
  const tags = await store.db.selectFrom('article_hashtags').select('tag_key').where('article_id', '=', article.id).limit(10).execute();
  for (const t of tags) {
    const rows = await store.db.selectFrom('article_hashtags').select('article_id').where('tag_key', '=', t.tag_key).orderBy('published_at', 'desc').limit(40).execute();
    for (const r of rows) score.set(Number(r.article_id), (score.get(Number(r.article_id)) ?? 0) + 1);
  }
  const ents = await store.db
    .selectFrom('article_entities as ae')
    .innerJoin('entities as e', 'e.id', 'ae.entity_id')
    .select(['ae.entity_id', 'e.article_count'])
    .where('ae.article_id', '=', article.id)
    .orderBy('ae.mentions', 'desc')
    .limit(8)
    .execute();
  for (const e of ents) {
    // Rarer entities say more: weight by inverse log frequency.
    const weight = 1.5 / Math.log2(2 + Number(e.article_count) / 50);
    const rows = await store.db.selectFrom('article_entities').select('article_id').where('entity_id', '=', e.entity_id).orderBy('article_id', 'desc').limit(40).execute();
    for (const r of rows) score.set(Number(r.article_id), (score.get(Number(r.article_id)) ?? 0) + weight);
  }
  const candidateIds = [...new Set([...sameStory, ...[...score.entries()].filter(([, s]) => s >= 1.5).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([id]) => id)])];
  const cards = await articleCards(store, candidateIds.filter((id) => id !== article.id));
  const t0 = article.publishedAt ?? Date.now();
  const groups = new Set<number>([own]);
  const out: ArticleCard[] = [];
  const take = (c: ArticleCard) => {
    const group = c.duplicateOf ?? c.id;
    if (c.id === article.id || groups.has(group) || c.duplicateOf === article.id) return;
    groups.add(group);
    out.push(c);
  };
  const story = cards.filter((c) => c.storyId !== null && c.storyId === article.storyId).sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  story.forEach(take);
  const similar = cards
    .filter((c) => !(c.storyId !== null && c.storyId === article.storyId))
    .map((c) => ({ c, s: (score.get(c.id) ?? 0) * Math.pow(0.5, Math.abs(t0 - (c.publishedAt ?? t0)) / (14 * DAY_MS)) }))
    .sort((a, b) => b.s - a.s || (b.c.publishedAt ?? 0) - (a.c.publishedAt ?? 0));
  for (const { c } of similar) take(c);
  return out.slice(0, limit);
}

// ---------------------------------------------------------------------------
// Outlets, hashtags, entities

export interface OutletInfo {
  id: number;
  name: string;
  siteUrl: string | null;
  feedUrl: string;
  status: string;
  lastSuccessAt: number | null;
  lastError: string | null;
  errorStreak: number;
  nextFetchAt: number | null;
}

export async function outletInfo(store: Store, id: number): Promise<OutletInfo | null> {
  const r = await store.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return { id: Number(r.id), name: r.name, siteUrl: r.site_url, feedUrl: r.feed_url, status: r.status, lastSuccessAt: r.last_success_at === null ? null : Number(r.last_success_at), lastError: r.last_error, errorStreak: Number(r.error_streak), nextFetchAt: r.next_fetch_at === null ? null : Number(r.next_fetch_at) };
}

/** Every outlet, by name (outlets number in the hundreds, not the millions). */
export async function allOutlets(store: Store): Promise<OutletInfo[]> {
  const rows = await store.db.selectFrom('sources').selectAll().orderBy('name').limit(5000).execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, siteUrl: r.site_url, feedUrl: r.feed_url, status: r.status, lastSuccessAt: r.last_success_at === null ? null : Number(r.last_success_at), lastError: r.last_error, errorStreak: Number(r.error_streak), nextFetchAt: r.next_fetch_at === null ? null : Number(r.next_fetch_at) }));
}

/** The display form of a hashtag and whether any article carries it. */
export async function hashtagInfo(store: Store, key: string): Promise<{ tag: string; key: string } | null> {
  const k = key.toLowerCase().replace(/^#/, '');
  const r = await store.db.selectFrom('article_hashtags').select('tag').where('tag_key', '=', k).orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  return r ? { tag: r.tag, key: k } : null;
}

/** Hashtags used most since `sinceMs` (uses the published_at index to bound the scan). */
export async function trendingHashtags(store: Store, opts: { sinceMs: number; limit?: number }): Promise<{ tag: string; key: string; count: number }[]> {
  // Counted over the newest 5,000 tag links at most, so the cost stays flat as the archive grows.
  const recent = store.db.selectFrom('article_hashtags').select(['tag_key', 'tag']).where('published_at', '>=', opts.sinceMs).orderBy('published_at', 'desc').limit(5000).as('r');
  const rows = await store.db
    .selectFrom(recent)
    .select((eb) => ['r.tag_key', eb.fn.max('r.tag').as('tag'), eb.fn.countAll<number>().as('n')])
    .groupBy('r.tag_key')
    .orderBy('n', 'desc')
    .orderBy('r.tag_key')
    .limit(opts.limit ?? 20)
    .execute();
  return rows.map((r) => ({ tag: String(r.tag), key: r.tag_key, count: Number(r.n) }));
}

export async function entityInfo(store: Store, kind: string, slug: string): Promise<EntityLink & { articleCount: number } | null> {
  const r = await store.db.selectFrom('entities').selectAll().where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
  return r ? { id: Number(r.id), kind: r.kind, slug: r.slug, name: r.name, mentions: 0, articleCount: Number(r.article_count) } : null;
}

export async function entityById(store: Store, id: number): Promise<EntityLink | null> {
  const r = await store.db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: Number(r.id), kind: r.kind, slug: r.slug, name: r.name, mentions: 0 } : null;
}

/** Articles naming an entity, newest first by article id (cursor: the last id). */
export async function entityArticles(store: Store, entityId: number, opts: { cursor?: string | null; limit?: number } = {}): Promise<PageResult<ArticleCard>> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const c = opts.cursor ? decodeCursor(opts.cursor) : null;
  if (opts.cursor && (!c || typeof c.id !== 'number')) return { kind: 'bad-cursor' };
  let q = store.db.selectFrom('article_entities').select('article_id').where('entity_id', '=', entityId).orderBy('article_id', 'desc').limit(limit + 1);
  if (c) q = q.where('article_id', '<', c.id as number);
  const rows = await q.execute();
  const ids = rows.slice(0, limit).map((r) => Number(r.article_id));
  return { kind: 'ok', items: await articleCards(store, ids), nextCursor: rows.length > limit ? encodeCursor({ id: ids[ids.length - 1]! }) : null };
}

// ---------------------------------------------------------------------------
// Readers: saved articles and "For you"

export async function savedArticles(store: Store, userId: number, opts: { cursor?: string | null; limit?: number } = {}): Promise<PageResult<ArticleCard>> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const c = timeCursor(opts.cursor);
  if (opts.cursor && !c) return { kind: 'bad-cursor' };
  let q = webDb(store).selectFrom('saved_articles').select(['article_id as id', 'created_at as t']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('article_id', 'desc').limit(limit + 1);
  if (c) q = q.where((eb) => eb.or([eb('created_at', '<', c.t), eb.and([eb('created_at', '=', c.t), eb('article_id', '<', c.id)])]));
  const p = pageOf((await q.execute()) as { id: number; t: number }[], limit);
  return { kind: 'ok', items: await articleCards(store, p.ids), nextCursor: p.nextCursor };
}

/** Articles from the outlets, hashtags and entities a reader follows, newest first. */
export async function forYouArticles(store: Store, follows: { kind: FollowKind; target: string }[], opts: { cursor?: string | null; limit?: number } = {}): Promise<PageResult<ArticleCard>> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const c = timeCursor(opts.cursor);
  if (opts.cursor && !c) return { kind: 'bad-cursor' };
  const outlets = follows.filter((f) => f.kind === 'outlet').map((f) => Number(f.target)).filter(Number.isInteger);
  const tags = follows.filter((f) => f.kind === 'hashtag').map((f) => f.target);
  const entities = follows.filter((f) => f.kind === 'entity').map((f) => Number(f.target)).filter(Number.isInteger);
  if (!outlets.length && !tags.length && !entities.length) return { kind: 'ok', items: [], nextCursor: null };
  let q = store.db
    .selectFrom('articles as a')
    .select(['a.id as id', 'a.published_at as t'])
    .where('a.published_at', 'is not', null)
    .where(sql`COALESCE(a.duplicate_of, 0)`, '=', 0)
    .where((eb) => {
      const ors = [];
      if (outlets.length) ors.push(eb('a.source_id', 'in', outlets));
      if (tags.length) ors.push(eb.exists(eb.selectFrom('article_hashtags as h').select('h.article_id').whereRef('h.article_id', '=', 'a.id').where('h.tag_key', 'in', tags)));
      if (entities.length) ors.push(eb.exists(eb.selectFrom('article_entities as ae').select('ae.article_id').whereRef('ae.article_id', '=', 'a.id').where('ae.entity_id', 'in', entities)));
      return eb.or(ors);
    })
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1);
  if (c) q = q.where((eb) => eb.or([eb('a.published_at', '<', c.t), eb.and([eb('a.published_at', '=', c.t), eb('a.id', '<', c.id)])]));
  const p = pageOf((await q.execute()) as { id: number; t: number }[], limit);
  return { kind: 'ok', items: await articleCards(store, p.ids), nextCursor: p.nextCursor };
}
