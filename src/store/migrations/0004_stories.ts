/**
 * Story placement log and locks. Frozen once shipped.
 * - placements: one row per placed article, in placement order (seq). Worker processes
 *   replay it to keep their in-memory story engine in step with each other.
 * - story_redirects: a merged story's old id points at the story it became.
 * - locks: named leases, for work that must run one at a time across processes.
 */
import type { Kysely } from 'kysely';

function isPg(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  const seq = isPg(db) ? db.schema.createTable('placements').addColumn('seq', 'bigserial', (c) => c.primaryKey()) : db.schema.createTable('placements').addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
  await seq
    .addColumn('article_id', 'bigint', (c) => c.notNull().unique().references('articles.id').onDelete('cascade'))
    .addColumn('story_id', 'bigint', (c) => c.notNull())
    .addColumn('duplicate_of', 'bigint')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('placements_published_idx').on('placements').columns(['published_at']).execute();

  await db.schema
    .createTable('story_redirects')
    .addColumn('from_id', 'bigint', (c) => c.primaryKey())
    .addColumn('to_id', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0004_stories cannot be reverted');
}
