/**
 * Stories in the database: the placement log that worker processes replay, story rows
 * with their facts, merges with redirects, and the article inputs the story engine needs.
 */
import type { Store } from './db.ts';

export interface PlacementInput {
  id: number;
  title: string;
  text: string;
  publishedMs: number;
  source: string;
  entities: string[];
}

export interface PlacementRow {
  seq: number;
  articleId: number;
  storyId: number;
  duplicateOf: number | null;
}

/** Article inputs for the story engine, in the order given. */
export async function placementInputs(store: Store, ids: number[]): Promise<Map<number, PlacementInput>> {
  const out = new Map<number, PlacementInput>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.db
      .selectFrom('articles')
      .leftJoin('article_bodies', 'article_bodies.article_id', 'articles.id')
      .leftJoin('sources', 'sources.id', 'articles.source_id')
      .select(['articles.id', 'articles.title', 'articles.published_at', 'articles.created_at', 'articles.site_name', 'articles.excerpt', 'article_bodies.text', 'sources.name as source_name'])
      .where('articles.id', 'in', chunk)
      .execute();
    const ents = await store.db
      .selectFrom('article_entities')
      .innerJoin('entities', 'entities.id', 'article_entities.entity_id')
      .select(['article_entities.article_id', 'entities.name'])
      .where('article_entities.article_id', 'in', chunk)
      .orderBy('article_entities.mentions', 'desc')
      .execute();
    const byArticle = new Map<number, string[]>();
    for (const e of ents) {
      const list = byArticle.get(Number(e.article_id)) ?? [];
      list.push(e.name);
      byArticle.set(Number(e.article_id), list);
    }
    for (const r of rows) {
      const id = Number(r.id);
      out.set(id, {
        id,
        title: r.title,
        text: r.text ?? r.excerpt ?? '',
        publishedMs: Number(r.published_at ?? r.created_at),
        source: r.source_name ?? r.site_name ?? '',
        entities: byArticle.get(id) ?? [],
      });
    }
  }
  return out;
}

/** Placements after `afterSeq`, oldest first; with `sinceMs`, only articles published since then. */
export async function placementsAfter(store: Store, afterSeq: number, opts: { sinceMs?: number; limit?: number } = {}): Promise<PlacementRow[]> {
  let q = store.db.selectFrom('placements').select(['seq', 'article_id', 'story_id', 'duplicate_of']).where('seq', '>', afterSeq).orderBy('seq').limit(opts.limit ?? 5000);
  if (opts.sinceMs !== undefined) q = q.where('published_at', '>=', opts.sinceMs);
  return (await q.execute()).map((r) => ({ seq: Number(r.seq), articleId: Number(r.article_id), storyId: Number(r.story_id), duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of) }));
}

export async function latestPlacement(store: Store): Promise<{ seq: number; publishedMs: number } | null> {
  const r = await store.db.selectFrom('placements').select(['seq', 'published_at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? { seq: Number(r.seq), publishedMs: Number(r.published_at) } : null;
}

export async function placementOf(store: Store, articleId: number): Promise<PlacementRow | null> {
  const r = await store.db.selectFrom('placements').select(['seq', 'article_id', 'story_id', 'duplicate_of']).where('article_id', '=', articleId).executeTakeFirst();
  return r ? { seq: Number(r.seq), articleId: Number(r.article_id), storyId: Number(r.story_id), duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of) } : null;
}

export interface PlacementWrite {
  articleId: number;
  storyId: number;
  duplicateOf: number | null;
  publishedMs: number;
  headline: { articleId: number; title: string } | null;
  merged: { from: number; into: number }[];
  /** Articles whose canonical copy changed: their new duplicate_of. */
  duplicateChanges: { articleId: number; duplicateOf: number | null }[];
}

/** Records one placement and its consequences (story row, merges, duplicate links) in one transaction. */
export async function recordPlacement(store: Store, w: PlacementWrite, now = Date.now()): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    const ins = await trx
      .insertInto('placements')
      .values({ article_id: w.articleId, story_id: w.storyId, duplicate_of: w.duplicateOf, published_at: w.publishedMs, placed_at: now })
      .onConflict((oc) => oc.column('article_id').doNothing())
      .returning('seq')
      .executeTakeFirst();
    const existing = await trx.selectFrom('stories').select('id').where('id', '=', w.storyId).executeTakeFirst();
    if (!existing) {
      await trx.insertInto('stories').values({ id: w.storyId as never, headline: w.headline?.title ?? '', first_at: w.publishedMs, latest_at: w.publishedMs, article_count: 0, outlet_count: 0, updated_at: now }).execute();
    } else if (w.headline) {
      await trx.updateTable('stories').set({ headline: w.headline.title, updated_at: now }).where('id', '=', w.storyId).execute();
    }
    for (const m of w.merged) {
      await trx.updateTable('articles').set({ story_id: m.into, updated_at: now }).where('story_id', '=', m.from).execute();
      await trx.updateTable('placements').set({ story_id: m.into }).where('story_id', '=', m.from).execute();
      await trx.updateTable('stories').set({ merged_into: m.into, updated_at: now }).where('id', '=', m.from).execute();
      await trx.updateTable('story_redirects').set({ to_id: m.into }).where('to_id', '=', m.from).execute();
      await trx.insertInto('story_redirects').values({ from_id: m.from, to_id: m.into }).onConflict((oc) => oc.column('from_id').doUpdateSet({ to_id: m.into })).execute();
    }
    await trx.updateTable('articles').set({ story_id: w.storyId, duplicate_of: w.duplicateOf, status: 'placed', updated_at: now }).where('id', '=', w.articleId).execute();
    for (const d of w.duplicateChanges) {
      await trx.updateTable('articles').set({ duplicate_of: d.duplicateOf, updated_at: now }).where('id', '=', d.articleId).execute();
      await trx.updateTable('placements').set({ duplicate_of: d.duplicateOf }).where('article_id', '=', d.articleId).execute();
    }
    return ins ? Number(ins.seq) : -1;
  });
}

