/** The page frame and the small components every page shares. Everything is escaped by JSX. */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { User } from '../store/users.ts';
import type { ArticleCard } from '../store/pages.ts';
import { ASSETS } from './assets.ts';
import { timeAgo, formatDateTime, safeHttpUrl } from './format.ts';

export interface FeedRef {
  title: string;
  /** Path without the format, e.g. "/outlets/3/feed"; "/rss", "/atom", "/json" are appended. */
  base: string;
}

export interface PageMeta {
  title: string;
  user: User | null;
  csrf?: string;
  description?: string;
  feed?: FeedRef;
  /** The query shown in the header search box. */
  q?: string;
  current?: string;
  canonical?: string;
  noindex?: boolean;
}

export function Layout(props: PageMeta & { children?: Child }) {
  const u = props.user;
  const title = props.title ? `${props.title} · Tidings` : 'Tidings';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {props.description && <meta name="description" content={props.description} />}
          {props.noindex && <meta name="robots" content="noindex" />}
          {props.canonical && <link rel="canonical" href={props.canonical} />}
          <meta name="color-scheme" content="light dark" />
          <link rel="stylesheet" href={ASSETS.css} />
          {props.feed && (
            <>
              <link rel="alternate" type="application/rss+xml" title={`${props.feed.title} (RSS)`} href={`${props.feed.base}/rss`} />
              <link rel="alternate" type="application/atom+xml" title={`${props.feed.title} (Atom)`} href={`${props.feed.base}/atom`} />
              <link rel="alternate" type="application/feed+json" title={`${props.feed.title} (JSON Feed)`} href={`${props.feed.base}/json`} />
            </>
          )}
          <script src={ASSETS.js} defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="inner">
              <a class="brand" href="/">
                Tidings
              </a>
              <nav class="site-nav" aria-label="Main">
                <a href="/" aria-current={props.current === 'home' ? 'page' : undefined}>
                  Home
                </a>
                <a href="/outlets" aria-current={props.current === 'outlets' ? 'page' : undefined}>
                  Outlets
                </a>
                {u && (
                  <a href="/for-you" aria-current={props.current === 'for-you' ? 'page' : undefined}>
                    For you
                  </a>
                )}
                {u && (
                  <a href="/saved" aria-current={props.current === 'saved' ? 'page' : undefined}>
                    Saved
                  </a>
                )}
                {u && (u.role === 'moderator' || u.role === 'admin') && <a href="/moderation">Moderation</a>}
                {u && u.role === 'admin' && <a href="/admin">Admin</a>}
              </nav>
              <form class="header-search" action="/search" method="get" role="search">
                <label class="sr-only" for="site-q">
                  Search articles
                </label>
                <input id="site-q" type="search" name="q" value={props.q ?? ''} placeholder="Search (press /)" autocomplete="off" />
                <button type="submit">Search</button>
              </form>
              <div class="account">
                {u ? (
                  <>
                    <a href="/account">{u.name}</a>
                    <form class="inline" method="post" action="/signout">
                      <input type="hidden" name="_csrf" value={props.csrf ?? ''} />
                      <button class="link" type="submit">
                        Sign out
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <a href="/signin">Sign in</a>
                    <a href="/signup">Sign up</a>
                  </>
                )}
              </div>
            </div>
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="inner">
              <span>Tidings: news from many outlets, read for you with citations.</span>
              {props.feed && (
                <span>
                  Follow this page: <a href={`${props.feed.base}/rss`}>RSS</a> · <a href={`${props.feed.base}/atom`}>Atom</a> · <a href={`${props.feed.base}/json`}>JSON Feed</a>
                </span>
              )}
              <a href="/api/v1/openapi.json">API</a>
              <span class="muted">Keys: j/k next/previous article, / search</span>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A relative time with the exact time in `datetime` and a tooltip. */
export function TimeAgo(props: { t: number | null; now: number }) {
  if (props.t === null) return <span class="muted">undated</span>;
  return (
    <time datetime={new Date(props.t).toISOString()} title={formatDateTime(props.t)}>
      {timeAgo(props.t, props.now)}
    </time>
  );
}

export function ArticleCardView(props: { a: ArticleCard; now: number; headingLevel?: 2 | 3 }) {
  const a = props.a;
  const img = safeHttpUrl(a.imageUrl);
  return (
    <li class="card" data-nav-item>
      <div class="meta">
        {a.outletId !== null ? <a href={`/outlets/${a.outletId}`}>{a.outlet ?? 'Unknown outlet'}</a> : <span>{a.outlet ?? 'Unknown outlet'}</span>}
        <TimeAgo t={a.publishedAt} now={props.now} />
        {a.commentCount > 0 && (
          <a href={`/articles/${a.id}#comments`}>
            {a.commentCount} comment{a.commentCount === 1 ? '' : 's'}
          </a>
        )}
      </div>
      <div>
        <h3>
          <a href={`/articles/${a.id}`} data-nav-link>
            {a.title}
          </a>
        </h3>
        {a.excerpt && <p>{a.excerpt}</p>}
      </div>
      {img && <img class="thumb" src={img} alt="" loading="lazy" referrerpolicy="no-referrer" decoding="async" />}
    </li>
  );
}

export function CardList(props: { items: ArticleCard[]; now: number; empty?: string }) {
  if (!props.items.length) return <p class="muted">{props.empty ?? 'No articles yet.'}</p>;
  return (
    <ol class="cards">
      {props.items.map((a) => (
        <ArticleCardView a={a} now={props.now} />
      ))}
    </ol>
  );
}

/** "Older" link carrying the cursor and the current filters. */
export function Pager(props: { path: string; params?: Record<string, string | null | undefined>; cursor: string | null; label?: string }) {
  if (!props.cursor) return null;
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(props.params ?? {})) if (v) u.set(k, v);
  u.set('cursor', props.cursor);
  return (
    <nav class="pager" aria-label="Pagination">
      <a href={`${props.path}?${u.toString()}`} rel="next">
        {props.label ?? 'Older articles →'}
      </a>
    </nav>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Notice(props: { kind?: 'ok' | 'error'; children?: Child }) {
  return (
    <div class={`notice${props.kind ? ` ${props.kind}` : ''}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function ErrorPage(props: { user: User | null; csrf?: string; title: string; message: string }) {
  return (
    <Layout title={props.title} user={props.user} csrf={props.csrf} noindex>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </Layout>
  );
}
