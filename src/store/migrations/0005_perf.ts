/**
 * Indexes for the website at scale. Frozen once shipped.
 * - Trending hashtags read the newest tag links of the last days (published_at, tag_key,
 *   tag): covering, so the count never visits the table.
 * - PostgreSQL: statistics on COALESCE(duplicate_of, 0), the canonical-copy test of every
 *   list and search. Without them the planner guesses that 0.5% of articles are canonical
 *   (nearly all are) and, for a common search word, checks the query against every
 *   article and sorts them all (1.4 s at 100,000 articles) instead of walking the newest
 *   ids until the ranking window is full (50 ms).
 */
import { sql, type Kysely } from 'kysely';

function isPg(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('article_hashtags_recent_idx').on('article_hashtags').columns(['published_at', 'tag_key', 'tag']).execute();
  if (isPg(db)) await sql`CREATE STATISTICS articles_canonical_stats ON (COALESCE(duplicate_of, 0)) FROM articles`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0005_perf cannot be reverted');
}
