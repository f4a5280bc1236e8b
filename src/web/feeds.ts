/**
 * Outgoing feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the home page, an outlet, a
 * hashtag, a story and a search. XML is written by hand with every text and attribute
 * escaped and characters XML 1.0 forbids removed, so no article title can break a feed.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from './app.ts';
import type { ArticleCard } from '../store/pages.ts';
import { latestArticles, outletInfo, hashtagInfo, storyDetail } from '../store/pages.ts';
import { searchArticles } from '../store/search.ts';
import { baseUrl } from '../config.ts';
import type { WebEnv } from './session.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedMeta {
  title: string;
  description: string;
  /** The page this feed mirrors (absolute). */
  link: string;
  /** The feed's own URL without the format (absolute). */
  selfBase: string;
}

export interface FeedItem {
  id: string;
  title: string;
  url: string;
  /** Where the article came from. */
  externalUrl: string;
  summary: string | null;
  author: string | null;
  publishedAt: number | null;
  imageUrl: string | null;
}

// XML 1.0 allows tab, newline, carriage return and U+0020 and above, minus surrogates and U+FFFE/U+FFFF.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export function renderFeed(format: FeedFormat, meta: FeedMeta, items: FeedItem[], now = Date.now()): string {
  const updated = items.reduce((m, i) => Math.max(m, i.publishedAt ?? 0), 0) || now;
  const self = `${meta.selfBase}/${format}`;
  if (format === 'json') {
    return JSON.stringify(
      {
        version: 'https://jsonfeed.org/version/1.1',
        title: meta.title,
        home_page_url: meta.link,
        feed_url: self,
        description: meta.description,
        items: items.map((i) => ({
          id: i.id,
          url: i.url,
          external_url: i.externalUrl,
          title: i.title,
          content_text: i.summary ?? i.title,
          ...(i.imageUrl ? { image: i.imageUrl } : {}),
          ...(i.publishedAt ? { date_published: new Date(i.publishedAt).toISOString() } : {}),
          ...(i.author ? { authors: [{ name: i.author }] } : {}),
        })),
      },
      null,
      2,
    );
  }
  const x = xmlEscape;
  if (format === 'atom') {
    const entries = items
      .map(
        (i) => `  <entry>
    <id>${x(i.url)}</id>
    <title type="text">${x(i.title)}</title>
    <link rel="alternate" type="text/html" href="${x(i.url)}"/>
    <link rel="related" href="${x(i.externalUrl)}"/>
    <updated>${new Date(i.publishedAt ?? updated).toISOString()}</updated>
    ${i.publishedAt ? `<published>${new Date(i.publishedAt).toISOString()}</published>` : ''}
    ${i.author ? `<author><name>${x(i.author)}</name></author>` : ''}
    ${i.summary ? `<summary type="text">${x(i.summary)}</summary>` : ''}
  </entry>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(self)}</id>
  <title type="text">${x(meta.title)}</title>
  <subtitle type="text">${x(meta.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${x(meta.link)}"/>
  <link rel="self" type="application/atom+xml" href="${x(self)}"/>
  <updated>${new Date(updated).toISOString()}</updated>
  <author><name>Tidings</name></author>
  <generator>Tidings</generator>
${entries}
</feed>
`;
  }
  const rssItems = items
    .map(
      (i) => `    <item>
      <title>${x(i.title)}</title>
      <link>${x(i.url)}</link>
      <guid isPermaLink="true">${x(i.url)}</guid>
      ${i.publishedAt ? `<pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>` : ''}
      ${i.author ? `<dc:creator>${x(i.author)}</dc:creator>` : ''}
      ${i.summary ? `<description>${x(i.summary)}</description>` : ''}
      <source url="${x(i.externalUrl)}">${x(i.author ?? i.externalUrl)}</source>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${x(meta.title)}</title>
    <link>${x(meta.link)}</link>
    <description>${x(meta.description)}</description>
    <atom:link href="${x(self)}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
    <generator>Tidings</generator>
${rssItems}
  </channel>
</rss>
`;
}

function toItems(site: string, cards: ArticleCard[]): FeedItem[] {
  return cards.map((a) => ({ id: `${site}/articles/${a.id}`, title: a.title, url: `${site}/articles/${a.id}`, externalUrl: a.url, summary: a.excerpt, author: a.outlet, publishedAt: a.publishedAt, imageUrl: a.imageUrl }));
}

export function feedRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = deps;
  const site = baseUrl(deps.config);

  const send = (c: Context, format: string, meta: FeedMeta, items: FeedItem[]) => {
    if (format !== 'rss' && format !== 'atom' && format !== 'json') return c.text('Unknown feed format; use rss, atom or json.', 404);
    return c.body(renderFeed(format, meta, items), 200, { 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': 'public, max-age=300' });
  };

  app.get('/feed/:format', async (c) => {
    const page = await latestArticles(store, { limit: 30 });
    return send(c, c.req.param('format'), { title: 'Tidings: latest articles', description: 'The latest articles from every outlet Tidings follows.', link: `${site}/`, selfBase: `${site}/feed` }, toItems(site, page.kind === 'ok' ? page.items : []));
  });

  app.get('/outlets/:id/feed/:format', async (c) => {
    const o = await outletInfo(store, Number(c.req.param('id')) || 0);
    if (!o) return c.text('No such outlet.', 404);
    const page = await latestArticles(store, { outletId: o.id, limit: 30 });
    return send(c, c.req.param('format'), { title: `${o.name} on Tidings`, description: `The latest articles from ${o.name}.`, link: `${site}/outlets/${o.id}`, selfBase: `${site}/outlets/${o.id}/feed` }, toItems(site, page.kind === 'ok' ? page.items : []));
  });

  app.get('/hashtags/:tag/feed/:format', async (c) => {
    const info = await hashtagInfo(store, decodeURIComponent(c.req.param('tag')).slice(0, 100));
    if (!info) return c.text('No such hashtag.', 404);
    const page = await latestArticles(store, { hashtag: info.key, limit: 30 });
    const path = `/hashtags/${encodeURIComponent(info.key)}`;
    return send(c, c.req.param('format'), { title: `#${info.tag} on Tidings`, description: `The latest articles tagged #${info.tag}.`, link: `${site}${path}`, selfBase: `${site}${path}/feed` }, toItems(site, page.kind === 'ok' ? page.items : []));
  });

  app.get('/stories/:id/feed/:format', async (c) => {
    const id = Number(c.req.param('id')) || 0;
    const r = await storyDetail(store, id);
    if (r.kind === 'moved') return c.redirect(`/stories/${r.to}/feed/${c.req.param('format')}`, 301);
    if (r.kind === 'not-found') return c.text('No such story.', 404);
    return send(c, c.req.param('format'), { title: `Story: ${r.story.headline}`, description: `Coverage of “${r.story.headline}” from ${r.story.outletCount} outlets.`, link: `${site}/stories/${id}`, selfBase: `${site}/stories/${id}/feed` }, toItems(site, r.story.articles.slice(0, 50)));
  });

  app.get('/search/feed/:q/:format', async (c) => {
    const q = c.req.param('q').slice(0, 500);
    const r = await searchArticles(store, { q, sort: 'recent', limit: 30 });
    const items: FeedItem[] = r.kind === 'ok' ? r.hits.map((h) => ({ id: `${site}/articles/${h.id}`, title: h.title, url: `${site}/articles/${h.id}`, externalUrl: h.url, summary: null, author: h.outlet, publishedAt: h.publishedAt, imageUrl: h.imageUrl })) : [];
    const encoded = encodeURIComponent(q);
    return send(c, c.req.param('format'), { title: `Tidings search: ${q}`, description: `Articles matching “${q}”, newest first.`, link: `${site}/search?q=${encoded}`, selfBase: `${site}/search/feed/${encoded}` }, items);
  });

  return app;
}