/** Everything a story's facts are computed from: its articles with outlet, time and read. */
export async function storyArticlesWithReads(store: Store, storyId: number, limit = 200) {
  return store.db
    .selectFrom('articles')
    .leftJoin('sources', 'sources.id', 'articles.source_id')
    .leftJoin('article_reads', 'article_reads.article_id', 'articles.id')
    .leftJoin('article_bodies', 'article_bodies.article_id', 'articles.id')
    .select(['articles.id', 'articles.title', 'articles.published_at', 'articles.created_at', 'articles.site_name', 'sources.name as source_name', 'article_reads.result', 'article_bodies.text'])
    .where('articles.story_id', '=', storyId)
    .orderBy('articles.published_at')
    .limit(limit)
    .execute();
}

export async function saveStoryFacts(store: Store, storyId: number, facts: { articleCount: number; outletCount: number; first: { publishedMs: number } | null; latest: { publishedMs: number } | null }, now = Date.now()): Promise<void> {
  await store.db
    .updateTable('stories')
    .set({ facts: JSON.stringify(facts), article_count: facts.articleCount, outlet_count: facts.outletCount, first_at: facts.first?.publishedMs ?? null, latest_at: facts.latest?.publishedMs ?? null, updated_at: now })
    .where('id', '=', storyId)
    .execute();
}

/** Follows merge redirects to the live story id. */
export async function resolveStoryId(store: Store, id: number): Promise<number> {
  const r = await store.db.selectFrom('story_redirects').select('to_id').where('from_id', '=', id).executeTakeFirst();
  return r ? Number(r.to_id) : id;
}

/** Forgets placements of articles published since `sinceMs` so they can be placed again (`stories rebuild`). */
export async function clearPlacementsSince(store: Store, sinceMs: number): Promise<number[]> {
  const rows = await store.db.selectFrom('placements').select('article_id').where('published_at', '>=', sinceMs).execute();
  const ids = rows.map((r) => Number(r.article_id));
  await store.db.deleteFrom('placements').where('published_at', '>=', sinceMs).execute();
  for (let i = 0; i < ids.length; i += 500) {
    await store.db.updateTable('articles').set({ story_id: null, duplicate_of: null }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
  return ids;
}

/** Removes stories left without articles (after a rebuild), with redirects that point at them. */
export async function deleteEmptyStories(store: Store): Promise<number> {
  const empty = await store.db
    .selectFrom('stories')
    .select('id')
    .where('merged_into', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('articles').select('articles.id').whereRef('articles.story_id', '=', 'stories.id'))))
    .execute();
  const ids = empty.map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await store.db.deleteFrom('story_redirects').where('to_id', 'in', chunk).execute();
    await store.db.deleteFrom('stories').where('id', 'in', chunk).execute();
  }
  return ids.length;
}
