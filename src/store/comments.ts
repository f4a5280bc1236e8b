/**
 * Comments: threaded replies under an article, edits and deletion by their author, reports
 * by readers, hiding and restoring by moderators. `articles.comment_count` counts the
 * visible comments and is kept in step in the same transaction as every change of status.
 *
 * Bodies are stored as the plain text the reader typed; pages escape it at render.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';
import { webDb } from './web-tables.ts';

export type CommentStatus = 'visible' | 'hidden' | 'deleted';
export const COMMENT_MAX_CHARS = 5000;

export interface Comment {
  id: number;
  articleId: number;
  userId: number;
  userName: string;
  parentId: number | null;
  body: string;
  status: CommentStatus;
  reportCount: number;
  createdAt: number;
  editedAt: number | null;
}

export interface CommentNode extends Comment {
  replies: CommentNode[];
}

const COLS = ['c.id', 'c.article_id', 'c.user_id', 'u.name as user_name', 'c.parent_id', 'c.body', 'c.status', 'c.report_count', 'c.created_at', 'c.edited_at'] as const;

type Row = { id: number; article_id: number; user_id: number; user_name: string; parent_id: number | null; body: string; status: string; report_count: number; created_at: number; edited_at: number | null };
function toComment(r: Row): Comment {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    userId: Number(r.user_id),
    userName: r.user_name,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    body: r.body,
    status: r.status as CommentStatus,
    reportCount: Number(r.report_count),
    createdAt: Number(r.created_at),
    editedAt: r.edited_at === null ? null : Number(r.edited_at),
  };
}

export async function getComment(store: Store, id: number): Promise<Comment | null> {
  const r = await store.db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.user_id').select(COLS).where('c.id', '=', id).executeTakeFirst();
  return r ? toComment(r) : null;
}

/**
 * The thread of an article, oldest first, as a tree. Deleted comments with replies stay as
 * placeholders so the replies keep their place; hidden ones are shown only to moderators
 * (`includeHidden`). At most `limit` comments are loaded.
 */
export async function commentThread(store: Store, articleId: number, opts: { includeHidden?: boolean; limit?: number } = {}): Promise<{ roots: CommentNode[]; total: number }> {
  const rows = await store.db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(COLS)
    .where('c.article_id', '=', articleId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(opts.limit ?? 500)
    .execute();
  const nodes = new Map<number, CommentNode>();
  for (const r of rows) nodes.set(Number(r.id), { ...toComment(r), replies: [] });
  const roots: CommentNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId !== null ? nodes.get(n.parentId) : undefined;
    if (parent) parent.replies.push(n);
    else roots.push(n);
  }
  const keep = (n: CommentNode): boolean => {
    n.replies = n.replies.filter(keep);
    if (n.status === 'visible') return true;
    if (n.status === 'hidden' && opts.includeHidden) return true;
    return n.replies.length > 0;
  };
  const kept = roots.filter(keep);
  let total = 0;
  const count = (n: CommentNode) => {
    if (n.status === 'visible') total++;
    n.replies.forEach(count);
  };
  kept.forEach(count);
  return { roots: kept, total };
}

export type CreateResult = { kind: 'ok'; comment: Comment } | { kind: 'no-article' } | { kind: 'bad-parent' };

