/**
 * Many outlets on loopback for fault tests and the scale bench: each outlet is its own
 * fixture server (its own host:port, so per-host politeness applies per outlet, as on the
 * internet) serving an RSS feed of `itemsPerOutlet` items and one article page per item.
 *
 * The articles are the project's labelled news coverage (test/fixtures/stories, see its
 * README for sources and licence): real-shaped reports of about forty events with wire
 * copies among them, so extraction, reading, duplicate detection and story placement do
 * the work they do on real news. Beyond 132 items the coverage is served again under new
 * URLs (republished copy).
 *
 * The server records what it served: `servedGuids()` is the set of item guids that went
 * out in a feed response, which is what the database must end up holding exactly once.
 */
import { readFileSync } from 'node:fs';
import { startFixtureServer, file, type FixtureServer } from '../support/fixture-server.ts';

export interface NewsItem {
  guid: string;
  path: string;
  title: string;
  byline: string;
  publishedMs: number;
  paragraphs: string[];
}

export interface Outlet {
  name: string;
  server: FixtureServer;
  feedUrl: string;
  items: NewsItem[];
}

export interface NewsSites {
  outlets: Outlet[];
  /** Guids that were sent in at least one feed response so far. */
  servedGuids(): Set<string>;
  /** Article page requests answered so far (all outlets). */
  pageHits(): number;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded PRNG, so a run is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Courier', 'Gazette', 'Herald', 'Post', 'Examiner', 'Chronicle', 'Observer', 'Times', 'Mercury', 'Echo'];
const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface CoverageArticle {
  id: string;
  title: string;
  text: string;
  published: string;
  source: string;
}

let coverageCache: CoverageArticle[] | null = null;
/** The labelled news coverage of test/fixtures/stories (132 articles, about 40 stories, with wire copies). */
export function loadCoverage(): CoverageArticle[] {
  coverageCache ??= readFileSync(new URL('../fixtures/stories/coverage.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CoverageArticle);
  return coverageCache;
}

/**
 * The k-th article of the run: the coverage articles in turn (a second round re-serves them
 * under new URLs, as outlets republish wire copy), times shifted so that the newest is an
 * hour before `baseMs`.
 */
export function makeItem(k: number, outletIndex: number, itemIndex: number, baseMs: number): NewsItem {
  const all = loadCoverage();
  const src = all[k % all.length]!;
  const round = Math.floor(k / all.length);
  const newest = Math.max(...all.map((a) => Date.parse(a.published)));
  const publishedMs = baseMs - (newest - Date.parse(src.published)) + round * 60_000;
  const d = new Date(publishedMs);
  const datePath = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return {
    guid: `outlet${outletIndex + 1}-item${itemIndex + 1}`,
    path: `/news/${datePath}/${slugify(src.title)}-${outletIndex + 1}-${itemIndex + 1}`,
    title: src.title,
    byline: `${src.source} staff`,
    publishedMs,
    paragraphs: src.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
  };
}

export function feedXml(outlet: { name: string; origin: string }, items: NewsItem[]): string {
  const entries = items
    .map(
      (it) => `  <item>
    <title>${esc(it.title)}</title>
    <link>${outlet.origin}${it.path}</link>
    <guid isPermaLink="false">${it.guid}</guid>
    <dc:creator>${esc(it.byline)}</dc:creator>
    <pubDate>${new Date(it.publishedMs).toUTCString()}</pubDate>
    <description>${esc(it.paragraphs[0]!)}</description>
  </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${esc(outlet.name)}</title>
  <link>${outlet.origin}/</link>
  <description>News from ${esc(outlet.name)}</description>
  <language>en</language>
${entries}
</channel>
</rss>
`;
}

export function articleHtml(outlet: { name: string; origin: string }, it: NewsItem): string {
  const iso = new Date(it.publishedMs).toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(it.title)} | ${esc(outlet.name)}</title>
<meta property="og:site_name" content="${esc(outlet.name)}">
<meta property="og:title" content="${esc(it.title)}">
<meta name="author" content="${esc(it.byline)}">
<meta property="article:published_time" content="${iso}">
<link rel="canonical" href="${outlet.origin}${it.path}">
</head>
<body>
<header class="site-header"><a href="/">${esc(outlet.name)}</a>
<nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/about">About us</a></nav></header>
<main>
<article>
<h1>${esc(it.title)}</h1>
<p class="byline">By ${esc(it.byline)}</p>
<time datetime="${iso}">${iso}</time>
${it.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside class="most-read"><h2>Most read</h2><ul><li><a href="/news/other">Another story</a></li></ul></aside>
</main>
<footer><a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></footer>
</body>
</html>
`;
}

/** Starts `outlets` fixture servers, each with a feed of `itemsPerOutlet` items and their pages. */
export async function startNewsSites(opts: { outlets: number; itemsPerOutlet: number; baseMs?: number; /** Start at this coverage article (a second site set picks up where the first ended). */ firstItem?: number }): Promise<NewsSites> {
  const baseMs = opts.baseMs ?? Date.now() - 3600_000;
  const served = new Set<string>();
  let pages = 0;
  const outlets: Outlet[] = [];
  try {
    for (let o = 0; o < opts.outlets; o++) {
      const server = await startFixtureServer();
      const name = `The ${NAMES[o % NAMES.length]} ${o + 1}`;
      const meta = { name, origin: server.origin };
      const items = Array.from({ length: opts.itemsPerOutlet }, (_, i) => makeItem((opts.firstItem ?? 0) + o * opts.itemsPerOutlet + i, o, i, baseMs));
      const xml = feedXml(meta, items);
      const feedRoute = file(xml, 'application/rss+xml; charset=utf-8', { encoding: 'gzip' });
      server.set('/feed.xml', (req, res) => {
        // Count an item as served only once its feed was actually sent.
        res.once('finish', () => items.forEach((it) => served.add(it.guid)));
        return feedRoute(req, res);
      });
      server.set('/robots.txt', file('User-agent: *\nDisallow: /private/\n', 'text/plain'));
      for (const it of items) {
        const page = file(articleHtml(meta, it), 'text/html; charset=utf-8');
        server.set(it.path, (req, res) => {
          pages++;
          return page(req, res);
        });
      }
      outlets.push({ name, server, feedUrl: server.url('/feed.xml'), items });
    }
  } catch (err) {
    await Promise.all(outlets.map((o) => o.server.close()));
    throw err;
  }
  return {
    outlets,
    servedGuids: () => new Set(served),
    pageHits: () => pages,
    close: async () => void (await Promise.all(outlets.map((o) => o.server.close()))),
  };
}
