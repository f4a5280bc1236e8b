/**
 * Helpers for website tests: a store with the seed page's articles run through the real
 * pipeline (read, place, index), quick synthetic articles, and a small cookie-keeping
 * client for `app.request()` that fills in the CSRF token of the page it came from.
 */
import type { Hono } from 'hono';
import type { Store } from '../../src/store/db.ts';
import type { Config } from '../../src/config.ts';
import { createApp } from '../../src/web/app.ts';
import { freshStore, type DbKind } from '../support/db.ts';
import { loadSeed } from '../support/seed.ts';
import { runUntilIdle, testConfig } from '../support/pipeline.ts';
import { enqueue } from '../../src/store/jobs.ts';
import { resetStoryEngine } from '../../src/jobs/place-article.ts';
import { indexArticle } from '../../src/store/search.ts';
import { createUser, setRole, type Role } from '../../src/store/users.ts';

export const SEED_NOW = Date.now();

export interface Site {
  store: Store;
  config: Config;
  app: Hono;
  /** Article ids by seed slug. */
  ids: Record<string, number>;
}

function paragraphsHtml(text: string): string {
  return text
    .split('\n')
    .filter((p) => p.trim())
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
}

export async function sourceId(store: Store, name: string, now = SEED_NOW): Promise<number> {
  const src = await store.db
    .insertInto('sources')
    .values({ name, site_url: `https://${name.toLowerCase().replace(/\W+/g, '-')}.example`, feed_url: `https://${name.toLowerCase().replace(/\W+/g, '-')}.example/feed`, kind: 'feed', status: 'active', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('feed_url').doUpdateSet({ updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(src.id);
}

/** The seed page's four articles, read, placed and indexed by the real job handlers. */
export async function seededSite(kind: DbKind, overrides: Record<string, string> = {}): Promise<Site> {
  resetStoryEngine();
  const store = await freshStore(kind);
  const config = testConfig(overrides);
  const ids: Record<string, number> = {};
  for (const a of loadSeed()) {
    const sid = await sourceId(store, a.outlet);
    const isColumn = a.slug === 'taliban-column';
    const art = await store.db
      .insertInto('articles')
      .values({
        source_id: sid,
        guid: a.slug,
        url: `https://${a.outlet.toLowerCase().replace(/\W+/g, '-')}.example/${a.slug}`,
        canonical_url: `https://${a.outlet.toLowerCase().replace(/\W+/g, '-')}.example/${a.slug}`,
        title: a.title,
        byline: isColumn ? 'Indrani Talukdar, Anchita Borthakur and Monish Tourangbam' : null,
        published_at: SEED_NOW - a.hoursAgo * 3600_000,
        image_url: isColumn ? 'https://images.example/taliban.jpg' : null,
        status: 'extracted',
        created_at: SEED_NOW,
        updated_at: SEED_NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[a.slug] = Number(art.id);
    // The column comes with HTML (as extraction stores it); the others with text only.
    await store.db.insertInto('article_bodies').values({ article_id: art.id, text: a.text, html: isColumn ? paragraphsHtml(a.text) : null, updated_at: SEED_NOW }).execute();
    await enqueue(store, { kind: 'read-article', payload: { articleId: Number(art.id) }, dedupeKey: `read:${art.id}:v1` });
  }
  await runUntilIdle(store, config, { concurrency: 1 });
  // index-article runs in the pipeline; index again in case a handler set was trimmed.
  for (const id of Object.values(ids)) await indexArticle(store, id);
  return { store, config, app: createApp({ store, config }), ids };
}

/** A store and app with no articles (fast). */
export async function emptySite(kind: DbKind, overrides: Record<string, string> = {}): Promise<Site> {
  const store = await freshStore(kind);
  const config = testConfig(overrides);
  return { store, config, app: createApp({ store, config }), ids: {} };
}

/** Inserts a plain article (with body text) and returns its id. */
export async function addArticle(store: Store, a: { outlet?: string; title: string; text: string; hoursAgo?: number; html?: string | null; slug?: string }): Promise<number> {
  const sid = await sourceId(store, a.outlet ?? 'Test Outlet');
  const slug = a.slug ?? `${a.title.toLowerCase().replace(/\W+/g, '-').slice(0, 60)}-${Math.random().toString(36).slice(2, 8)}`;
  const row = await store.db
    .insertInto('articles')
    .values({ source_id: sid, guid: slug, url: `https://news.example/${slug}`, canonical_url: `https://news.example/${slug}`, title: a.title, published_at: SEED_NOW - (a.hoursAgo ?? 1) * 3600_000, status: 'extracted', created_at: SEED_NOW, updated_at: SEED_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await store.db.insertInto('article_bodies').values({ article_id: row.id, text: a.text, html: a.html ?? null, updated_at: SEED_NOW }).execute();
  await indexArticle(store, Number(row.id));
  return Number(row.id);
}

/** A client that keeps cookies and knows the CSRF token of the last page it loaded. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly app: Hono,
    readonly headers: Record<string, string> = {},
  ) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; text: string }> {
    const res = await this.app.request(path, { headers: { ...this.headers, ...this.cookieHeader(), ...headers } });
    this.keep(res);
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { res, text };
  }
  /** Posts a form; `_csrf` is added unless given (pass `_csrf: ''` to leave it out). */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ res: Response; text: string }> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form });
    if (form._csrf === '') body.delete('_csrf');
    const res = await this.app.request(path, { method: 'POST', body, headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...headers } });
    this.keep(res);
    return { res, text: await res.text() };
  }
  async signUp(email: string, name: string, password = 'correct horse battery'): Promise<Response> {
    await this.get('/signup');
    const { res } = await this.post('/signup', { email, name, password });
    await this.get('/');
    return res;
  }
  async signIn(email: string, password = 'correct horse battery'): Promise<Response> {
    await this.get('/signin');
    const { res } = await this.post('/signin', { email, password, next: '/' });
    await this.get('/');
    return res;
  }
}

export async function userWithRole(store: Store, email: string, role: Role, password = 'correct horse battery'): Promise<number> {
  const r = await createUser(store, { email, name: email.split('@')[0]!, password });
  if (r.kind !== 'ok') throw new Error('user exists');
  await setRole(store, r.user.id, role);
  return r.user.id;
}
