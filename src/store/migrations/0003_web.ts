/**
 * The website's tables. Frozen once shipped.
 * - Full-text search: on SQLite a contentless FTS5 table (rowid = article id; the text
 *   lives in articles/article_bodies, so the index holds only tokens); on PostgreSQL a side
 *   table with a tsvector and a GIN index. Both are written by `index-article`.
 * - Accounts: saved articles, follows (outlet, hashtag, entity), personal API tokens
 *   (hashes only), comment reports (one per reader and comment), and fixed-window rate
 *   limit counters shared by every web process.
 */
import { sql, type Kysely } from 'kysely';

function isPg(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPg(db)) {
    await db.schema
      .createTable('article_search')
      .addColumn('article_id', 'bigint', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('doc', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX article_search_doc_idx ON article_search USING GIN (doc)`.execute(db);
  } else {
    // Diacritics folded (remove_diacritics 2) and English stems (porter) for both title and body.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  }

  await db.schema
    .createTable('saved_articles')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_articles_pk', ['user_id', 'article_id'])
    .execute();
  await db.schema.createIndex('saved_articles_user_idx').on('saved_articles').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('follows')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'outlet' | 'hashtag' | 'entity'
    .addColumn('target', 'text', (c) => c.notNull()) // source id, tag key or entity id
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['user_id', 'kind', 'target'])
    .execute();

  const tokens = isPg(db) ? db.schema.createTable('api_tokens').addColumn('id', 'bigserial', (c) => c.primaryKey()) : db.schema.createTable('api_tokens').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await tokens
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('comment_reports')
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reports_pk', ['comment_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_start').execute();

  // Moderation queue (reported or hidden comments, newest first) and per-user listings.
  await db.schema.createIndex('comments_status_idx').on('comments').columns(['status', 'report_count', 'id']).execute();
  await db.schema.createIndex('comments_user_idx').on('comments').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('article_hashtags_published_idx').on('article_hashtags').columns(['published_at']).execute();
  await db.schema.createIndex('stories_merged_idx').on('stories').columns(['merged_into', 'latest_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0003_web cannot be reverted');
}
