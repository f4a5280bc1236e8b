/**
 * Table types of the website's migration (0003_web). Kept beside, not inside, schema.ts so
 * the website's tables travel with its code; `webDb(store)` gives a Kysely typed for both.
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './db.ts';

export interface SavedArticlesTable {
  user_id: number;
  article_id: number;
  created_at: number;
}
export interface FollowsTable {
  user_id: number;
  kind: string; // 'outlet' | 'hashtag' | 'entity'
  target: string;
  created_at: number;
}
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}
export interface CommentReportsTable {
  comment_id: number;
  user_id: number;
  reason: string | null;
  created_at: number;
}
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}
export interface ArticleSearchTable {
  article_id: number;
  doc: unknown;
}

export interface WebDatabase extends Database {
  saved_articles: SavedArticlesTable;
  follows: FollowsTable;
  api_tokens: ApiTokensTable;
  comment_reports: CommentReportsTable;
  rate_limits: RateLimitsTable;
  article_search: ArticleSearchTable;
}

/** The store's Kysely instance, typed with the website's tables too (same connection). */
export function webDb(store: Store): Kysely<WebDatabase> {
  return store.db as unknown as Kysely<WebDatabase>;
}

/** Opaque pagination cursors: base64url JSON. A cursor that does not decode is `null`. */
export function encodeCursor(value: Record<string, number | string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
export function decodeCursor(cursor: string | null | undefined): Record<string, unknown> | null {
  if (!cursor || cursor.length > 400) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
/** A cursor for lists ordered by (time desc, id desc). */
export function timeCursor(cursor: string | null | undefined): { t: number; id: number } | null {
  const v = decodeCursor(cursor);
  if (!v || typeof v.t !== 'number' || typeof v.id !== 'number' || !Number.isFinite(v.t) || !Number.isInteger(v.id)) return null;
  return { t: v.t, id: v.id };
}
