/**
 * Accounts: users with scrypt password hashes, database sessions, personal API tokens,
 * saved articles, follows, and the rate-limit counters every web process shares.
 *
 * Secrets never touch the database in the clear: a session cookie or API token is a random
 * 256-bit value of which only the SHA-256 is stored (a leaked table grants nothing), and a
 * password is stored as `scrypt$N$r$p$salt$hash` with a per-user random salt.
 */
import { randomBytes, scrypt as scryptCb, createHash, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './db.ts';
import { webDb } from './web-tables.ts';

export type Role = 'reader' | 'moderator' | 'admin';
export const ROLES: Role[] = ['reader', 'moderator', 'admin'];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isBanned: boolean;
  createdAt: number;
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 };
const SESSION_MS = 30 * 86_400_000;

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a stored hash (constant time); a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const want = Buffer.from(parts[5]!, 'base64url');
  if (!want.length) return false;
  const got = await scrypt(password, salt, want.length, { N, r, p, maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(got, want);
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

type UserRow = { id: number; email: string; name: string; role: string; is_banned: number; created_at: number };
function toUser(r: UserRow): User {
  return { id: Number(r.id), email: r.email, name: r.name, role: (ROLES.includes(r.role as Role) ? r.role : 'reader') as Role, isBanned: Number(r.is_banned) === 1, createdAt: Number(r.created_at) };
}
const USER_COLS = ['id', 'email', 'name', 'role', 'is_banned', 'created_at'] as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an account. The first account of an installation becomes admin; the check and
 * the insert share a transaction so two simultaneous first sign-ups cannot both be admin
 * on SQLite (on PostgreSQL the later one may be admin too; an admin can demote it).
 */
export async function createUser(store: Store, input: { email: string; name: string; password: string }, now = Date.now()): Promise<{ kind: 'ok'; user: User } | { kind: 'email-taken' }> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return store.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) return { kind: 'email-taken' as const };
    const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const row = await trx
      .insertInto('users')
      .values({ email, name: input.name.trim(), password_hash: passwordHash, role: any ? 'reader' : 'admin', is_banned: 0, created_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(USER_COLS)
      .executeTakeFirst();
    if (!row) return { kind: 'email-taken' as const };
    return { kind: 'ok' as const, user: toUser(row) };
  });
}

export async function getUser(store: Store, id: number): Promise<User | null> {
  const r = await store.db.selectFrom('users').select(USER_COLS).where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

/** The user when email and password match (constant work whether or not the email exists). */
export async function authenticate(store: Store, email: string, password: string): Promise<User | null> {
  const r = await store.db.selectFrom('users').select([...USER_COLS, 'password_hash']).where('email', '=', normalizeEmail(email)).executeTakeFirst();
  // Hash anyway when the account does not exist, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, r?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  return r && ok ? toUser(r) : null;
}

export async function changePassword(store: Store, userId: number, current: string, next: string): Promise<boolean> {
  const r = await store.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!r || !(await verifyPassword(current, r.password_hash))) return false;
  await store.db.updateTable('users').set({ password_hash: await hashPassword(next) }).where('id', '=', userId).execute();
  return true;
}

export async function listUsers(store: Store, opts: { afterId?: number | null; limit?: number } = {}): Promise<User[]> {
  let q = store.db.selectFrom('users').select(USER_COLS).orderBy('id').limit(opts.limit ?? 50);
  if (opts.afterId) q = q.where('id', '>', opts.afterId);
  return (await q.execute()).map(toUser);
}

