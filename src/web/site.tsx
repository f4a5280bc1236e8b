/**
 * The reading side of the site: home, article (with the Ask box), story, outlet, hashtag,
 * entity and search pages, saved articles and "For you", and the save/follow actions.
 * Handlers read through src/store/pages.ts (one function per block) and render with JSX.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './app.ts';
import { archiveNow, articleDetail, articleHashtags, entityArticles, entityInfo, hashtagInfo, latestArticles, otherCopies, outletInfo, relatedArticles, storyDetail, topStories, allOutlets, savedArticles, forYouArticles, trendingHashtags, entityById } from '../store/pages.ts';
import { commentThread } from '../store/comments.ts';
import { searchArticles } from '../store/search.ts';
import { isSaved, setSaved, setFollow, isFollowing, listFollows, type FollowKind } from '../store/users.ts';
import { askArticle } from '../read/ask.ts';
import { askWithLlm, llmOptionsFromConfig, type LlmOptions } from '../read/llm.ts';
import type { AskResult, ReadResult } from '../read/types.ts';
import type { Config } from '../config.ts';
import { log } from '../log.ts';
import { Layout, CardList, Pager, TimeAgo, CsrfField, ErrorPage, Notice } from './layout.tsx';
import { ArticlePage } from './article-page.tsx';
import { commentRoutes } from './comments.tsx';
import { renderBody } from './body.ts';
import { parseRead, parseFacts, KIND_LABELS, type CitationView, type ReadView } from './read-view.ts';
import { csrfToken, hasRole, isRateLimited, clientIp, type WebEnv, type WebContext } from './session.ts';
import { safeHttpUrl, hostOf, safeNext } from './format.ts';
import { raw } from 'hono/html';

const DAY_MS = 86_400_000;

/** The outlet filter of the home and search forms. */
function OutletSelect({ id, outlets, selected }: { id: string; outlets: { id: number; name: string }[]; selected: number | null }) {
  return (
    <select id={id} name="outlet">
      <option value="">All outlets</option>
      {outlets.map((o) => (
        <option value={String(o.id)} selected={o.id === selected}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

export function llmOptions(config: Config): LlmOptions | null {
  return llmOptionsFromConfig(config, (reason) => log.warn({ reason }, 'LLM answer failed; the offline engine answered'));
}

/** Answers a question on a stored read: the LLM when configured, else the offline engine. */
export async function answerQuestion(config: Config, read: ReadView, question: string): Promise<AskResult> {
  const r = read as unknown as ReadResult;
  const llm = llmOptions(config);
  return llm ? askWithLlm(r, question, llm) : askArticle(r, question);
}

export const AskInput = z.object({ question: z.string().trim().min(2, 'Ask a question of at least two characters.').max(300, 'Questions are limited to 300 characters.') });

const positiveId = (s: string | undefined) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 && n < 2 ** 53 ? n : null;
};

function dateMs(s: string | undefined): number | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

// Parsed reading results by article and read time: validation is the costliest step of a page view.
const readCache = new Map<string, ReadView | null>();
function cachedRead(id: number, readAt: number | null, json: string | null): ReadView | null {
  const key = `${id}:${readAt}`;
  if (readCache.has(key)) return readCache.get(key)!;
  const read = parseRead(json);
  if (readCache.size >= 500) readCache.delete(readCache.keys().next().value!);
  readCache.set(key, read);
  return read;
}

export function siteRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, config } = deps;

  const notFound = (c: WebContext, what = 'page') => c.html(<ErrorPage user={c.get('user')} csrf={c.get('sessionCsrf') ?? undefined} title="Not found" message={`This ${what} does not exist (or no longer does).`} />, 404);

  // ---------------------------------------------------------------- home
  app.get('/', async (c) => {
    const now = Date.now();
    const newsNow = await archiveNow(store, now);
    const outletId = positiveId(c.req.query('outlet'));
    const tag = (c.req.query('tag') ?? '').trim().replace(/^#/, '').toLowerCase() || null;
    const cursor = c.req.query('cursor') ?? null;
    const isFirst = !cursor && !outletId && !tag;
    const [latest, stories, outlets, tags] = await Promise.all([
      latestArticles(store, { outletId, hashtag: tag, cursor, limit: 20 }),
      isFirst ? topStories(store, { now: newsNow, limit: 6 }) : Promise.resolve([]),
      allOutlets(store),
      trendingHashtags(store, { sinceMs: newsNow - 2 * DAY_MS, limit: 16 }),
    ]);
    const items = latest.kind === 'ok' ? latest.items : [];
    const user = c.get('user');
    return c.html(
      <Layout title="" user={user} csrf={c.get('sessionCsrf') ?? undefined} current="home" feed={{ title: 'Tidings: latest articles', base: '/feed' }} description="News from many outlets, grouped into stories and read with citations.">
        <div class="home">
          {stories.length > 0 && (
            <section aria-labelledby="top-title">
              <h2 id="top-title">Top stories</h2>
              <div class="stories">
                {stories.map((s) => {
                  const img = safeHttpUrl(s.lead?.imageUrl);
                  return (
                    <article class="story-card" data-nav-item>
                      {img && <img src={img} alt="" loading="lazy" referrerpolicy="no-referrer" decoding="async" />}
                      <p class="muted small">
                        {s.outletCount} outlets · {s.articleCount} articles · updated <TimeAgo t={s.latestAt} now={now} />
                      </p>
                      <h3>
                        <a href={`/stories/${s.id}`} data-nav-link>
                          {s.headline}
                        </a>
                      </h3>
                      {s.outlets.length > 0 && <p class="muted small">{s.outlets.slice(0, 6).join(' · ')}</p>}
                      <ul>
                        {s.articles.slice(0, 3).map((a) => (
                          <li>
                            <a href={`/articles/${a.id}`}>{a.title}</a> <span class="muted small">{a.outlet}</span>
                          </li>
                        ))}
                      </ul>
                    </article>
                  );
                })}
              </div>
            </section>
          )}
          <section aria-labelledby="latest-title">
            <h2 id="latest-title">{outletId ? `Latest from ${outlets.find((o) => o.id === outletId)?.name ?? 'this outlet'}` : tag ? `Latest on #${tag}` : 'Latest articles'}</h2>
            <form class="filters" method="get" action="/">
              <div>
                <label for="f-outlet">Outlet</label>
                <OutletSelect id="f-outlet" outlets={outlets} selected={outletId} />
              </div>
              <div>
                <label for="f-tag">Hashtag</label>
                <input id="f-tag" type="text" name="tag" value={tag ?? ''} placeholder="e.g. Syria" />
              </div>
              <button type="submit" class="secondary">
                Filter
              </button>
            </form>
            {latest.kind === 'bad-cursor' && <Notice kind="error">That page link is not valid; showing the latest articles.</Notice>}
            {tags.length > 0 && isFirst && (
              <ul class="chips" aria-label="Trending hashtags">
                {tags.map((t) => (
                  <li>
                    <a class="chip" href={`/hashtags/${encodeURIComponent(t.key)}`}>
                      #{t.tag}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <CardList items={items} now={now} empty="No articles yet. An admin can add outlets under Admin." />
            <Pager path="/" params={{ outlet: outletId ? String(outletId) : null, tag }} cursor={latest.kind === 'ok' ? latest.nextCursor : null} />
          </section>
        </div>
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- article
  async function renderArticle(c: WebContext, id: number, extra: { ask?: { question: string; result: AskResult | null; error?: string }; commentError?: string; status?: number } = {}): Promise<Response> {
    const a = await articleDetail(store, id);
    if (!a) return notFound(c, 'article');
    const user = c.get('user');
    const now = Date.now();
    const read = cachedRead(id, a.readAt, a.readJson);
    const [hashtags, copies, related, comments, saved] = await Promise.all([
      articleHashtags(store, id),
      otherCopies(store, a),
      relatedArticles(store, a, 6),
      commentThread(store, id, { includeHidden: hasRole(user, 'moderator') }),
      user ? isSaved(store, user.id, id) : Promise.resolve(false),
    ]);
    const sentences = read?.sentences ?? [];
    // sentences[0] is the title when the read had one (the pipeline always passes it).
    const firstBody = sentences.length && sentences[0]!.trim() === a.title.trim() ? 1 : 0;
    const body = renderBody({ html: a.bodyHtml, text: a.bodyText ?? a.excerpt, baseUrl: a.url, sentences, firstBodySentence: firstBody, cacheKey: `${id}:${a.bodyUpdatedAt}:${a.readAt}:${a.updatedAt}` });
    const csrf = csrfToken(c, config);
    return c.html(<ArticlePage user={user} csrf={csrf} now={now} article={a} read={read} body={body} hashtags={hashtags} copies={copies} related={related} comments={comments} isSaved={saved} ask={extra.ask} commentError={extra.commentError} />, (extra.status ?? 200) as 200);
  }

  app.get('/articles/:id', async (c) => {
    const id = positiveId(c.req.param('id'));
    return id ? renderArticle(c, id) : notFound(c, 'article');
  });

  app.post('/articles/:id/ask', async (c) => {
    const id = positiveId(c.req.param('id'));
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    const fail = (status: 400 | 404 | 429, errId: string, message: string) => (wantsJson ? c.json({ error: { id: errId, message } }, status) : id ? renderArticle(c, id, { ask: { question: '', result: null, error: message }, status }) : notFound(c, 'article'));
    if (!id) return fail(404, 'not-found', 'No such article.');
    if ((await isRateLimited(c, store, 'askIp', clientIp(c))) !== null) return fail(429, 'rate-limited', 'Too many questions at once; wait a minute.');
    const form = await c.req.parseBody();
    const parsed = AskInput.safeParse({ question: form.question });
    if (!parsed.success) return fail(400, 'invalid', parsed.error.issues[0]?.message ?? 'Invalid question.');
    const a = await articleDetail(store, id);
    if (!a) return fail(404, 'not-found', 'No such article.');
    const read = parseRead(a.readJson);
    if (!read) return fail(400, 'not-read', 'This article has not been read yet; try again in a minute.');
    const result = await answerQuestion(config, read, parsed.data.question);
    if (wantsJson) return c.json({ answer: result.answer, citations: result.citations });
    return renderArticle(c, id, { ask: { question: parsed.data.question, result } });
  });

  app.route('/', commentRoutes(deps, (c, id, extra) => renderArticle(c, id, extra)));

  app.post('/articles/:id/save', async (c) => {
    const user = c.get('user');
    const id = positiveId(c.req.param('id'));
    if (!id) return notFound(c, 'article');
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/articles/${id}`)}`, 303);
    const form = await c.req.parseBody();
    const exists = await store.db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return notFound(c, 'article');
    await setSaved(store, user.id, id, form.on !== '0');
    return c.redirect(`/articles/${id}`, 303);
  });

  app.post('/follow', async (c) => {
    const user = c.get('user');
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
    const parsed = z.object({ kind: z.enum(['outlet', 'hashtag', 'entity']), target: z.string().trim().min(1).max(200), on: z.enum(['0', '1']).default('1') }).safeParse(form);
    if (!parsed.success) return c.html(<ErrorPage user={user} csrf={c.get('sessionCsrf') ?? undefined} title="Cannot follow" message="That follow request is not valid." />, 400);
    const target = parsed.data.kind === 'hashtag' ? parsed.data.target.toLowerCase().replace(/^#/, '') : parsed.data.target;
    await setFollow(store, user.id, parsed.data.kind, target, parsed.data.on === '1');
    return c.redirect(next, 303);
  });

  function FollowButton(props: { c: WebContext; kind: FollowKind; target: string; isOn: boolean; label: string; next: string }) {
    if (!props.c.get('user')) return null;
    return (
      <form class="inline" method="post" action="/follow">
        <CsrfField token={props.c.get('sessionCsrf') ?? ''} />
        <input type="hidden" name="kind" value={props.kind} />
        <input type="hidden" name="target" value={props.target} />
        <input type="hidden" name="on" value={props.isOn ? '0' : '1'} />
        <input type="hidden" name="next" value={props.next} />
        <button type="submit" class="secondary">
          {props.isOn ? `Following ${props.label} ✓` : `Follow ${props.label}`}
        </button>
      </form>
    );
  }

  // ---------------------------------------------------------------- story
  app.get('/stories/:id', async (c) => {
    const id = positiveId(c.req.param('id'));
    if (!id) return notFound(c, 'story');
    const r = await storyDetail(store, id);
    if (r.kind === 'moved') return c.redirect(`/stories/${r.to}`, 301);
    if (r.kind === 'not-found') return notFound(c, 'story');
    const s = r.story;
    const facts = parseFacts(s.facts);
    const now = Date.now();
    const user = c.get('user');
    const titles = new Map(s.articles.map((a) => [String(a.id), a]));
    const CiteLink = (p: { cite: CitationView }) => (
      <a class="cite" href={`/articles/${p.cite.article}#s-${p.cite.sentence}`} title={p.cite.text}>
        {p.cite.source || titles.get(p.cite.article)?.outlet || 'source'}
      </a>
    );
    return c.html(
      <Layout title={s.headline} user={user} csrf={c.get('sessionCsrf') ?? undefined} feed={{ title: `Story: ${s.headline}`, base: `/stories/${s.id}/feed` }}>
        <header class="story-head">
          <p class="muted small">
            Story · {s.outletCount} outlet{s.outletCount === 1 ? '' : 's'} · {s.articleCount} article{s.articleCount === 1 ? '' : 's'}
            {s.latestAt !== null && (
              <>
                {' '}
                · updated <TimeAgo t={s.latestAt} now={now} />
              </>
            )}
          </p>
          <h1>{s.headline}</h1>
          {facts && facts.outlets.length > 0 && (
            <ul class="chips" aria-label="Outlets">
              {facts.outlets.map((o) => (
                <li>
                  <span class="chip">
                    {o.source} <span class="muted">({o.articles.length})</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </header>
        <div class="facts">
          <section aria-labelledby="arts-title">
            <h2 id="arts-title">Articles</h2>
            <CardList items={s.articles} now={now} />
          </section>
          <div>
            {facts && facts.disagreements.length > 0 && (
              <section aria-labelledby="dis-title">
                <h2 id="dis-title">Where sources differ</h2>
                {facts.disagreements.map((d) => (
                  <div class="disagreement">
                    <h3>{d.measure}</h3>
                    <ul>
                      {d.values.map((v) => (
                        <li>
                          <span class="value">
                            {v.qualifier ? `${v.qualifier} ` : ''}
                            {v.value.toLocaleString('en-GB')}
                            {v.unit && v.unit !== 'people' ? ` ${v.unit}` : ''}
                          </span>{' '}
                          <span class="muted">according to {v.sources.join(', ') || v.citations.map((x) => x.source).join(', ')}</span>
                          <ul>
                            {v.citations.map((ct) => (
                              <li class="small">
                                “{ct.text}” <CiteLink cite={ct} />
                              </li>
                            ))}
                          </ul>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            )}
            {facts && facts.timeline.length > 0 && (
              <section aria-labelledby="tl-title">
                <h2 id="tl-title">Timeline</h2>
                <ol class="timeline">
                  {facts.timeline.map((t) => (
                    <li>
                      <time datetime={t.date}>{t.date}</time>
                      {t.event} {t.citations.slice(0, 4).map((ct) => <CiteLink cite={ct} />)}
                    </li>
                  ))}
                </ol>
              </section>
            )}
            {facts && facts.quotes.length > 0 && (
              <section aria-labelledby="q-title">
                <h2 id="q-title">Who said what</h2>
                {facts.quotes.map((sp) => (
                  <div>
                    <h3>{sp.speaker ?? 'Unattributed'}</h3>
                    {sp.quotes.map((q) => (
                      <blockquote>
                        “{q.text}” {q.citations.slice(0, 4).map((ct) => <CiteLink cite={ct} />)}
                      </blockquote>
                    ))}
                  </div>
                ))}
              </section>
            )}
          </div>
        </div>
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- outlets
  app.get('/outlets', async (c) => {
    const outlets = await allOutlets(store);
    return c.html(
      <Layout title="Outlets" user={c.get('user')} csrf={c.get('sessionCsrf') ?? undefined} current="outlets">
        <h1>Outlets</h1>
        {outlets.length ? (
          <ul class="chips">
            {outlets.map((o) => (
              <li>
                <a class="chip" href={`/outlets/${o.id}`}>
                  {o.name}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No outlets yet.</p>
        )}
      </Layout>,
    );
  });

  app.get('/outlets/:id', async (c) => {
    const id = positiveId(c.req.param('id'));
    const o = id ? await outletInfo(store, id) : null;
    if (!o) return notFound(c, 'outlet');
    const cursor = c.req.query('cursor') ?? null;
    const page = await latestArticles(store, { outletId: o.id, cursor, limit: 20 });
    const user = c.get('user');
    const following = user ? await isFollowing(store, user.id, 'outlet', String(o.id)) : false;
    const site = safeHttpUrl(o.siteUrl);
    return c.html(
      <Layout title={o.name} user={user} csrf={c.get('sessionCsrf') ?? undefined} feed={{ title: `${o.name} on Tidings`, base: `/outlets/${o.id}/feed` }}>
        <h1>{o.name}</h1>
        <p class="muted">
          {site && (
            <a href={site} rel="noopener noreferrer">
              {hostOf(site)}
            </a>
          )}{' '}
          {o.status !== 'active' && <span class="badge">{o.status}</span>}
        </p>
        <FollowButton c={c} kind="outlet" target={String(o.id)} isOn={following} label={o.name} next={`/outlets/${o.id}`} />
        <h2>Latest articles</h2>
        <CardList items={page.kind === 'ok' ? page.items : []} now={Date.now()} />
        <Pager path={`/outlets/${o.id}`} cursor={page.kind === 'ok' ? page.nextCursor : null} />
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- hashtags
  app.get('/hashtags/:tag', async (c) => {
    const key = decodeURIComponent(c.req.param('tag')).toLowerCase().replace(/^#/, '').slice(0, 100);
    const info = await hashtagInfo(store, key);
    if (!info) return notFound(c, 'hashtag');
    const page = await latestArticles(store, { hashtag: key, cursor: c.req.query('cursor') ?? null, limit: 20 });
    const user = c.get('user');
    const following = user ? await isFollowing(store, user.id, 'hashtag', key) : false;
    const base = `/hashtags/${encodeURIComponent(key)}`;
    return c.html(
      <Layout title={`#${info.tag}`} user={user} csrf={c.get('sessionCsrf') ?? undefined} feed={{ title: `#${info.tag} on Tidings`, base: `${base}/feed` }}>
        <h1>#{info.tag}</h1>
        <FollowButton c={c} kind="hashtag" target={key} isOn={following} label={`#${info.tag}`} next={base} />
        <CardList items={page.kind === 'ok' ? page.items : []} now={Date.now()} />
        <Pager path={base} cursor={page.kind === 'ok' ? page.nextCursor : null} />
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- entities
  app.get('/entities/:kind/:slug', async (c) => {
    const kind = c.req.param('kind');
    if (!KIND_LABELS[kind]) return notFound(c, 'entity');
    const e = await entityInfo(store, kind, decodeURIComponent(c.req.param('slug')));
    if (!e) return notFound(c, 'entity');
    const page = await entityArticles(store, e.id, { cursor: c.req.query('cursor') ?? null, limit: 20 });
    const user = c.get('user');
    const following = user ? await isFollowing(store, user.id, 'entity', String(e.id)) : false;
    const path = `/entities/${kind}/${encodeURIComponent(e.slug)}`;
    return c.html(
      <Layout title={e.name} user={user} csrf={c.get('sessionCsrf') ?? undefined}>
        <p class="muted small">{KIND_LABELS[kind]}</p>
        <h1>{e.name}</h1>
        <p class="muted">
          Named in {e.articleCount} article{e.articleCount === 1 ? '' : 's'}
        </p>
        <FollowButton c={c} kind="entity" target={String(e.id)} isOn={following} label={e.name} next={path} />
        <CardList items={page.kind === 'ok' ? page.items : []} now={Date.now()} />
        <Pager path={path} cursor={page.kind === 'ok' ? page.nextCursor : null} />
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- search
  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 500);
    const outletId = positiveId(c.req.query('outlet'));
    const tag = (c.req.query('tag') ?? '').trim().replace(/^#/, '').toLowerCase() || null;
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    const sort = c.req.query('sort') === 'recent' ? 'recent' : 'relevance';
    const toMs = dateMs(to);
    const outlets = await allOutlets(store);
    const r = q.trim() ? await searchArticles(store, { q, outletId, hashtag: tag, fromMs: dateMs(from), toMs: toMs === null ? null : toMs + DAY_MS, sort, cursor: c.req.query('cursor') ?? null, limit: 20 }) : null;
    const now = Date.now();
    const params = { q, outlet: outletId ? String(outletId) : null, tag, from: from || null, to: to || null, sort: sort === 'recent' ? 'recent' : null };
    return c.html(
      <Layout title={q ? `Search: ${q}` : 'Search'} user={c.get('user')} csrf={c.get('sessionCsrf') ?? undefined} q={q} noindex feed={q ? { title: `Search: ${q}`, base: `/search/feed/${encodeURIComponent(q)}` } : undefined}>
        <h1>Search</h1>
        <form class="filters search-form" method="get" action="/search" role="search">
          <div>
            <label for="s-q">Words</label>
            <input id="s-q" type="search" name="q" value={q} placeholder={'"exact phrase" prefix* -exclude'} />
          </div>
          <div>
            <label for="s-outlet">Outlet</label>
            <OutletSelect id="s-outlet" outlets={outlets} selected={outletId} />
          </div>
          <div>
            <label for="s-tag">Hashtag</label>
            <input id="s-tag" type="text" name="tag" value={tag ?? ''} />
          </div>
          <div>
            <label for="s-from">From</label>
            <input id="s-from" type="date" name="from" value={from} />
          </div>
          <div>
            <label for="s-to">To</label>
            <input id="s-to" type="date" name="to" value={to} />
          </div>
          <div>
            <label for="s-sort">Order</label>
            <select id="s-sort" name="sort">
              <option value="relevance" selected={sort === 'relevance'}>
                Most relevant
              </option>
              <option value="recent" selected={sort === 'recent'}>
                Newest
              </option>
            </select>
          </div>
          <button type="submit">Search</button>
        </form>
        {r?.kind === 'bad-cursor' && <Notice kind="error">That page link is not valid.</Notice>}
        {r?.kind === 'ok' && (
          <>
            <p class="muted" role="status">
              {r.hits.length ? (r.nextCursor ? 'Results' : `${r.hits.length} result${r.hits.length === 1 ? '' : 's'}`) : 'No articles match.'}
              {' · '}
              <a href={`/search/feed/${encodeURIComponent(q)}/rss`}>RSS for this search</a>
            </p>
            <ol class="cards results">
              {r.hits.map((h) => (
                <li class="card" data-nav-item>
                  <div class="meta">
                    {h.outletId !== null ? <a href={`/outlets/${h.outletId}`}>{h.outlet}</a> : <span>{h.outlet}</span>}
                    <TimeAgo t={h.publishedAt} now={now} />
                  </div>
                  <div>
                    <h3>
                      <a href={`/articles/${h.id}`} data-nav-link>
                        {raw(h.titleHtml)}
                      </a>
                    </h3>
                    <p class="snippet">{raw(h.snippetHtml)}</p>
                  </div>
                </li>
              ))}
            </ol>
            <Pager path="/search" params={params} cursor={r.nextCursor} label="More results →" />
          </>
        )}
        {!q.trim() && <p class="muted">Search titles and full texts. Use "quotes" for a phrase, a trailing * for a prefix and - to leave a word out.</p>}
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- readers
  app.get('/saved', async (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/signin?next=/saved', 303);
    const page = await savedArticles(store, user.id, { cursor: c.req.query('cursor') ?? null });
    return c.html(
      <Layout title="Saved articles" user={user} csrf={c.get('sessionCsrf') ?? undefined} current="saved" noindex>
        <h1>Saved articles</h1>
        <CardList items={page.kind === 'ok' ? page.items : []} now={Date.now()} empty="Nothing saved yet. Use “Save for later” on an article." />
        <Pager path="/saved" cursor={page.kind === 'ok' ? page.nextCursor : null} />
      </Layout>,
    );
  });

  app.get('/for-you', async (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/signin?next=/for-you', 303);
    const follows = await listFollows(store, user.id);
    const page = await forYouArticles(store, follows, { cursor: c.req.query('cursor') ?? null });
    const outletIds = follows.filter((f) => f.kind === 'outlet').map((f) => Number(f.target));
    const entityIds = follows.filter((f) => f.kind === 'entity').map((f) => Number(f.target));
    const [outlets, entities] = await Promise.all([allOutlets(store), Promise.all(entityIds.map((id) => entityById(store, id)))]);
    return c.html(
      <Layout title="For you" user={user} csrf={c.get('sessionCsrf') ?? undefined} current="for-you" noindex>
        <h1>For you</h1>
        {follows.length === 0 ? (
          <p class="muted">Follow outlets, hashtags, people, organisations or places from their pages and their articles will gather here.</p>
        ) : (
          <ul class="chips" aria-label="You follow">
            {outlets
              .filter((o) => outletIds.includes(o.id))
              .map((o) => (
                <li>
                  <a class="chip" href={`/outlets/${o.id}`}>
                    {o.name}
                  </a>
                </li>
              ))}
            {follows
              .filter((f) => f.kind === 'hashtag')
              .map((f) => (
                <li>
                  <a class="chip" href={`/hashtags/${encodeURIComponent(f.target)}`}>
                    #{f.target}
                  </a>
                </li>
              ))}
            {entities
              .filter((e) => e !== null)
              .map((e) => (
                <li>
                  <a class="chip" href={`/entities/${e!.kind}/${encodeURIComponent(e!.slug)}`}>
                    {e!.name}
                  </a>
                </li>
              ))}
          </ul>
        )}
        <CardList items={page.kind === 'ok' ? page.items : []} now={Date.now()} empty="Nothing new from what you follow." />
        <Pager path="/for-you" cursor={page.kind === 'ok' ? page.nextCursor : null} />
      </Layout>,
    );
  });

  return app;
}
