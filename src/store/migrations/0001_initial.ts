/**
 * The first schema. Frozen: never edit a shipped migration, add a new one.
 * Migrations take Kysely<any> and import nothing from the app.
 */
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';

function isPg(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

function withId(db: Kysely<any>, t: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return isPg(db) ? t.addColumn('id', 'bigserial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('sources'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text')
    .addColumn('feed_url', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('feed'))
    .addColumn('folder', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'bigint')
    .addColumn('last_success_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('error_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'bigint')
    .addColumn('poll_interval_s', 'integer')
    .addColumn('rules', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hosts')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('next_allowed_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('in_flight', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('robots_txt', 'text')
    .addColumn('robots_fetched_at', 'bigint')
    .addColumn('backoff_until', 'bigint')
    .execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('source_id', 'bigint', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('guid', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('canonical_url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('byline', 'text')
    .addColumn('published_at', 'bigint')
    .addColumn('feed_updated_at', 'bigint')
    .addColumn('fetched_at', 'bigint')
    .addColumn('lang', 'text')
    .addColumn('site_name', 'text')
    .addColumn('image_url', 'text')
    .addColumn('excerpt', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('is_partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extractor_version', 'integer')
    .addColumn('error', 'text')
    .addColumn('duplicate_of', 'bigint')
    .addColumn('story_id', 'bigint')
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('articles_source_guid_unique', ['source_id', 'guid'])
    .execute();
  await db.schema.createIndex('articles_published_idx').on('articles').columns(['published_at', 'id']).execute();
  await db.schema.createIndex('articles_source_published_idx').on('articles').columns(['source_id', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_story_idx').on('articles').columns(['story_id', 'published_at']).execute();
  await db.schema.createIndex('articles_content_hash_idx').on('articles').column('content_hash').execute();
  await db.schema.createIndex('articles_duplicate_of_idx').on('articles').column('duplicate_of').execute();

  await db.schema
    .createTable('article_bodies')
    .addColumn('article_id', 'bigint', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('feed_html', 'text')
    .addColumn('text', 'text')
    .addColumn('html', 'text')
    .addColumn('raw_hash', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article_reads')
    .addColumn('article_id', 'bigint', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('engine_version', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('entities'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('entities_kind_slug_unique', ['kind', 'slug'])
    .execute();

  await db.schema
    .createTable('article_entities')
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('mentions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_entities_pk', ['article_id', 'entity_id'])
    .execute();
  await db.schema.createIndex('article_entities_entity_idx').on('article_entities').columns(['entity_id', 'article_id']).execute();

  await db.schema
    .createTable('article_hashtags')
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .addPrimaryKeyConstraint('article_hashtags_pk', ['article_id', 'tag_key'])
    .execute();
  await db.schema.createIndex('article_hashtags_tag_idx').on('article_hashtags').columns(['tag_key', 'published_at', 'article_id']).execute();

  await withId(db, db.schema.createTable('stories'))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint')
    .addColumn('latest_at', 'bigint')
    .addColumn('article_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outlet_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into', 'bigint')
    .addColumn('facts', 'text')
    .addColumn('state', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_rank_idx').on('stories').columns(['latest_at', 'outlet_count']).execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('reader'))
    .addColumn('is_banned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('comments'))
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'bigint')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .execute();
  await db.schema.createIndex('comments_article_idx').on('comments').columns(['article_id', 'created_at']).execute();

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('leased_until', 'bigint')
    .addColumn('lease_owner', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // The lease query scans queued jobs by due time; running ones by lease expiry.
  await db.schema.createIndex('jobs_ready_idx').on('jobs').columns(['state', 'run_at', 'priority']).execute();
  await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['state', 'leased_until']).execute();
  if (isPg(db)) await sql`ALTER TABLE jobs SET (fillfactor = 80)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0001_initial cannot be reverted');
}
