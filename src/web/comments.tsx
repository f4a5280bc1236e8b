/**
 * Comments: the thread under an article and the routes that change it. Text is plain,
 * escaped by JSX; http(s) links become anchors with rel="nofollow ugc noopener".
 * Abuse controls: a length limit, per-account and per-address rate limits, a honeypot
 * field bots fill in and people never see, reports, and moderators who hide, restore and ban.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './app.ts';
import type { User } from '../store/users.ts';
import { setBanned } from '../store/users.ts';
import { COMMENT_MAX_CHARS, createComment, deleteOwnComment, editComment, getComment, hideComment, moderationQueue, reportComment, restoreComment, dismissReports, type CommentNode } from '../store/comments.ts';
import { Layout, TimeAgo, CsrfField, ErrorPage, Notice } from './layout.tsx';
import { linkParts, safeNext } from './format.ts';
import { csrfToken, hasRole, isRateLimited, clientIp, type WebEnv, type WebContext } from './session.ts';

export const CommentBody = z.object({
  body: z.string().trim().min(1, 'Write something first.').max(COMMENT_MAX_CHARS, `Comments are limited to ${COMMENT_MAX_CHARS} characters.`),
  parentId: z.coerce.number().int().positive().nullable().optional(),
});

export function CommentText(props: { text: string }) {
  return (
    <div class="text">
      {linkParts(props.text).map((p) =>
        p.kind === 'link' ? (
          <a href={p.href} rel="nofollow ugc noopener noreferrer">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </div>
  );
}

function CommentForm(props: { articleId: number; csrf: string; parentId?: number; label: string; idSuffix: string }) {
  const id = `comment-body-${props.idSuffix}`;
  return (
    <form method="post" action={`/articles/${props.articleId}/comments`} class="comment-form">
      <CsrfField token={props.csrf} />
      {props.parentId && <input type="hidden" name="parentId" value={String(props.parentId)} />}
      {/* Honeypot: hidden from people and from assistive technology; bots fill it in. */}
      <div class="hp" aria-hidden="true">
        <label for={`website-${props.idSuffix}`}>Leave this field empty</label>
        <input id={`website-${props.idSuffix}`} type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <label for={id}>{props.label}</label>
      <textarea id={id} name="body" maxlength={COMMENT_MAX_CHARS} required></textarea>
      <button type="submit">{props.parentId ? 'Reply' : 'Post comment'}</button>
    </form>
  );
}

