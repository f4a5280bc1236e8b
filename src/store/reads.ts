/**
 * Reading results: the JSON beside each article, plus the narrow link tables that pages
 * and search filter by (article ↔ entity, article ↔ hashtag). Saving is idempotent: a
 * re-read replaces the article's links in one transaction.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';

export interface ReadEntities {
  people: { name: string; mentions: number }[];
  organizations: { name: string; mentions: number }[];
  places: { name: string; mentions: number }[];
}

export interface ArticleForReading {
  id: number;
  title: string;
  text: string;
  publishedAt: number | null;
  lang: string | null;
}

export function entitySlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\u0080-\uffff]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

export async function articleForReading(store: Store, id: number): Promise<ArticleForReading | null> {
  const row = await store.db
    .selectFrom('articles')
    .leftJoin('article_bodies', 'article_bodies.article_id', 'articles.id')
    .select(['articles.id', 'articles.title', 'articles.published_at', 'articles.lang', 'article_bodies.text', 'articles.excerpt'])
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return { id: Number(row.id), title: row.title, text: row.text ?? row.excerpt ?? '', publishedAt: row.published_at === null ? null : Number(row.published_at), lang: row.lang };
}

const KINDS = [
  ['people', 'person'],
  ['organizations', 'organization'],
  ['places', 'place'],
] as const;

export async function saveRead(store: Store, articleId: number, engineVersion: number, result: { lang: string; hashtags: string[]; entities: ReadEntities }, now = Date.now()): Promise<void> {
  const json = JSON.stringify(result);
  await store.db.transaction().execute(async (trx) => {
    const article = await trx.selectFrom('articles').select(['published_at']).where('id', '=', articleId).executeTakeFirst();
    if (!article) return;
    await trx
      .insertInto('article_reads')
      .values({ article_id: articleId, engine_version: engineVersion, result: json, created_at: now })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ engine_version: engineVersion, result: json, created_at: now }))
      .execute();
    // Replace this article's links; keep the per-entity article counts right.
    const old = await trx.selectFrom('article_entities').select('entity_id').where('article_id', '=', articleId).execute();
    if (old.length) {
      await trx.deleteFrom('article_entities').where('article_id', '=', articleId).execute();
      await trx
        .updateTable('entities')
        .set((eb) => ({ article_count: eb('article_count', '-', 1) }))
        .where('id', 'in', old.map((o) => o.entity_id))
        .execute();
    }
    const links = new Map<number, number>();
    for (const [key, kind] of KINDS) {
      for (const e of result.entities[key] ?? []) {
        const slug = entitySlug(e.name);
        if (!slug) continue;
        await trx.insertInto('entities').values({ kind, slug, name: e.name, article_count: 0 }).onConflict((oc) => oc.columns(['kind', 'slug']).doNothing()).execute();
        const ent = await trx.selectFrom('entities').select('id').where('kind', '=', kind).where('slug', '=', slug).executeTakeFirstOrThrow();
        const id = Number(ent.id);
        links.set(id, (links.get(id) ?? 0) + e.mentions);
      }
    }
    if (links.size) {
      await trx
        .insertInto('article_entities')
        .values([...links].map(([entity_id, mentions]) => ({ article_id: articleId, entity_id, mentions })))
        .execute();
      await trx
        .updateTable('entities')
        .set((eb) => ({ article_count: eb('article_count', '+', 1) }))
        .where('id', 'in', [...links.keys()])
        .execute();
    }
    await trx.deleteFrom('article_hashtags').where('article_id', '=', articleId).execute();
    const tags = new Map<string, string>();
    for (const tag of result.hashtags) {
      const clean = tag.replace(/^#/, '');
      if (clean) tags.set(clean.toLowerCase(), clean);
    }
    if (tags.size) {
      await trx
        .insertInto('article_hashtags')
        .values([...tags].map(([tag_key, tag]) => ({ article_id: articleId, tag, tag_key, published_at: article.published_at })))
        .execute();
    }
    // A placed article stays placed when a stale read (lease lost) finishes late; see test/faults/late-run.test.ts.
    await trx.updateTable('articles').set({ status: sql<string>`case when status = 'placed' then status else 'read' end`, lang: result.lang, updated_at: now }).where('id', '=', articleId).execute();
  });
}

export async function loadRead<T = unknown>(store: Store, articleId: number): Promise<{ engineVersion: number; result: T } | null> {
  const r = await store.db.selectFrom('article_reads').select(['engine_version', 'result']).where('article_id', '=', articleId).executeTakeFirst();
  return r ? { engineVersion: r.engine_version, result: JSON.parse(r.result) as T } : null;
}
