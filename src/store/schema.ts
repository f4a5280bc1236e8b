/**
 * Table types for Kysely. Times are integers (milliseconds since the epoch) in both
 * databases, booleans are 0/1 integers and JSON is text, so that one query serves
 * SQLite and PostgreSQL alike. These types stay inside src/store.
 */
import type { Generated, ColumnType } from 'kysely';

type Id = Generated<number>;

export interface SourcesTable {
  id: Id;
  name: string;
  site_url: string | null;
  feed_url: string;
  kind: string; // 'feed' | 'page'
  folder: string | null;
  status: string; // 'active' | 'paused' | 'gone'
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  error_streak: ColumnType<number, number | undefined, number>;
  next_fetch_at: number | null;
  poll_interval_s: number | null;
  rules: string | null; // JSON: per-outlet extraction rules
  created_at: number;
  updated_at: number;
}

export interface HostsTable {
  host: string;
  next_allowed_at: number;
  in_flight: ColumnType<number, number | undefined, number>;
  robots_txt: string | null;
  robots_fetched_at: number | null;
  backoff_until: number | null;
}

export interface ArticlesTable {
  id: Id;
  source_id: number | null;
  guid: string | null;
  url: string;
  canonical_url: string;
  title: string;
  byline: string | null;
  published_at: number | null;
  feed_updated_at: number | null;
  fetched_at: number | null;
  lang: string | null;
  site_name: string | null;
  image_url: string | null;
  excerpt: string | null;
  content_hash: string | null;
  status: string; // 'new' | 'fetched' | 'extracted' | 'read' | 'placed' | 'failed'
  is_partial: ColumnType<number, number | undefined, number>;
  extractor_version: number | null;
  error: string | null;
  duplicate_of: number | null;
  story_id: number | null;
  comment_count: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface ArticleBodiesTable {
  article_id: number;
  feed_html: string | null;
  text: string | null;
  html: string | null;
  raw_hash: string | null;
  updated_at: number;
}

export interface ArticleReadsTable {
  article_id: number;
  engine_version: number;
  result: string; // JSON ReadResult
  created_at: number;
}

export interface EntitiesTable {
  id: Id;
  kind: string; // 'person' | 'organization' | 'place'
  slug: string;
  name: string;
  article_count: ColumnType<number, number | undefined, number>;
}

export interface ArticleEntitiesTable {
  article_id: number;
  entity_id: number;
  mentions: number;
}

export interface ArticleHashtagsTable {
  article_id: number;
  tag: string; // without '#', case as displayed
  tag_key: string; // lower-case key for lookups
  published_at: number | null;
}

export interface StoriesTable {
  id: Id;
  headline: string;
  first_at: number | null;
  latest_at: number | null;
  article_count: ColumnType<number, number | undefined, number>;
  outlet_count: ColumnType<number, number | undefined, number>;
  merged_into: number | null;
  facts: string | null; // JSON story facts
  state: string | null; // JSON clustering state (centroid terms)
  updated_at: number;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  password_hash: string;
  role: string; // 'reader' | 'moderator' | 'admin'
  is_banned: ColumnType<number, number | undefined, number>;
  created_at: number;
}

export interface SessionsTable {
  id: string; // hash of the cookie token
  user_id: number;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export interface CommentsTable {
  id: Id;
  article_id: number;
  user_id: number;
  parent_id: number | null;
  body: string;
  status: string; // 'visible' | 'hidden' | 'deleted'
  report_count: ColumnType<number, number | undefined, number>;
  created_at: number;
  edited_at: number | null;
}

export interface JobsTable {
  id: Id;
  kind: string;
  payload: string; // JSON
  dedupe_key: string | null;
  state: string; // 'queued' | 'running' | 'done' | 'dead'
  priority: ColumnType<number, number | undefined, number>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  run_at: number;
  leased_until: number | null;
  lease_owner: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface PlacementsTable {
  seq: Id;
  article_id: number;
  story_id: number;
  duplicate_of: number | null;
  published_at: number;
  placed_at: number;
}

export interface StoryRedirectsTable {
  from_id: number;
  to_id: number;
}

export interface LocksTable {
  name: string;
  holder: string | null;
  until: number;
}

export interface Database {
  placements: PlacementsTable;
  story_redirects: StoryRedirectsTable;
  locks: LocksTable;
  sources: SourcesTable;
  hosts: HostsTable;
  articles: ArticlesTable;
  article_bodies: ArticleBodiesTable;
  article_reads: ArticleReadsTable;
  entities: EntitiesTable;
  article_entities: ArticleEntitiesTable;
  article_hashtags: ArticleHashtagsTable;
  stories: StoriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  comments: CommentsTable;
  jobs: JobsTable;
}