export async function createComment(store: Store, input: { articleId: number; userId: number; parentId: number | null; body: string }, now = Date.now()): Promise<CreateResult> {
  return store.db.transaction().execute(async (trx) => {
    const article = await trx.selectFrom('articles').select('id').where('id', '=', input.articleId).executeTakeFirst();
    if (!article) return { kind: 'no-article' as const };
    if (input.parentId !== null) {
      const parent = await trx.selectFrom('comments').select(['article_id', 'status']).where('id', '=', input.parentId).executeTakeFirst();
      if (!parent || Number(parent.article_id) !== input.articleId || parent.status !== 'visible') return { kind: 'bad-parent' as const };
    }
    const row = await trx
      .insertInto('comments')
      .values({ article_id: input.articleId, user_id: input.userId, parent_id: input.parentId, body: input.body, status: 'visible', report_count: 0, created_at: now, edited_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('articles').set({ comment_count: sql`comment_count + 1` }).where('id', '=', input.articleId).execute();
    const r = await trx.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.user_id').select(COLS).where('c.id', '=', Number(row.id)).executeTakeFirstOrThrow();
    return { kind: 'ok' as const, comment: toComment(r) };
  });
}

/** Edits a comment's text; only its author, and only while it is visible. */
export async function editComment(store: Store, id: number, userId: number, body: string, now = Date.now()): Promise<boolean> {
  const r = await store.db.updateTable('comments').set({ body, edited_at: now }).where('id', '=', id).where('user_id', '=', userId).where('status', '=', 'visible').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

async function changeStatus(store: Store, id: number, to: CommentStatus, guard: { userId?: number; from: CommentStatus[] }): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('comments').select(['article_id', 'status', 'user_id']).where('id', '=', id);
    if (guard.userId !== undefined) q = q.where('user_id', '=', guard.userId);
    const c = await q.executeTakeFirst();
    if (!c || !guard.from.includes(c.status as CommentStatus)) return false;
    const set: { status: CommentStatus; body?: string } = { status: to };
    // A deleted comment keeps no text; it remains only as the anchor of its replies.
    if (to === 'deleted') set.body = '';
    await trx.updateTable('comments').set(set).where('id', '=', id).execute();
    const delta = (to === 'visible' ? 1 : 0) - (c.status === 'visible' ? 1 : 0);
    if (delta) await trx.updateTable('articles').set({ comment_count: sql`comment_count + ${delta}` }).where('id', '=', c.article_id).execute();
    return true;
  });
}

/** Deletes one's own comment. */
export function deleteOwnComment(store: Store, id: number, userId: number): Promise<boolean> {
  return changeStatus(store, id, 'deleted', { userId, from: ['visible', 'hidden'] });
}
/** Moderator: hide a visible comment. */
export function hideComment(store: Store, id: number): Promise<boolean> {
  return changeStatus(store, id, 'hidden', { from: ['visible'] });
}
/** Moderator: restore a hidden comment (and clear its reports). */
export async function restoreComment(store: Store, id: number): Promise<boolean> {
  const ok = await changeStatus(store, id, 'visible', { from: ['hidden'] });
  if (ok) {
    await store.db.updateTable('comments').set({ report_count: 0 }).where('id', '=', id).execute();
    await webDb(store).deleteFrom('comment_reports').where('comment_id', '=', id).execute();
  }
  return ok;
}
/** Moderator: dismiss the reports of a visible comment. */
export async function dismissReports(store: Store, id: number): Promise<void> {
  await store.db.updateTable('comments').set({ report_count: 0 }).where('id', '=', id).execute();
  await webDb(store).deleteFrom('comment_reports').where('comment_id', '=', id).execute();
}

/** Reports a comment; one report per reader and comment counts. */
export async function reportComment(store: Store, id: number, userId: number, reason: string | null, now = Date.now()): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('comments').select('id').where('id', '=', id).where('status', '=', 'visible').executeTakeFirst();
    if (!c) return false;
    const r = await (trx as unknown as ReturnType<typeof webDb>)
      .insertInto('comment_reports')
      .values({ comment_id: id, user_id: userId, reason: reason?.slice(0, 500) ?? null, created_at: now })
      .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) await trx.updateTable('comments').set({ report_count: sql`report_count + 1` }).where('id', '=', id).execute();
    return true;
  });
}

export interface QueueItem extends Comment {
  articleTitle: string;
}

/** The moderation queue: reported visible comments and hidden ones, newest first, by id cursor. */
export async function moderationQueue(store: Store, opts: { view: 'reported' | 'hidden'; beforeId?: number | null; limit?: number }): Promise<QueueItem[]> {
  let q = store.db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select([...COLS, 'a.title as article_title'])
    .orderBy('c.id', 'desc')
    .limit(opts.limit ?? 50);
  q = opts.view === 'reported' ? q.where('c.status', '=', 'visible').where('c.report_count', '>', 0) : q.where('c.status', '=', 'hidden');
  if (opts.beforeId) q = q.where('c.id', '<', opts.beforeId);
  return (await q.execute()).map((r) => ({ ...toComment(r), articleTitle: r.article_title }));
}

/** A page of an article's visible comments for the API, oldest first, by id cursor. */
export async function listComments(store: Store, articleId: number, opts: { afterId?: number | null; limit?: number } = {}): Promise<Comment[]> {
  let q = store.db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(COLS)
    .where('c.article_id', '=', articleId)
    .where('c.status', '=', 'visible')
    .orderBy('c.id')
    .limit(opts.limit ?? 50);
  if (opts.afterId) q = q.where('c.id', '>', opts.afterId);
  return (await q.execute()).map(toComment);
}