function CommentItem(props: { c: CommentNode; user: User | null; csrf: string; now: number; articleId: number }) {
  const { c, user } = props;
  const isOwn = user?.id === c.userId;
  const isMod = hasRole(user, 'moderator');
  return (
    <li class={`comment${c.status === 'hidden' ? ' is-hidden' : ''}`} id={`c-${c.id}`}>
      {c.status === 'deleted' ? (
        <p class="muted">Comment deleted.</p>
      ) : (
        <>
          <div class="head">
            <strong>{c.userName}</strong>
            <a href={`#c-${c.id}`}>
              <TimeAgo t={c.createdAt} now={props.now} />
            </a>
            {c.editedAt && <span>(edited)</span>}
            {c.status === 'hidden' && <span class="badge">hidden by a moderator</span>}
            {isMod && c.reportCount > 0 && <span class="badge">{c.reportCount} report(s)</span>}
          </div>
          <CommentText text={c.body} />
          {user && (
            <div class="tools">
              {c.status === 'visible' && !user.isBanned && (
                <details>
                  <summary>Reply</summary>
                  <CommentForm articleId={props.articleId} csrf={props.csrf} parentId={c.id} label={`Reply to ${c.userName}`} idSuffix={`r${c.id}`} />
                </details>
              )}
              {isOwn && c.status === 'visible' && (
                <details>
                  <summary>Edit</summary>
                  <form method="post" action={`/comments/${c.id}/edit`}>
                    <CsrfField token={props.csrf} />
                    <label for={`edit-${c.id}`}>Edit your comment</label>
                    <textarea id={`edit-${c.id}`} name="body" maxlength={COMMENT_MAX_CHARS} required>
                      {c.body}
                    </textarea>
                    <button type="submit">Save</button>
                  </form>
                </details>
              )}
              {isOwn && (
                <form class="inline" method="post" action={`/comments/${c.id}/delete`}>
                  <CsrfField token={props.csrf} />
                  <button class="link" type="submit">
                    Delete
                  </button>
                </form>
              )}
              {!isOwn && c.status === 'visible' && (
                <form class="inline" method="post" action={`/comments/${c.id}/report`}>
                  <CsrfField token={props.csrf} />
                  <button class="link" type="submit">
                    Report
                  </button>
                </form>
              )}
              {isMod && c.status === 'visible' && (
                <form class="inline" method="post" action={`/comments/${c.id}/hide`}>
                  <CsrfField token={props.csrf} />
                  <button class="link" type="submit">
                    Hide
                  </button>
                </form>
              )}
              {isMod && c.status === 'hidden' && (
                <form class="inline" method="post" action={`/comments/${c.id}/restore`}>
                  <CsrfField token={props.csrf} />
                  <button class="link" type="submit">
                    Restore
                  </button>
                </form>
              )}
            </div>
          )}
        </>
      )}
      {c.replies.length > 0 && (
        <ol>
          {c.replies.map((r) => (
            <CommentItem c={r} user={user} csrf={props.csrf} now={props.now} articleId={props.articleId} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function CommentsSection(props: { articleId: number; user: User | null; csrf: string; now: number; thread: { roots: CommentNode[]; total: number }; error?: string }) {
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments{props.thread.total > 0 && <span class="muted"> ({props.thread.total})</span>}</h2>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.thread.roots.length ? (
        <ol>
          {props.thread.roots.map((c) => (
            <CommentItem c={c} user={props.user} csrf={props.csrf} now={props.now} articleId={props.articleId} />
          ))}
        </ol>
      ) : (
        <p class="muted">No comments yet...</p>
      )}
      {props.user ? (
        props.user.isBanned ? (
          <p class="muted">Your account may not comment.</p>
        ) : (
          <CommentForm articleId={props.articleId} csrf={props.csrf} label="Add a comment" idSuffix="new" />
        )
      ) : (
        <p>
          <a href={`/signin?next=${encodeURIComponent(`/articles/${props.articleId}#comments`)}`}>Sign in</a> or <a href="/signup">create an account</a> to comment.
        </p>
      )}
    </section>
  );
}

async function commentTarget(c: WebContext, deps: AppDeps): Promise<{ id: number; articleId: number; userId: number } | null> {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) return null;
  const cm = await getComment(deps.store, id);
  return cm ? { id: cm.id, articleId: cm.articleId, userId: cm.userId } : null;
}

/**
 * Creates a comment from a form or API request after every abuse check; the outcome is a
 * value so the page and the API can each answer in their own way.
 */
export async function postComment(c: WebContext, deps: AppDeps, user: User, articleId: number, input: { body: unknown; parentId?: unknown; website?: unknown }): Promise<{ kind: 'ok'; id: number } | { kind: 'honeypot' } | { kind: 'error'; status: 400 | 403 | 404 | 429; id: string; message: string }> {
  if (user.isBanned) return { kind: 'error', status: 403, id: 'banned', message: 'Your account may not comment.' };
  if (typeof input.website === 'string' && input.website.trim() !== '') return { kind: 'honeypot' };
  const parsed = CommentBody.safeParse({ body: input.body, parentId: input.parentId === '' || input.parentId === undefined ? null : input.parentId });
  if (!parsed.success) return { kind: 'error', status: 400, id: 'invalid', message: parsed.error.issues[0]?.message ?? 'Invalid comment.' };
  if ((await isRateLimited(c, deps.store, 'commentUser', String(user.id))) !== null || (await isRateLimited(c, deps.store, 'commentIp', clientIp(c))) !== null) {
    return { kind: 'error', status: 429, id: 'rate-limited', message: 'You are commenting too fast. Wait a few minutes and try again.' };
  }
  const r = await createComment(deps.store, { articleId, userId: user.id, parentId: parsed.data.parentId ?? null, body: parsed.data.body });
  if (r.kind === 'no-article') return { kind: 'error', status: 404, id: 'not-found', message: 'No such article.' };
  if (r.kind === 'bad-parent') return { kind: 'error', status: 400, id: 'invalid', message: 'The comment you replied to is not on this article or no longer visible.' };
  return { kind: 'ok', id: r.comment.id };
}

export function commentRoutes(deps: AppDeps, renderArticle: (c: WebContext, id: number, extra: { commentError?: string; status?: number }) => Promise<Response>): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = deps;

  const forbidden = (c: WebContext, message = 'You may not do that.') => c.html(<ErrorPage user={c.get('user')} csrf={csrfToken(c, deps.config)} title="Not allowed" message={message} />, 403);

  app.post('/articles/:id/comments', async (c) => {
    const user = c.get('user');
    const articleId = Number(c.req.param('id'));
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/articles/${articleId}#comments`)}`, 303);
    if (!Number.isInteger(articleId) || articleId <= 0) return c.notFound();
    const form = await c.req.parseBody();
    const r = await postComment(c, deps, user, articleId, { body: form.body, parentId: form.parentId, website: form.website });
    if (r.kind === 'honeypot') return c.redirect(`/articles/${articleId}#comments`, 303);
    if (r.kind === 'error') return r.status === 404 ? c.notFound() : renderArticle(c, articleId, { commentError: r.message, status: r.status });
    return c.redirect(`/articles/${articleId}#c-${r.id}`, 303);
  });

  app.post('/comments/:id/edit', async (c) => {
    const user = c.get('user');
    const t = await commentTarget(c, deps);
    if (!t) return c.notFound();
    if (!user || user.id !== t.userId || user.isBanned) return forbidden(c, 'You can only edit your own comments.');
    const form = await c.req.parseBody();
    const parsed = CommentBody.safeParse({ body: form.body });
    if (!parsed.success) return renderArticle(c, t.articleId, { commentError: parsed.error.issues[0]?.message, status: 400 });
    await editComment(store, t.id, user.id, parsed.data.body);
    return c.redirect(`/articles/${t.articleId}#c-${t.id}`, 303);
  });

  app.post('/comments/:id/delete', async (c) => {
    const user = c.get('user');
    const t = await commentTarget(c, deps);
    if (!t) return c.notFound();
    if (!user || user.id !== t.userId) return forbidden(c, 'You can only delete your own comments.');
    await deleteOwnComment(store, t.id, user.id);
    return c.redirect(`/articles/${t.articleId}#comments`, 303);
  });

  app.post('/comments/:id/report', async (c) => {
    const user = c.get('user');
    const t = await commentTarget(c, deps);
    if (!t) return c.notFound();
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/articles/${t.articleId}#c-${t.id}`)}`, 303);
    const form = await c.req.parseBody();
    await reportComment(store, t.id, user.id, typeof form.reason === 'string' ? form.reason : null);
    return c.redirect(`/articles/${t.articleId}#c-${t.id}`, 303);
  });

  for (const action of ['hide', 'restore', 'dismiss'] as const) {
    app.post(`/comments/:id/${action}`, async (c) => {
      const user = c.get('user');
      const t = await commentTarget(c, deps);
      if (!t) return c.notFound();
      if (!hasRole(user, 'moderator')) return forbidden(c, 'Only moderators can do that.');
      if (action === 'hide') await hideComment(store, t.id);
      else if (action === 'restore') await restoreComment(store, t.id);
      else await dismissReports(store, t.id);
      const form = await c.req.parseBody();
      return c.redirect(safeNext(form.next, `/articles/${t.articleId}#c-${t.id}`), 303);
    });
  }

  app.post('/users/:id/ban', async (c) => {
    const user = c.get('user');
    if (!hasRole(user, 'moderator')) return forbidden(c, 'Only moderators can do that.');
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id === user!.id) return forbidden(c, 'You cannot ban yourself.');
    const form = await c.req.parseBody();
    const target = await store.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirst();
    if (!target) return c.notFound();
    // A moderator cannot ban an admin; only an admin can ban a moderator.
    if (target.role === 'admin' || (target.role === 'moderator' && user!.role !== 'admin')) return forbidden(c, 'You cannot ban this account.');
    await setBanned(store, id, form.on !== '0');
    return c.redirect(safeNext(form.next, '/moderation'), 303);
  });

  app.get('/moderation', async (c) => {
    const user = c.get('user');
    if (!hasRole(user, 'moderator')) return user ? forbidden(c, 'Only moderators can see the moderation queue.') : c.redirect('/signin?next=/moderation', 303);
    const view = c.req.query('view') === 'hidden' ? 'hidden' : 'reported';
    const before = Number(c.req.query('before') ?? '') || null;
    const items = await moderationQueue(store, { view, beforeId: before, limit: 50 });
    const csrf = csrfToken(c, deps.config);
    const now = Date.now();
    const here = `/moderation?view=${view}`;
    return c.html(
      <Layout title="Moderation" user={user} csrf={csrf} noindex>
        <h1>Moderation queue</h1>
        <nav class="filters" aria-label="Queue">
          <a href="/moderation?view=reported" aria-current={view === 'reported' ? 'page' : undefined}>
            Reported
          </a>
          <a href="/moderation?view=hidden" aria-current={view === 'hidden' ? 'page' : undefined}>
            Hidden
          </a>
        </nav>
        {items.length === 0 ? (
          <p class="muted">Nothing waiting.</p>
        ) : (
          <ol class="cards">
            {items.map((it) => (
              <li class="card" id={`q-${it.id}`} data-nav-item>
                <div class="meta">
                  <strong>{it.userName}</strong>
                  <TimeAgo t={it.createdAt} now={now} />
                  <span>{it.reportCount} report(s)</span>
                  <a href={`/articles/${it.articleId}#c-${it.id}`} data-nav-link>
                    on “{it.articleTitle}”
                  </a>
                </div>
                <div>
                  <CommentText text={it.body} />
                  <div class="actions">
                    {it.status === 'visible' ? (
                      <>
                        <form class="inline" method="post" action={`/comments/${it.id}/hide`}>
                          <CsrfField token={csrf} />
                          <input type="hidden" name="next" value={here} />
                          <button type="submit">Hide</button>
                        </form>
                        <form class="inline" method="post" action={`/comments/${it.id}/dismiss`}>
                          <CsrfField token={csrf} />
                          <input type="hidden" name="next" value={here} />
                          <button type="submit" class="secondary">
                            Dismiss reports
                          </button>
                        </form>
                      </>
                    ) : (
                      <form class="inline" method="post" action={`/comments/${it.id}/restore`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="next" value={here} />
                        <button type="submit" class="secondary">
                          Restore
                        </button>
                      </form>
                    )}
                    <form class="inline" method="post" action={`/users/${it.userId}/ban`}>
                      <CsrfField token={csrf} />
                      <input type="hidden" name="next" value={here} />
                      <button type="submit" class="danger">
                        Ban {it.userName}
                      </button>
                    </form>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
        {items.length === 50 && (
          <nav class="pager">
            <a href={`/moderation?view=${view}&before=${items[items.length - 1]!.id}`}>Older →</a>
          </nav>
        )}
      </Layout>,
    );
  });

  return app;
}
