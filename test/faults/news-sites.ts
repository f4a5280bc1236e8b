/**
 * Many outlets on loopback for fault tests and the scale bench: each outlet is its own
 * fixture server (its own host:port, so per-host politeness applies per outlet, as on the
 * internet) serving an RSS feed of `itemsPerOutlet` items and one article page per item.
 *
 * The texts are generated from a seed (a small deterministic PRNG) out of invented towns,
 * people, organisations and figures, so every article is different, has the shape of a
 * news report (headline, byline, dateline, quotes, numbers) and costs the reading engine
 * what a real one does. Several outlets cover the same events, so story placement has
 * real clustering to do. Invented for Tidings' tests; AGPL-3.0-or-later like the project.
 *
 * The server records what it served: `servedGuids()` is the set of item guids that went
 * out in a feed response, which is what the database must end up holding exactly once.
 */
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

const TOWNS = ['Portwell', 'Eastmere', 'Halvard', 'Saltby', 'Kirren', 'Dunmoor', 'Velstad', 'Ashgrove', 'Marrow Bay', 'Tollin', 'Brackenridge', 'Oserby', 'Lunholm', 'Greywater', 'Fennick'];
const FIRST = ['Mara', 'Tomas', 'Anneli', 'Jonas', 'Ilse', 'Pieter', 'Sanna', 'Ravi', 'Leona', 'Emeka', 'Hana', 'Oskar', 'Noor', 'Dmitri', 'Carmen', 'Felix', 'Yara', 'Bruno', 'Agnes', 'Kofi'];
const LAST = ['Lindqvist', 'Berg', 'Sorensen', 'Varga', 'Okafor', 'Halloran', 'Moreau', 'Tanaka', 'Quist', 'Albrecht', 'Rahman', 'Ferreira', 'Nakamura', 'Petrov', 'Castell', 'Drummond'];
const ORGS = ['the port authority', 'the regional council', 'the coastal rail company', 'the hospital trust', 'the fishermen’s union', 'the water board', 'the chamber of commerce', 'the teachers’ association', 'the energy cooperative', 'the harbour police'];
const ROLES = ['chair', 'spokesperson', 'director', 'treasurer', 'chief engineer', 'deputy mayor', 'union secretary', 'project manager'];
const EVENTS = [
  { topic: 'dredging of the inner harbour', verb: 'approved', noun: 'dredging plan', unit: 'cubic metres of silt' },
  { topic: 'night bus service', verb: 'extended', noun: 'bus service', unit: 'passengers a week' },
  { topic: 'repairs to the coastal rail line', verb: 'finished', noun: 'rail repairs', unit: 'metres of embankment' },
  { topic: 'closure of the fish market', verb: 'postponed', noun: 'market closure', unit: 'traders' },
  { topic: 'new wind farm off the headland', verb: 'backed', noun: 'wind farm', unit: 'megawatts' },
  { topic: 'strike at the ferry terminal', verb: 'ended', noun: 'ferry strike', unit: 'crossings' },
  { topic: 'flooding on the river road', verb: 'reported', noun: 'flood damage', unit: 'homes' },
  { topic: 'school building programme', verb: 'announced', noun: 'school programme', unit: 'pupils' },
  { topic: 'hospital waiting lists', verb: 'published', noun: 'waiting list figures', unit: 'patients' },
  { topic: 'water price rise', verb: 'confirmed', noun: 'price rise', unit: 'households' },
  { topic: 'bridge inspection', verb: 'ordered', noun: 'bridge inspection', unit: 'vehicles a day' },
  { topic: 'summer festival budget', verb: 'cut', noun: 'festival budget', unit: 'visitors' },
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const person = (r: () => number) => `${pick(r, FIRST)} ${pick(r, LAST)}`;
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One article: headline, byline and 7 to 11 paragraphs about one of the shared events. */
export function makeItem(r: () => number, outletIndex: number, itemIndex: number, baseMs: number): NewsItem {
  const ev = EVENTS[(outletIndex * 7 + itemIndex * 3 + Math.floor(r() * 3)) % EVENTS.length]!;
  const town = pick(r, TOWNS);
  const org = pick(r, ORGS);
  const speaker = person(r);
  const role = pick(r, ROLES);
  const other = person(r);
  const figure = 1000 + Math.floor(r() * 90_000);
  const cost = (1 + Math.floor(r() * 40)) * 0.5;
  const day = pick(r, DAYS);
  const title = `${cap(org.replace(/^the /, ''))} ${ev.verb} ${ev.noun} in ${town}${r() < 0.5 ? '' : ` after ${['months of talks', 'a close vote', 'public protests', 'a review', 'winter storms'][Math.floor(r() * 5)]}`} (${outletIndex + 1}-${itemIndex + 1})`;
  const paragraphs = [
    `${cap(org)} on ${day} ${ev.verb} the ${ev.topic} in ${town}, a decision that affects about ${figure.toLocaleString('en-GB')} ${ev.unit} and that had been delayed ${2 + Math.floor(r() * 4)} times since ${2015 + Math.floor(r() * 9)}.`,
    `"This is the result of a long process and we think it is the right one for ${town}," said ${speaker}, the ${role} of ${org}, after the meeting. "People have waited long enough."`,
    `The ${ev.noun} will cost €${cost.toFixed(1)} million, of which ${10 + Math.floor(r() * 60)} per cent comes from the national government, according to figures published by ${org}.`,
    `${other}, who represents residents of the ${pick(r, ['old town', 'harbour district', 'north shore', 'valley villages', 'station quarter'])}, said the plan left questions open. "Nobody has told us how long the work will take or who pays if the budget runs over," ${other.split(' ')[0]} said.`,
    `Work is expected to start in ${pick(r, ['March', 'April', 'May', 'June', 'September', 'October'])} and to last about ${3 + Math.floor(r() * 20)} weeks. During that time ${pick(r, ['one lane of the coast road', 'the ferry quay', 'the market square', 'part of the river path', 'the station car park'])} will be closed.`,
    `Last year ${town} counted ${(figure / (2 + Math.floor(r() * 5))).toFixed(0)} ${ev.unit}, ${pick(r, ['up', 'down'])} ${1 + Math.floor(r() * 30)} per cent on the year before, the ${pick(r, ['statistics office', 'council', 'regional agency'])} said.`,
  ];
  const extra = 1 + Math.floor(r() * 5);
  for (let i = 0; i < extra; i++) {
    const who = person(r);
    paragraphs.push(
      pick(r, [
        `${who}, a ${pick(r, ['shop owner', 'fisherman', 'nurse', 'teacher', 'bus driver', 'student'])} in ${town}, said the ${ev.noun} was overdue. "We have talked about it for years. I will believe it when I see it."`,
        `The opposition group on the council, led by ${who}, voted against the proposal, arguing that the money should go to ${pick(r, ['housing', 'roads', 'schools', 'the hospital', 'flood defences'])} first.`,
        `A report by ${pick(r, ORGS)} in ${2018 + Math.floor(r() * 6)} had warned that delaying the ${ev.topic} would raise its cost by ${5 + Math.floor(r() * 40)} per cent.`,
        `Neighbouring ${pick(r, TOWNS)} went through a similar process ${2 + Math.floor(r() * 8)} years ago; ${who}, who led it then, said the lesson was to "publish every figure, early".`,
        `The next public meeting on the ${ev.noun} is planned for ${pick(r, DAYS)} ${1 + Math.floor(r() * 27)} ${pick(r, ['May', 'June', 'July', 'August'])} at the ${pick(r, ['town hall', 'library', 'community centre'])}.`,
      ]),
    );
  }
  const publishedMs = baseMs - (outletIndex * 13 + itemIndex * 37) * 60_000;
  const d = new Date(publishedMs);
  const datePath = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return { guid: `outlet${outletIndex + 1}-item${itemIndex + 1}`, path: `/news/${datePath}/${slugify(title)}`, title, byline: person(r), publishedMs, paragraphs };
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
export async function startNewsSites(opts: { outlets: number; itemsPerOutlet: number; seed?: number; baseMs?: number }): Promise<NewsSites> {
  const r = prng(opts.seed ?? 8);
  const baseMs = opts.baseMs ?? Date.now() - 3600_000;
  const served = new Set<string>();
  let pages = 0;
  const outlets: Outlet[] = [];
  try {
    for (let o = 0; o < opts.outlets; o++) {
      const server = await startFixtureServer();
      const name = `The ${pick(r, TOWNS)} ${pick(r, ['Courier', 'Gazette', 'Herald', 'Post', 'Examiner', 'Chronicle', 'Observer'])} ${o + 1}`;
      const meta = { name, origin: server.origin };
      const items = Array.from({ length: opts.itemsPerOutlet }, (_, i) => makeItem(r, o, i, baseMs));
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
