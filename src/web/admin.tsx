/**
 * Admin pages: outlets (add by URL, pause, resume, fetch now, health), the job queue
 * (counts by state, dead letters with their errors, retry) and users (roles, bans).
 * Only admins reach these routes.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './app.ts';
import { addSource, setSourceStatus, setNextFetch, articleCountsBySource } from '../store/sources.ts';
import { enqueuePoll } from '../jobs/poll-source.ts';
import { countJobsByState, listJobs, retryJob, JOB_STATES } from '../store/jobs.ts';
import { listUsers, setRole, setBanned, ROLES } from '../store/users.ts';
import { allOutlets } from '../store/pages.ts';
import { Layout, CsrfField, ErrorPage, Notice, TimeAgo } from './layout.tsx';
import { formatDateTime, hostOf } from './format.ts';
import { csrfToken, hasRole, type WebEnv, type WebContext } from './session.ts';

export const AddOutletInput = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'Enter the http(s) address of a feed or a site.'),
  name: z.string().trim().max(120).optional(),
});

function AdminNav(props: { current: string }) {
  return (
    <nav class="filters" aria-label="Admin">
      <a href="/admin" aria-current={props.current === 'outlets' ? 'page' : undefined}>
        Outlets
      </a>
      <a href="/admin/jobs" aria-current={props.current === 'jobs' ? 'page' : undefined}>
        Jobs
      </a>
      <a href="/admin/users" aria-current={props.current === 'users' ? 'page' : undefined}>
        Users
      </a>
      <a href="/moderation">Moderation</a>
    </nav>
  );
}

export function adminRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, config } = deps;

  app.use('/admin', guard);
  app.use('/admin/*', guard);
  async function guard(c: WebContext, next: () => Promise<void>) {
    const user = c.get('user');
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(c.req.path)}`, 303);
    if (!hasRole(user, 'admin')) return c.html(<ErrorPage user={user} csrf={c.get('sessionCsrf') ?? undefined} title="Not allowed" message="Only admins can open this page." />, 403);
    await next();
  }

  async function outletsPage(c: WebContext, extra: { notice?: string; error?: string; status?: number } = {}) {
    const user = c.get('user');
    const csrf = csrfToken(c, config);
    const [outlets, counts] = await Promise.all([allOutlets(store), articleCountsBySource(store)]);
    const now = Date.now();
    return c.html(
      <Layout title="Admin: outlets" user={user} csrf={csrf} noindex>
        <h1>Admin</h1>
        <AdminNav current="outlets" />
        {extra.notice && <Notice kind="ok">{extra.notice}</Notice>}
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        <section aria-labelledby="add-title">
          <h2 id="add-title">Add an outlet</h2>
          <form class="form-row" method="post" action="/admin/outlets">
            <CsrfField token={csrf} />
            <div>
              <label for="o-url">Feed or site address</label>
              <input id="o-url" type="url" name="url" required placeholder="https://example.com/feed.xml" size={40} />
            </div>
            <div>
              <label for="o-name">Name (optional)</label>
              <input id="o-name" type="text" name="name" maxlength={120} />
            </div>
            <button type="submit">Add outlet</button>
          </form>
        </section>
        <section aria-labelledby="list-title">
          <h2 id="list-title">Outlets ({outlets.length})</h2>
          <div class="table-wrap">
            <table class="table outlets">
              <thead>
                <tr>
                  <th>Outlet</th>
                  <th>Status</th>
                  <th>Articles</th>
                  <th>Last success</th>
                  <th>Errors</th>
                  <th>Next fetch</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {outlets.map((o) => (
                  <tr data-outlet={String(o.id)}>
                    <td>
                      <a href={`/outlets/${o.id}`}>{o.name}</a>
                      <div class="muted small">{hostOf(o.feedUrl)}</div>
                    </td>
                    <td>{o.status === 'active' ? <span class="status-ok">active</span> : <span class="status-bad">{o.status}</span>}</td>
                    <td>{counts.get(o.id) ?? 0}</td>
                    <td>{o.lastSuccessAt ? <TimeAgo t={o.lastSuccessAt} now={now} /> : <span class="muted">never</span>}</td>
                    <td>
                      {o.errorStreak > 0 ? <span class="status-bad">{o.errorStreak} in a row</span> : <span class="muted">none</span>}
                      {o.lastError && <div class="small muted last-error">{o.lastError}</div>}
                    </td>
                    <td>{o.nextFetchAt ? <span title={formatDateTime(o.nextFetchAt)}>{o.nextFetchAt <= now ? 'due' : formatDateTime(o.nextFetchAt)}</span> : <span class="muted">—</span>}</td>
                    <td>
                      <div class="actions">
                        <form class="inline" method="post" action={`/admin/outlets/${o.id}/fetch`}>
                          <CsrfField token={csrf} />
                          <button type="submit" class="secondary">
                            Fetch now
                          </button>
                        </form>
                        {o.status === 'active' ? (
                          <form class="inline" method="post" action={`/admin/outlets/${o.id}/pause`}>
                            <CsrfField token={csrf} />
                            <button type="submit" class="secondary">
                              Pause
                            </button>
                          </form>
                        ) : (
                          <form class="inline" method="post" action={`/admin/outlets/${o.id}/resume`}>
                            <CsrfField token={csrf} />
                            <button type="submit" class="secondary">
                              Resume
                            </button>
                          </form>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </Layout>,
      (extra.status ?? 200) as 200,
    );
  }

  app.get('/admin', (c) => outletsPage(c));

  app.post('/admin/outlets', async (c) => {
    const parsed = AddOutletInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return outletsPage(c, { error: parsed.error.issues[0]?.message, status: 400 });
    const url = new URL(parsed.data.url).href;
    const now = Date.now();
    const { source, created } = await addSource(store, { name: parsed.data.name || hostOf(url) || url, feedUrl: url, siteUrl: new URL(url).origin, nextFetchAt: now }, now);
    if (created) await enqueuePoll(store, source.id, now);
    return outletsPage(c, { notice: created ? `Added ${source.name}; its first fetch is queued.` : `${source.name} is already followed.` });
  });

  app.post('/admin/outlets/:id/:action', async (c) => {
    const id = Number(c.req.param('id'));
    const action = c.req.param('action');
    const o = (await allOutlets(store)).find((x) => x.id === id);
    if (!o) return outletsPage(c, { error: 'No such outlet.', status: 404 });
    const now = Date.now();
    if (action === 'pause') await setSourceStatus(store, id, 'paused');
    else if (action === 'resume') {
      await setSourceStatus(store, id, 'active');
      await setNextFetch(store, id, now);
      await enqueuePoll(store, id, now);
    } else if (action === 'fetch') {
      // poll-source runs only the poll its source is due for, so make this one the due one.
      await setNextFetch(store, id, now);
      await enqueuePoll(store, id, now);
    } else return outletsPage(c, { error: 'Unknown action.', status: 400 });
    return outletsPage(c, { notice: action === 'fetch' ? `A fetch of ${o.name} is queued.` : `${o.name}: ${action === 'pause' ? 'paused' : 'resumed'}.` });
  });

  app.get('/admin/jobs', async (c) => {
    const user = c.get('user');
    const csrf = csrfToken(c, config);
    const before = Number(c.req.query('before') ?? '') || undefined;
    const [counts, dead] = await Promise.all([countJobsByState(store), listJobs(store, { state: 'dead', limit: 50, beforeId: before })]);
    return c.html(
      <Layout title="Admin: jobs" user={user} csrf={csrf} noindex>
        <h1>Admin</h1>
        <AdminNav current="jobs" />
        <h2>Jobs by state</h2>
        <table class="table job-counts">
          <tbody>
            {JOB_STATES.map((s) => (
              <tr>
                <th scope="row">{s}</th>
                <td>{counts[s] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Dead letters</h2>
        {dead.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Kind</th>
                  <th>Payload</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {dead.map((j) => (
                  <tr>
                    <td>{j.id}</td>
                    <td>{j.kind}</td>
                    <td>
                      <code>{JSON.stringify(j.payload).slice(0, 120)}</code>
                    </td>
                    <td>{j.attempts}</td>
                    <td class="small">{j.lastError}</td>
                    <td>
                      <form class="inline" method="post" action={`/admin/jobs/${j.id}/retry`}>
                        <CsrfField token={csrf} />
                        <button type="submit" class="secondary">
                          Retry
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {dead.length === 50 && (
          <nav class="pager">
            <a href={`/admin/jobs?before=${dead[dead.length - 1]!.id}`}>Older →</a>
          </nav>
        )}
      </Layout>,
    );
  });

  app.post('/admin/jobs/:id/retry', async (c) => {
    await retryJob(store, Number(c.req.param('id')) || 0);
    return c.redirect('/admin/jobs', 303);
  });

  app.get('/admin/users', async (c) => {
    const user = c.get('user')!;
    const csrf = csrfToken(c, config);
    const after = Number(c.req.query('after') ?? '') || null;
    const users = await listUsers(store, { afterId: after, limit: 100 });
    return c.html(
      <Layout title="Admin: users" user={user} csrf={csrf} noindex>
        <h1>Admin</h1>
        <AdminNav current="users" />
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Joined</th>
                <th>Role</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{formatDateTime(u.createdAt)}</td>
                  <td>
                    <form class="form-row" method="post" action={`/admin/users/${u.id}/role`}>
                      <CsrfField token={csrf} />
                      <label class="sr-only" for={`role-${u.id}`}>
                        Role of {u.name}
                      </label>
                      <select id={`role-${u.id}`} name="role" disabled={u.id === user.id}>
                        {ROLES.map((r) => (
                          <option value={r} selected={r === u.role}>
                            {r}
                          </option>
                        ))}
                      </select>
                      {u.id !== user.id && (
                        <button type="submit" class="secondary">
                          Set
                        </button>
                      )}
                    </form>
                  </td>
                  <td>
                    {u.id !== user.id && (
                      <form class="inline" method="post" action={`/admin/users/${u.id}/ban`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="on" value={u.isBanned ? '0' : '1'} />
                        <button type="submit" class={u.isBanned ? 'secondary' : 'danger'}>
                          {u.isBanned ? 'Unban' : 'Ban'}
                        </button>
                      </form>
                    )}
                    {u.isBanned && <span class="status-bad"> banned</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {users.length === 100 && (
          <nav class="pager">
            <a href={`/admin/users?after=${users[users.length - 1]!.id}`}>More →</a>
          </nav>
        )}
      </Layout>,
    );
  });

  app.post('/admin/users/:id/role', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await c.req.parseBody();
    const role = z.enum(['reader', 'moderator', 'admin']).safeParse(form.role);
    if (!role.success || !Number.isInteger(id) || id === c.get('user')!.id) return c.redirect('/admin/users', 303);
    await setRole(store, id, role.data);
    return c.redirect('/admin/users', 303);
  });

  app.post('/admin/users/:id/ban', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await c.req.parseBody();
    if (Number.isInteger(id) && id !== c.get('user')!.id) await setBanned(store, id, form.on !== '0');
    return c.redirect('/admin/users', 303);
  });

  return app;
}