export async function setRole(store: Store, userId: number, role: Role): Promise<void> {
  await store.db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

/** Bans or unbans; a ban also ends the user's sessions and revokes nothing else. */
export async function setBanned(store: Store, userId: number, isBanned: boolean): Promise<void> {
  await store.db.updateTable('users').set({ is_banned: isBanned ? 1 : 0 }).where('id', '=', userId).execute();
  if (isBanned) await store.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------------------
// Sessions

export interface Session {
  user: User;
  csrf: string;
  expiresAt: number;
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(store: Store, userId: number, now = Date.now()): Promise<{ token: string; csrf: string; expiresAt: number }> {
  const token = randomToken();
  const csrf = randomToken(24);
  const expiresAt = now + SESSION_MS;
  await store.db.insertInto('sessions').values({ id: sha256(token), user_id: userId, csrf, created_at: now, expires_at: expiresAt }).execute();
  return { token, csrf, expiresAt };
}

export async function sessionFromToken(store: Store, token: string, now = Date.now()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const r = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.is_banned', 'users.created_at', 'sessions.csrf', 'sessions.expires_at'])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!r || Number(r.expires_at) <= now) return null;
  return { user: toUser(r), csrf: r.csrf, expiresAt: Number(r.expires_at) };
}

export async function deleteSession(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/** Ends every other session of a user (after a password change). */
export async function deleteOtherSessions(store: Store, userId: number, keepToken: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', sha256(keepToken)).execute();
}

export async function pruneSessions(store: Store, now = Date.now()): Promise<void> {
  await store.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

// ---------------------------------------------------------------------------
// Personal API tokens

export interface ApiToken {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** Creates a token; the value is shown once (prefixed `tid_` so it is recognisable in logs and leaks). */
export async function createApiToken(store: Store, userId: number, name: string, now = Date.now()): Promise<{ token: string; id: number }> {
  const token = `tid_${randomToken()}`;
  const r = await webDb(store).insertInto('api_tokens').values({ user_id: userId, name: name.trim().slice(0, 80) || 'token', token_hash: sha256(token), created_at: now, last_used_at: null }).returning('id').executeTakeFirstOrThrow();
  return { token, id: Number(r.id) };
}

export async function listApiTokens(store: Store, userId: number): Promise<ApiToken[]> {
  const rows = await webDb(store).selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: Number(r.created_at), lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at) }));
}

export async function revokeApiToken(store: Store, userId: number, id: number): Promise<boolean> {
  const r = await webDb(store).deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function userFromApiToken(store: Store, token: string, now = Date.now()): Promise<User | null> {
  if (!token.startsWith('tid_') || token.length > 100) return null;
  const db = webDb(store);
  const r = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.is_banned', 'users.created_at', 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!r) return null;
  // Write the last-use time at most once a minute per token.
  if (r.last_used_at === null || now - Number(r.last_used_at) > 60_000) await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', r.token_id).execute();
  return toUser(r);
}

// ---------------------------------------------------------------------------
// Saved articles and follows

export type FollowKind = 'outlet' | 'hashtag' | 'entity';

export async function setSaved(store: Store, userId: number, articleId: number, isSaved: boolean, now = Date.now()): Promise<void> {
  const db = webDb(store);
  if (isSaved) await db.insertInto('saved_articles').values({ user_id: userId, article_id: articleId, created_at: now }).onConflict((oc) => oc.columns(['user_id', 'article_id']).doNothing()).execute();
  else await db.deleteFrom('saved_articles').where('user_id', '=', userId).where('article_id', '=', articleId).execute();
}

export async function isSaved(store: Store, userId: number, articleId: number): Promise<boolean> {
  return !!(await webDb(store).selectFrom('saved_articles').select('article_id').where('user_id', '=', userId).where('article_id', '=', articleId).executeTakeFirst());
}

export async function setFollow(store: Store, userId: number, kind: FollowKind, target: string, isFollowing: boolean, now = Date.now()): Promise<void> {
  const db = webDb(store);
  if (isFollowing) await db.insertInto('follows').values({ user_id: userId, kind, target, created_at: now }).onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doNothing()).execute();
  else await db.deleteFrom('follows').where('user_id', '=', userId).where('kind', '=', kind).where('target', '=', target).execute();
}

export async function listFollows(store: Store, userId: number): Promise<{ kind: FollowKind; target: string }[]> {
  const rows = await webDb(store).selectFrom('follows').select(['kind', 'target']).where('user_id', '=', userId).orderBy('created_at').limit(500).execute();
  return rows.map((r) => ({ kind: r.kind as FollowKind, target: r.target }));
}

export async function isFollowing(store: Store, userId: number, kind: FollowKind, target: string): Promise<boolean> {
  return !!(await webDb(store).selectFrom('follows').select('target').where('user_id', '=', userId).where('kind', '=', kind).where('target', '=', target).executeTakeFirst());
}

// ---------------------------------------------------------------------------
// Rate limits

/**
 * Fixed-window rate limiting in the database, so every web process counts the same
 * attempts: counts one hit for `key` in the current window and says whether it is over
 * `limit`. Keys name the action and who acts ("signin:ip:1.2.3.4", "comment:user:7").
 * Old windows are deleted now and then by the caller's traffic itself.
 */
export async function hitRateLimit(store: Store, key: string, limit: number, windowMs: number, now = Date.now()): Promise<{ isLimited: boolean; retryAfterS: number }> {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const db = webDb(store);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) await db.deleteFrom('rate_limits').where('window_start', '<', now - 86_400_000).execute();
  return { isLimited: Number(row.count) > limit, retryAfterS: Math.ceil((windowStart + windowMs - now) / 1000) };
}
