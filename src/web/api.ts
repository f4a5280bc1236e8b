/**
 * The JSON API under /api/v1: articles (with reading results), stories, outlets, search,
 * comments and hashtags. Cursor pagination everywhere (`cursor` in, `nextCursor` out);
 * input validated with zod; every error is `{ "error": { "id", "message" } }` with the
 * right status; writes authenticate with a personal API token (Authorization: Bearer).
 * The OpenAPI 3.1 description is served at /api/v1/openapi.json.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from './app.ts';
import { articleDetail, articleEntities, articleHashtags, latestArticles, latestStories, storyDetail, allOutlets, outletInfo, hashtagInfo, trendingHashtags, type ArticleCard } from '../store/pages.ts';
import { listComments, type Comment } from '../store/comments.ts';
import { searchArticles } from '../store/search.ts';
import { userFromApiToken } from '../store/users.ts';
import { parseRead } from './read-view.ts';
import { postComment } from './comments.tsx';
import { baseUrl } from '../config.ts';
import { openApiDocument } from './openapi.ts';
import { isRateLimited, type WebEnv, type WebContext } from './session.ts';

const DAY_MS = 86_400_000;
export const API_BODY_LIMIT = 16 * 1024;

export type ApiErrorId = 'bad-request' | 'bad-cursor' | 'unauthorized' | 'forbidden' | 'not-found' | 'too-large' | 'rate-limited' | 'internal' | 'invalid' | 'banned';

export function apiError(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500, id: string, message: string) {
  return c.json({ error: { id, message } }, status);
}

function zodMessage(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().max(400).optional();
const idParam = z.coerce.number().int().positive().max(2 ** 53 - 1);
const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional();

export const ArticlesQuery = z.object({ cursor, limit, outlet: idParam.optional(), hashtag: z.string().max(100).optional() });
export const PageQuery = z.object({ cursor, limit });
export const SearchQuery = z.object({ q: z.string().trim().min(1, 'q is required').max(500), outlet: idParam.optional(), hashtag: z.string().max(100).optional(), from: dateParam, to: dateParam, sort: z.enum(['relevance', 'recent']).default('relevance'), cursor, limit });
export const CommentCreate = z.object({ body: z.string(), parentId: z.number().int().positive().nullable().optional() }).strict();

function cardJson(a: ArticleCard, site: string) {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    link: `${site}/articles/${a.id}`,
    outlet: a.outletId === null ? null : { id: a.outletId, name: a.outlet },
    publishedAt: a.publishedAt === null ? null : new Date(a.publishedAt).toISOString(),
    excerpt: a.excerpt,
    imageUrl: a.imageUrl,
    commentCount: a.commentCount,
    storyId: a.storyId,
    duplicateOf: a.duplicateOf,
  };
}

function commentJson(cm: Comment) {
  return { id: cm.id, articleId: cm.articleId, parentId: cm.parentId, author: cm.userName, body: cm.body, createdAt: new Date(cm.createdAt).toISOString(), editedAt: cm.editedAt === null ? null : new Date(cm.editedAt).toISOString() };
}

function parseQuery<T extends z.ZodType>(c: Context, schema: T): { ok: true; data: z.output<T> } | { ok: false; res: Response } {
  const r = schema.safeParse(c.req.query());
  return r.success ? { ok: true, data: r.data } : { ok: false, res: apiError(c, 400, 'bad-request', zodMessage(r.error)) };
}

export function apiRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = deps;
  const site = baseUrl(deps.config);
  const badCursor = (c: Context) => apiError(c, 400, 'bad-cursor', 'The cursor is not valid; start again without one.');

  app.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', c.req.method === 'GET' ? 'public, max-age=30' : 'no-store');
  });
  app.use('*', bodyLimit({ maxSize: API_BODY_LIMIT, onError: (c) => apiError(c, 413, 'too-large', `Request bodies are limited to ${API_BODY_LIMIT} bytes.`) }));

  app.get('/openapi.json', (c) => c.json(openApiDocument(site)));

  app.get('/articles', async (c) => {
    const q = parseQuery(c, ArticlesQuery);
    if (!q.ok) return q.res;
    const r = await latestArticles(store, { outletId: q.data.outlet, hashtag: q.data.hashtag, cursor: q.data.cursor, limit: q.data.limit });
    if (r.kind === 'bad-cursor') return badCursor(c);
    return c.json({ items: r.items.map((a) => cardJson(a, site)), nextCursor: r.nextCursor });
  });

  app.get('/articles/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return apiError(c, 400, 'bad-request', 'id: expected a positive integer');
    const a = await articleDetail(store, id.data);
    if (!a) return apiError(c, 404, 'not-found', `No article ${id.data}.`);
    const [hashtags, entities] = await Promise.all([articleHashtags(store, a.id), articleEntities(store, a.id)]);
    return c.json({
      ...cardJson(a, site),
      byline: a.byline,
      lang: a.lang,
      canonicalUrl: a.canonicalUrl,
      text: a.bodyText,
      hashtags: hashtags.map((h) => h.tag),
      entities: entities.map((e) => ({ kind: e.kind, name: e.name, slug: e.slug, mentions: e.mentions })),
      read: parseRead(a.readJson),
    });
  });

  app.get('/articles/:id/comments', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return apiError(c, 400, 'bad-request', 'id: expected a positive integer');
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.res;
    let afterId: number | null = null;
    if (q.data.cursor) {
      afterId = Number(Buffer.from(q.data.cursor, 'base64url').toString('utf8').replace(/^c/, ''));
      if (!Number.isInteger(afterId) || afterId <= 0) return badCursor(c);
    }
    const exists = await store.db.selectFrom('articles').select('id').where('id', '=', id.data).executeTakeFirst();
    if (!exists) return apiError(c, 404, 'not-found', `No article ${id.data}.`);
    const rows = await listComments(store, id.data, { afterId, limit: q.data.limit + 1 });
    const page = rows.slice(0, q.data.limit);
    const nextCursor = rows.length > q.data.limit ? Buffer.from(`c${page[page.length - 1]!.id}`).toString('base64url') : null;
    return c.json({ items: page.map(commentJson), nextCursor });
  });

  app.post('/articles/:id/comments', async (c) => {
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) return apiError(c, 401, 'unauthorized', 'Send a personal API token as "Authorization: Bearer <token>".');
    const user = await userFromApiToken(store, m[1]!);
    if (!user) return apiError(c, 401, 'unauthorized', 'The API token is not valid (revoked or mistyped).');
    if ((await isRateLimited(c, store, 'apiWriteToken', String(user.id))) !== null) return apiError(c, 429, 'rate-limited', 'Too many writes; slow down.');
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return apiError(c, 400, 'bad-request', 'id: expected a positive integer');
    if (!(c.req.header('content-type') ?? '').includes('application/json')) return apiError(c, 415, 'bad-request', 'Send JSON (Content-Type: application/json).');
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return apiError(c, 400, 'bad-request', 'The body is not valid JSON.');
    }
    const body = CommentCreate.safeParse(json);
    if (!body.success) return apiError(c, 400, 'bad-request', zodMessage(body.error));
    const r = await postComment(c as WebContext, deps, user, id.data, { body: body.data.body, parentId: body.data.parentId ?? undefined });
    if (r.kind === 'honeypot') return apiError(c, 400, 'bad-request', 'Rejected.');
    if (r.kind === 'error') return apiError(c, r.status, r.id === 'invalid' ? 'bad-request' : r.id, r.message);
    const cm = (await listComments(store, id.data, { afterId: r.id - 1, limit: 1 }))[0];
    return c.json(cm ? commentJson(cm) : { id: r.id }, 201);
  });

  app.get('/stories', async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.res;
    const r = await latestStories(store, { cursor: q.data.cursor, limit: q.data.limit });
    if (r.kind === 'bad-cursor') return badCursor(c);
    return c.json({
      items: r.items.map((s) => ({ id: s.id, headline: s.headline, link: `${site}/stories/${s.id}`, articleCount: s.articleCount, outletCount: s.outletCount, outlets: s.outlets, firstAt: s.firstAt && new Date(s.firstAt).toISOString(), latestAt: s.latestAt && new Date(s.latestAt).toISOString() })),
      nextCursor: r.nextCursor,
    });
  });

  app.get('/stories/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return apiError(c, 400, 'bad-request', 'id: expected a positive integer');
    const r = await storyDetail(store, id.data);
    if (r.kind === 'moved') return c.redirect(`/api/v1/stories/${r.to}`, 301);
    if (r.kind === 'not-found') return apiError(c, 404, 'not-found', `No story ${id.data}.`);
    const s = r.story;
    return c.json({ id: s.id, headline: s.headline, link: `${site}/stories/${s.id}`, articleCount: s.articleCount, outletCount: s.outletCount, firstAt: s.firstAt && new Date(s.firstAt).toISOString(), latestAt: s.latestAt && new Date(s.latestAt).toISOString(), facts: s.facts, articles: s.articles.map((a) => cardJson(a, site)) });
  });

  app.get('/outlets', async (c) => {
    const outlets = await allOutlets(store);
    return c.json({ items: outlets.map((o) => ({ id: o.id, name: o.name, siteUrl: o.siteUrl, feedUrl: o.feedUrl, status: o.status, link: `${site}/outlets/${o.id}` })), nextCursor: null });
  });

  app.get('/outlets/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return apiError(c, 400, 'bad-request', 'id: expected a positive integer');
    const o = await outletInfo(store, id.data);
    if (!o) return apiError(c, 404, 'not-found', `No outlet ${id.data}.`);
    return c.json({ id: o.id, name: o.name, siteUrl: o.siteUrl, feedUrl: o.feedUrl, status: o.status, lastSuccessAt: o.lastSuccessAt && new Date(o.lastSuccessAt).toISOString(), errorStreak: o.errorStreak, link: `${site}/outlets/${o.id}` });
  });

  app.get('/search', async (c) => {
    const q = parseQuery(c, SearchQuery);
    if (!q.ok) return q.res;
    const toMs = q.data.to ? Date.parse(`${q.data.to}T00:00:00Z`) + DAY_MS : null;
    const r = await searchArticles(store, { q: q.data.q, outletId: q.data.outlet, hashtag: q.data.hashtag, fromMs: q.data.from ? Date.parse(`${q.data.from}T00:00:00Z`) : null, toMs, sort: q.data.sort, cursor: q.data.cursor, limit: q.data.limit });
    if (r.kind === 'bad-cursor') return badCursor(c);
    return c.json({
      items: r.hits.map((h) => ({ id: h.id, title: h.title, url: h.url, link: `${site}/articles/${h.id}`, outlet: h.outletId === null ? null : { id: h.outletId, name: h.outlet }, publishedAt: h.publishedAt && new Date(h.publishedAt).toISOString(), snippetHtml: h.snippetHtml, commentCount: h.commentCount })),
      nextCursor: r.nextCursor,
    });
  });

  app.get('/hashtags', async (c) => {
    const q = parseQuery(c, z.object({ days: z.coerce.number().int().min(1).max(30).default(7), limit }));
    if (!q.ok) return q.res;
    const tags = await trendingHashtags(store, { sinceMs: Date.now() - q.data.days * DAY_MS, limit: q.data.limit });
    return c.json({ items: tags.map((t) => ({ tag: t.tag, key: t.key, count: t.count, link: `${site}/hashtags/${encodeURIComponent(t.key)}` })), nextCursor: null });
  });

  app.get('/hashtags/:tag', async (c) => {
    const q = parseQuery(c, PageQuery);
    if (!q.ok) return q.res;
    const info = await hashtagInfo(store, c.req.param('tag').slice(0, 100));
    if (!info) return apiError(c, 404, 'not-found', 'No article carries this hashtag.');
    const r = await latestArticles(store, { hashtag: info.key, cursor: q.data.cursor, limit: q.data.limit });
    if (r.kind === 'bad-cursor') return badCursor(c);
    return c.json({ tag: info.tag, key: info.key, items: r.items.map((a) => cardJson(a, site)), nextCursor: r.nextCursor });
  });

  app.all('*', (c) => apiError(c, 404, 'not-found', `No API route ${c.req.method} ${c.req.path}.`));
  return app;
}
