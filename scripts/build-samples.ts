/**
 * Builds the generated sample outlets in samples/ from the labelled coverage set
 * (test/fixtures/stories/coverage.jsonl): one folder per outlet with a feed (RSS 2.0,
 * Atom 1.0 or JSON Feed 1.1) and one article page per article, and their entries in
 * samples/outlets.json (the hand-written seed outlets there are kept as they are).
 *
 *   npx tsx scripts/build-samples.ts           writes the files
 *   npx tsx scripts/build-samples.ts --check   exits 1 when the files on disk differ
 *
 * Output is a pure function of the coverage file and the seed samples: no clock, no
 * randomness (choices hash the outlet or article id), so a rerun changes nothing.
 *
 * The pages are meant to look like what the extractor meets on real news sites: metadata
 * in <head> (Open Graph, article:published_time, JSON-LD NewsArticle), a byline element,
 * the body as <p>, and page furniture around and inside the article (navigation, share
 * bar, "Read more" box, newsletter prompt, advertisement slot, footer) that extraction
 * has to remove. Four page templates with different markup conventions, outlets' own
 * time zones in dates, no images (an offline demo would show them broken).
 */
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const COVERAGE_FILE = join(ROOT, 'test/fixtures/stories/coverage.jsonl');
export const SAMPLES = join(ROOT, 'samples');
const HOST_SUFFIX = '.sample.invalid';

const coverageLine = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
  published: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  source: z.string().min(1),
  story: z.string().min(1),
  duplicate_of: z.string().nullable(),
});
export type CoverageArticle = z.infer<typeof coverageLine>;

export function readCoverage(file = COVERAGE_FILE): CoverageArticle[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((l, i) => {
    let json: unknown;
    try {
      json = JSON.parse(l);
    } catch (err) {
      throw new Error(`build-samples: ${file}:${i + 1} is not JSON`, { cause: err });
    }
    const r = coverageLine.safeParse(json);
    if (!r.success) throw new Error(`build-samples: ${file}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return r.data;
  });
}

// ---------------------------------------------------------------------------------------
// What the generator decides per story and per outlet.

type Topic = 'World' | 'Business' | 'Technology' | 'Science' | 'Sport';

/** Section of each story of the set; a story missing here is filed under World (with a warning). */
const STORY_TOPIC: Record<string, Topic> = {
  'russia-recognises-taliban': 'World',
  'ghent-museum-heist': 'World',
  'guizhou-floods': 'World',
  'papua-plane-crash': 'World',
  'papua-crash-report-funerals': 'World',
  'quake-peru': 'World',
  'quake-turkey': 'World',
  'bulgaria-election': 'World',
  'bucharest-mayor-byelection': 'World',
  'wildfire-lleida': 'World',
  'wildfire-alicante': 'World',
  'sweida-clashes': 'World',
  'trump-uae-afghans': 'World',
  'ghana-mine-collapse': 'World',
  'tanker-collision-singapore': 'World',
  'singapore-ponzi-arrest': 'World',
  'german-rail-strike': 'World',
  'french-atc-strike': 'World',
  'orvane-airbag-class-action': 'Business',
  'orvane-eu-cartel-fine': 'Business',
  'rbnz-rate-hold': 'Business',
  'boc-rate-cut': 'Business',
  'airline-merger-skyward-pacifica': 'Business',
  'lumora-trial-opens': 'Business',
  'kestrel-semi-earnings': 'Business',
  'ransomware-hospital-uk': 'Technology',
  'ransomware-japan-port': 'Technology',
  'cholera-chad': 'Science',
  'halcyon-fda-approval': 'Science',
  'lunar-lander-tsukimi': 'Science',
  'northgate-vs-ashford': 'Sport',
  'northgate-cup-exit': 'Sport',
};

/** The news agencies of the set: their own folder, their own page template. */
const WIRES: Record<string, { orgName: string; feedPath: string; format: FeedFormat }> = {
  Reuters: { orgName: 'Reuters', feedPath: 'feeds/world-news.xml', format: 'rss' },
  AP: { orgName: 'Associated Press', feedPath: 'hub/apf-topnews.atom', format: 'atom' },
  AFP: { orgName: 'Agence France-Presse', feedPath: 'en/rss/latest.xml', format: 'rss' },
};

/** Outlets publishing JSON Feed (a couple, so the demo exercises that parser too). */
const JSON_FEED_OUTLETS = new Set(['Block Times', 'Orbit Weekly']);

/**
 * UTC offsets (July, so summer time where it applies) of outlets whose name or coverage
 * places them; their pages and feeds write local times, as real outlets do. Others use UTC.
 */
const UTC_OFFSET_MIN: Record<string, number> = {
  'Hong Kong Wire': 480, 'Pacific Morning Post': 480, 'China Business Daily': 480, 'Lion City Times': 480,
  'Tokyo Business Daily': 540, 'Nusantara Post': 420, 'Kiwi Business Herald': 720, 'Southern Cross Times': 600,
  'Lima Post': -300, 'Andes Herald': -300, 'Toronto Ledger': -240, 'Maple Financial Post': -240,
  'Detroit Courier': -240, 'Manhattan Courier': -240, 'The Capitol Brief': -240, 'The Valley Times': -420,
  'Catalan Observer': 120, 'Iberia Today': 120, 'Levante Courier': 120, 'Continental Desk': 120, 'Paris Mirror': 120,
  'Rhine Post': 120, 'Brussels Insider': 120, 'Low Countries Post': 120, 'Auto Europe Weekly': 120,
  'Sofia Morning': 180, 'Balkan Review': 180, 'Danube Post': 180, 'Bosphorus Daily': 180,
  'The Jerusalem Courier': 180, 'Levant Observer': 180, 'Gulf Observer': 240, 'Central Asia Monitor': 300,
  'Accra Daily': 0, 'Sahel Reporter': 60, 'The Midland Gazette': 60, 'The Northern Clarion': 60,
  'Northgate Evening Echo': 60, 'Ashford Argus': 60, 'Marlow Mercury': 60, 'National Sports Desk': 60, 'Tech Register': 60,
  AP: -240,
};

type FeedFormat = 'rss' | 'atom' | 'json';
type Template = 'wire' | 'press' | 'modern' | 'classic';

export interface OutletPlan {
  name: string;
  slug: string;
  host: string;
  template: Template;
  format: FeedFormat;
  feedPath: string;
  folder: string;
  offsetMin: number;
  articles: PlannedArticle[];
}

export interface PlannedArticle {
  a: CoverageArticle;
  topic: Topic;
  path: string;
  url: string;
  guid: string;
  byline: { name: string; kind: 'Person' | 'Organization' };
}

/** FNV-1a, for stable choices. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function outletSlug(name: string): string {
  return name
    .replace(/^the\s+/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function titleSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.slice(0, 9).join('-') || 'article';
}

// Invented names for bylines (the set's texts name no staff reporters for most outlets).
const GIVEN = ['Amara', 'Bruno', 'Carys', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hana', 'Ines', 'Joaquin', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sami', 'Tomasz', 'Ulla', 'Vikram', 'Wen', 'Yara', 'Zeynep', 'Aiden', 'Beatriz', 'Chidi', 'Daria', 'Emeka'];
const FAMILY = ['Achterberg', 'Balogun', 'Castellano', 'Dunmore', 'Esposito', 'Fairweather', 'Gallardo', 'Halvorsen', 'Ibarra', 'Jansen', 'Kowalczyk', 'Lindqvist', 'Marchetti', 'Nakashima', 'Okonkwo', 'Petrakis', 'Quiroga', 'Rautio', 'Sandoval', 'Takeda', 'Underhill', 'Varga', 'Whitlock', 'Xavier', 'Yilmaz', 'Zabala', 'Abernethy', 'Brennan', 'Cartwright', 'Delacroix'];

function inventedName(seed: string): string {
  const h = hash(seed);
  return `${GIVEN[h % GIVEN.length]} ${FAMILY[Math.floor(h / GIVEN.length) % FAMILY.length]}`;
}

function bylineOf(a: CoverageArticle, byId: Map<string, CoverageArticle>): PlannedArticle['byline'] {
  // A republished wire copy is credited to the agency, as outlets print it.
  if (a.duplicate_of) {
    const original = byId.get(a.duplicate_of);
    const wire = original && WIRES[original.source];
    return { name: wire ? wire.orgName : (original?.source ?? a.source), kind: 'Organization' };
  }
  // "(Reporting by Jane Doe; Editing by ...)" names the reporter of a wire story.
  const credit = /\(Reporting by ([^;,)]+?)(?:,|;| and |\))/.exec(a.text);
  if (credit) return { name: credit[1]!.trim(), kind: 'Person' };
  if (/^Live\b/i.test(a.title)) return { name: `${a.source} staff`, kind: 'Organization' };
  return { name: inventedName(a.id), kind: 'Person' };
}

/** What an outlet's name alone decides: folder (slug), host, page template, feed format and path. */
export function outletIdentity(name: string): { slug: string; host: string; template: Template; format: FeedFormat; feedPath: string; feedUrl: string } {
  const slug = outletSlug(name);
  const wire = WIRES[name];
  const template: Template = wire ? 'wire' : (['press', 'modern', 'classic'] as const)[hash(slug) % 3]!;
  const format: FeedFormat = wire ? wire.format : JSON_FEED_OUTLETS.has(name) ? 'json' : template === 'modern' ? 'atom' : 'rss';
  const feedPath = wire ? wire.feedPath : format === 'json' ? 'feed.json' : format === 'atom' ? 'rss/all.atom' : template === 'press' ? 'feed.xml' : 'rss/news.xml';
  const host = `${slug}${HOST_SUFFIX}`;
  return { slug, host, template, format, feedPath, feedUrl: `https://${host}/${feedPath}` };
}

/** Sorts articles into outlets and decides every URL, template and feed. */
export function planOutlets(articles: CoverageArticle[], skip: (a: CoverageArticle) => boolean, warn: (msg: string) => void = () => {}): OutletPlan[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const bySource = new Map<string, CoverageArticle[]>();
  for (const a of articles) {
    if (skip(a)) continue;
    let list = bySource.get(a.source);
    if (!list) bySource.set(a.source, (list = []));
    list.push(a);
  }
  const plans: OutletPlan[] = [];
  const slugs = new Map<string, string>();
  for (const [name, list] of bySource) {
    const slug = outletSlug(name);
    if (!slug) throw new Error(`build-samples: outlet "${name}" gives an empty slug`);
    if (slugs.has(slug)) throw new Error(`build-samples: outlets "${name}" and "${slugs.get(slug)}" share the slug "${slug}"`);
    slugs.set(slug, name);
    const wire = WIRES[name];
    const { template, format, feedPath, host } = outletIdentity(name);
    const topics = list.map((a) => {
      const t = STORY_TOPIC[a.story];
      if (!t) warn(`story "${a.story}" has no topic; filed under World`);
      return t ?? 'World';
    });
    const count = new Map<Topic, number>();
    for (const t of topics) count.set(t, (count.get(t) ?? 0) + 1);
    const [top, n] = [...count].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]!;
    const folder = wire ? 'Samples/Wires' : n / list.length >= 0.6 ? `Samples/${top}` : 'Samples/General news';
    const sorted = [...list].sort((x, y) => x.published.localeCompare(y.published) || x.id.localeCompare(y.id));
    const used = new Set<string>();
    const planned = sorted.map((a, i): PlannedArticle => {
      const topic = topics[list.indexOf(a)]!;
      const section = topic.toLowerCase();
      const day = a.published.slice(0, 10);
      const num = 4_100_000 + (hash(a.id) % 900_000);
      let path: string;
      switch (template) {
        case 'wire':
          path = `${section}/${titleSlug(a.title)}-${day}/`;
          break;
        case 'press':
          path = `${day.replace(/-/g, '/')}/${titleSlug(a.title)}/`;
          break;
        case 'modern':
          path = `${section}/article/${num}/${titleSlug(a.title)}`;
          break;
        case 'classic':
          path = `news/${section}/${day}/${titleSlug(a.title)}.html`;
          break;
      }
      while (used.has(path)) path = path.replace(/(\/?)(\.html)?$/, `-${i}$1$2`);
      used.add(path);
      const url = `https://${host}/${path}`;
      const guid = template === 'press' ? `https://${host}/?p=${num}` : template === 'modern' ? `tag:${host},2025:article-${num}` : url;
      return { a, topic, path: path.endsWith('/') ? `${path}index.html` : path.endsWith('.html') ? path : `${path}.html`, url, guid, byline: bylineOf(a, byId) };
    });
    plans.push({ name, slug, host, template, format, feedPath, folder, offsetMin: UTC_OFFSET_MIN[name] ?? 0, articles: planned });
  }
  // Outlets that published most recently first: on a first start the polls run in this
  // order, so the pipeline sees the newest articles early (see samples/README.md).
  const newest = (p: OutletPlan) => p.articles[p.articles.length - 1]!.a.published;
  return plans.sort((x, y) => newest(y).localeCompare(newest(x)) || x.slug.localeCompare(y.slug));
}

// ---------------------------------------------------------------------------------------
// Dates and escaping.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

function local(iso: string, offsetMin: number): Date {
  return new Date(Date.parse(iso) + offsetMin * 60_000);
}

function offsetText(offsetMin: number, colon: boolean): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const m = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

/** ISO 8601 in the outlet's zone: 2025-07-10T17:05:00+08:00 (UTC as Z). */
export function isoAt(iso: string, offsetMin: number): string {
  const d = local(iso, offsetMin);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return offsetMin === 0 ? `${base}Z` : `${base}${offsetText(offsetMin, true)}`;
}

/** RFC 822 date for RSS: Thu, 10 Jul 2025 17:05:00 +0800. */
function rfc822At(iso: string, offsetMin: number): string {
  const d = local(iso, offsetMin);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(offsetMin, false)}`;
}

/** Date as printed on the page: "10 July 2025, 17:05". */
function humanAt(iso: string, offsetMin: number): string {
  const d = local(iso, offsetMin);
  return `${d.getUTCDate()} ${MONTHS_LONG[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

/** JSON inside <script>: "</" cannot close the element. */
function jsonInScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function paragraphs(text: string): string[] {
  return text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
}

/** The feed's short summary: the first paragraph, cut at a sentence end near 280 characters. */
export function summaryOf(text: string): string {
  const first = paragraphs(text)[0] ?? '';
  if (first.length <= 300) return first;
  const cut = first.slice(0, 300);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('." '));
  if (end > 120) return cut.slice(0, end + 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

// ---------------------------------------------------------------------------------------
// Feeds.

function rssFeed(o: OutletPlan, items: PlannedArticle[]): string {
  const newest = items[0]!.a.published;
  const fullText = o.template === 'press' && hash(o.slug) % 2 === 0; // some CMS feeds carry the whole article
  const entries = items.map(
    (p) => `  <item>
    <title>${esc(p.a.title)}</title>
    <link>${esc(p.url)}</link>
    <guid isPermaLink="${p.guid === p.url}">${esc(p.guid)}</guid>
    <pubDate>${rfc822At(p.a.published, o.offsetMin)}</pubDate>
    <dc:creator>${cdata(p.byline.name)}</dc:creator>
    <category>${esc(p.topic)}</category>
    <description>${cdata(`<p>${esc(summaryOf(p.a.text))}</p>`)}</description>${fullText ? `\n    <content:encoded>${cdata(paragraphs(p.a.text).map((x) => `<p>${esc(x)}</p>`).join('\n'))}</content:encoded>` : ''}
  </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>${esc(o.name)}</title>
  <atom:link href="https://${o.host}/${o.feedPath}" rel="self" type="application/rss+xml"/>
  <link>https://${o.host}/</link>
  <description>${esc(`Latest news from ${o.name}`)}</description>
  <language>en</language>
  <lastBuildDate>${rfc822At(newest, o.offsetMin)}</lastBuildDate>
${entries.join('\n')}
</channel>
</rss>
`;
}

function atomFeed(o: OutletPlan, items: PlannedArticle[]): string {
  const entries = items.map(
    (p) => `  <entry>
    <title>${esc(p.a.title)}</title>
    <id>${esc(p.guid)}</id>
    <link rel="alternate" type="text/html" href="${esc(p.url)}"/>
    <published>${isoAt(p.a.published, o.offsetMin)}</published>
    <updated>${isoAt(p.a.published, o.offsetMin)}</updated>
    <author><name>${esc(p.byline.name)}</name></author>
    <category term="${esc(p.topic)}"/>
    <summary type="html">${esc(`<p>${esc(summaryOf(p.a.text))}</p>`)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>${esc(o.name)}</title>
  <id>https://${o.host}/</id>
  <link rel="self" href="https://${o.host}/${o.feedPath}"/>
  <link rel="alternate" type="text/html" href="https://${o.host}/"/>
  <updated>${isoAt(items[0]!.a.published, o.offsetMin)}</updated>
${entries.join('\n')}
</feed>
`;
}

function jsonFeed(o: OutletPlan, items: PlannedArticle[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: o.name,
    home_page_url: `https://${o.host}/`,
    feed_url: `https://${o.host}/${o.feedPath}`,
    language: 'en',
    items: items.map((p) => ({
      id: p.guid,
      url: p.url,
      title: p.a.title,
      summary: summaryOf(p.a.text),
      content_html: `<p>${esc(summaryOf(p.a.text))}</p>`,
      date_published: isoAt(p.a.published, o.offsetMin),
      authors: [{ name: p.byline.name }],
      tags: [p.topic],
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Article pages: shared furniture, four templates.

const SECTIONS: Topic[] = ['World', 'Business', 'Technology', 'Science', 'Sport'];

interface PageParts {
  o: OutletPlan;
  p: PlannedArticle;
  related: PlannedArticle[];
  paras: string[];
}

function head({ o, p }: PageParts): string {
  const published = isoAt(p.a.published, o.offsetMin);
  const summary = summaryOf(p.a.text);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: p.a.title,
    description: summary,
    datePublished: published,
    dateModified: published,
    articleSection: p.topic,
    author: p.byline.kind === 'Person' ? [{ '@type': 'Person', name: p.byline.name }] : { '@type': 'Organization', name: p.byline.name },
    publisher: { '@type': 'Organization', name: o.name, url: `https://${o.host}/` },
    mainEntityOfPage: { '@type': 'WebPage', '@id': p.url },
    isAccessibleForFree: true,
  };
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.a.title)} | ${esc(o.name)}</title>
<meta name="description" content="${esc(summary)}">
<link rel="canonical" href="${esc(p.url)}">
<meta property="og:site_name" content="${esc(o.name)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${esc(p.a.title)}">
<meta property="og:description" content="${esc(summary)}">
<meta property="og:url" content="${esc(p.url)}">
<meta property="article:published_time" content="${published}">
<meta property="article:section" content="${esc(p.topic)}">
<meta name="author" content="${esc(p.byline.name)}">
<link rel="alternate" type="${o.format === 'json' ? 'application/feed+json' : o.format === 'atom' ? 'application/atom+xml' : 'application/rss+xml'}" title="${esc(o.name)}" href="https://${o.host}/${o.feedPath}">
<script type="application/ld+json">${jsonInScript(ld)}</script>
<style>body{font-family:Georgia,serif;max-width:46rem;margin:0 auto;padding:0 1rem}</style>
</head>`;
}

function navLinks(o: OutletPlan): string {
  return SECTIONS.map((s) => `<li><a href="https://${o.host}/${s.toLowerCase()}/">${s}</a></li>`).join('');
}

function relatedLinks(related: PlannedArticle[]): string {
  return related.map((r) => `<li><a href="${esc(r.url)}">${esc(r.a.title)}</a></li>`).join('\n    ');
}

function footerText(o: OutletPlan): string {
  return `<p>&copy; 2025 ${esc(o.name)}. All rights reserved.</p>
  <ul><li><a href="https://${o.host}/about/">About us</a></li><li><a href="https://${o.host}/contact/">Contact</a></li><li><a href="https://${o.host}/privacy/">Privacy policy</a></li><li><a href="https://${o.host}/terms/">Terms of use</a></li></ul>`;
}

function body(paras: string[], attrs = ''): string[] {
  return paras.map((x) => `<p${attrs}>${esc(x)}</p>`);
}

function wirePage(parts: PageParts): string {
  const { o, p, related, paras } = parts;
  const wire = WIRES[o.name]!;
  return `<!DOCTYPE html>
<html lang="en">
${head(parts)}
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header"><a class="logo" href="https://${o.host}/">${esc(wire.orgName)}</a>
<nav aria-label="Sections"><ul>${navLinks(o)}</ul></nav></header>
<main id="main-content">
<article class="article">
  <div class="article-header">
    <p class="article-kicker"><a href="https://${o.host}/${p.topic.toLowerCase()}/">${esc(p.topic)}</a></p>
    <h1 class="article-headline">${esc(p.a.title)}</h1>
    <div class="article-byline">By <a href="https://${o.host}/authors/${titleSlug(p.byline.name)}/" rel="author">${esc(p.byline.name)}</a></div>
    <time class="article-date" datetime="${isoAt(p.a.published, o.offsetMin)}">${humanAt(p.a.published, o.offsetMin)} UTC${o.offsetMin ? offsetText(o.offsetMin, true) : ''}</time>
    <ul class="share-bar" aria-label="Share this article"><li><a href="#">Share this article</a></li><li><a href="#">X</a></li><li><a href="#">Facebook</a></li><li><a href="#">LinkedIn</a></li><li><a href="#">Email</a></li></ul>
  </div>
  <div class="article-body__content">
${body(paras, ' class="text__paragraph"').join('\n')}
  </div>
  <p class="article-trust"><a href="https://${o.host}/about/trust-principles/">Our Standards: The ${esc(wire.orgName)} Trust Principles.</a></p>
</article>
<section class="read-more" aria-label="Read more">
  <h2>Read more</h2>
  <ul>
    ${relatedLinks(related)}
  </ul>
</section>
<div class="newsletter-signup"><h2>Subscribe to our newsletter</h2><p>The day's top stories from ${esc(wire.orgName)}, in your inbox every morning.</p><form><input type="email" placeholder="Email address"><button>Sign up</button></form></div>
</main>
<footer class="site-footer">${footerText(o)}</footer>
</body>
</html>
`;
}

function pressPage(parts: PageParts): string {
  const { o, p, related, paras } = parts;
  return `<!DOCTYPE html>
<html lang="en">
${head(parts)}
<body class="post-template-default single single-post">
<header class="site-header">
  <a class="site-title" href="https://${o.host}/">${esc(o.name)}</a>
  <nav class="main-navigation" aria-label="Main"><ul>${navLinks(o)}</ul></nav>
</header>
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard">
  <header class="entry-header">
    <span class="cat-links"><a href="https://${o.host}/category/${p.topic.toLowerCase()}/" rel="category tag">${esc(p.topic)}</a></span>
    <h1 class="entry-title">${esc(p.a.title)}</h1>
    <div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="https://${o.host}/author/${titleSlug(p.byline.name)}/">${esc(p.byline.name)}</a></span></span> <span class="posted-on"><time class="entry-date published" datetime="${isoAt(p.a.published, o.offsetMin)}">${humanAt(p.a.published, o.offsetMin)}</time></span></div>
  </header>
  <div class="entry-content">
${body(paras).join('\n')}
  </div>
  <footer class="entry-footer">
    <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this article:</h3><ul><li><a class="share-x" href="#">X</a></li><li><a class="share-facebook" href="#">Facebook</a></li><li><a class="share-email" href="#">Email</a></li></ul></div>
  </footer>
</article>
<div class="jp-relatedposts">
  <h3 class="jp-relatedposts-headline">Read more</h3>
  <ul>
    ${relatedLinks(related)}
  </ul>
</div>
<div class="widget newsletter-signup-box"><h2 class="widget-title">Subscribe to our newsletter</h2><p>Get the ${esc(o.name)} briefing in your inbox every weekday.</p></div>
</main>
</div>
<footer id="colophon" class="site-footer">${footerText(o)}</footer>
</body>
</html>
`;
}

function modernPage(parts: PageParts): string {
  const { o, p, related, paras } = parts;
  // The newsletter prompt and an advertisement slot sit between paragraphs, as on many
  // current sites; the extractor has to drop them from inside the article body.
  const split = Math.min(3, Math.max(1, paras.length - 2));
  const out = body(paras);
  const first = out.slice(0, split).join('\n');
  const rest = out.slice(split).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
${head(parts)}
<body>
<div id="app">
<header data-testid="masthead"><a href="https://${o.host}/" aria-label="${esc(o.name)} home">${esc(o.name)}</a>
<nav data-testid="section-nav"><ul>${navLinks(o)}</ul></nav>
<a data-testid="subscribe-button" href="https://${o.host}/subscribe">Subscribe</a></header>
<main>
<article data-testid="article">
  <div data-testid="breadcrumbs"><a href="https://${o.host}/">Home</a> / <a href="https://${o.host}/${p.topic.toLowerCase()}/">${esc(p.topic)}</a></div>
  <h1 data-testid="headline">${esc(p.a.title)}</h1>
  <div data-testid="byline-block"><span data-testid="byline">By ${esc(p.byline.name)}</span> <time data-testid="timestamp" datetime="${isoAt(p.a.published, o.offsetMin)}">Published ${humanAt(p.a.published, o.offsetMin)}</time></div>
  <div data-testid="share-tools" aria-label="Share"><a href="#">Share this article</a> <a href="#">Copy link</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
  <div data-testid="article-body">
${first}
<aside data-testid="inline-newsletter"><p><strong>Subscribe to our newsletter</strong></p><p>The ${esc(o.name)} morning briefing: what you need to know, before your first coffee.</p><a href="https://${o.host}/newsletters">Sign up for free</a></aside>
<div class="ad-slot" data-testid="ad-slot"><span>Advertisement</span></div>
${rest}
  </div>
</article>
<section data-testid="recirculation">
  <h2>Read more</h2>
  <ul>
    ${relatedLinks(related)}
  </ul>
</section>
</main>
<footer data-testid="footer">${footerText(o)}</footer>
</div>
</body>
</html>
`;
}

function classicPage(parts: PageParts): string {
  const { o, p, related, paras } = parts;
  const out = body(paras);
  // An inline "Read more:" link after the second paragraph, as older CMSes print them.
  const inline = related[0] ? `<p class="inline-link"><strong>Read more:</strong> <a href="${esc(related[0].url)}">${esc(related[0].a.title)}</a></p>` : '';
  const at = Math.min(2, out.length - 1);
  return `<!DOCTYPE html>
<html lang="en">
${head(parts)}
<body id="story-page">
<div id="header"><div id="logo"><a href="https://${o.host}/">${esc(o.name)}</a></div>
<div id="menu"><ul>${navLinks(o)}</ul></div></div>
<div id="wrapper">
<div id="content">
  <div class="story">
    <h1>${esc(p.a.title)}</h1>
    <p class="byline">${esc(p.byline.name)}</p>
    <p class="dateline-date">${humanAt(p.a.published, o.offsetMin)}</p>
    <div id="social-share"><a href="#">Share this article</a> | <a href="#">Facebook</a> | <a href="#">X</a> | <a href="#">Print</a></div>
    <div class="story-body">
${[...out.slice(0, at), inline, ...out.slice(at)].filter(Boolean).join('\n')}
    </div>
  </div>
  <div class="more-stories">
    <h3>Read more</h3>
    <ul>
    ${relatedLinks(related)}
    </ul>
  </div>
</div>
<div id="sidebar">
  <div class="newsletter-box"><h3>Subscribe to our newsletter</h3><p>${esc(o.name)} in your inbox: the day's news at 6 pm.</p></div>
  <div class="most-read"><h3>Most read</h3><ol>${related
    .slice(0, 2)
    .map((r) => `<li><a href="${esc(r.url)}">${esc(r.a.title)}</a></li>`)
    .join('')}</ol></div>
</div>
</div>
<div id="footer">${footerText(o)}</div>
</body>
</html>
`;
}

const TEMPLATES: Record<Template, (parts: PageParts) => string> = { wire: wirePage, press: pressPage, modern: modernPage, classic: classicPage };

/** Up to three other articles of the outlet, nearest in time (the "Read more" box). */
function relatedOf(o: OutletPlan, p: PlannedArticle): PlannedArticle[] {
  const t = Date.parse(p.a.published);
  return o.articles
    .filter((x) => x !== p)
    .sort((x, y) => Math.abs(Date.parse(x.a.published) - t) - Math.abs(Date.parse(y.a.published) - t) || x.a.id.localeCompare(y.a.id))
    .slice(0, 3);
}

// ---------------------------------------------------------------------------------------
// Seed detection and the whole build.

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function normalised(s: string): string {
  return decodeEntities(s).replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else out.push(p);
  }
  return out;
}

const sampleEntry = z.object({ name: z.string(), feedUrl: z.string() }).passthrough();
type SampleEntry = z.infer<typeof sampleEntry>;

function folderOf(entry: SampleEntry): string {
  return new URL(entry.feedUrl).hostname.slice(0, -HOST_SUFFIX.length);
}

/**
 * The hand-written sample outlets (every entry of outlets.json that this script did not
 * make) and a test for coverage articles they already hold: same title, or the same
 * opening words of the body, anywhere in their files.
 */
export function handWritten(samplesDir: string): { entries: SampleEntry[]; holds: (a: CoverageArticle) => boolean } {
  const file = join(samplesDir, 'outlets.json');
  // An entry this script wrote has the feed URL it gives that outlet's name.
  const entries = z.array(sampleEntry).parse(JSON.parse(readFileSync(file, 'utf8'))).filter((e) => e.feedUrl !== outletIdentity(e.name).feedUrl);
  const corpus = entries
    .flatMap((e) => {
      const dir = join(samplesDir, folderOf(e));
      return existsSync(dir) ? filesUnder(dir) : [];
    })
    .map((f) => normalised(readFileSync(f, 'utf8')))
    .join('\n');
  const holds = (a: CoverageArticle) => {
    const opening = normalised(paragraphs(a.text)[0] ?? '').slice(0, 120);
    return corpus.includes(`>${normalised(a.title)}<`) || (opening.length >= 60 && corpus.includes(opening));
  };
  return { entries, holds };
}

export interface Build {
  plans: OutletPlan[];
  /** Path relative to samples/ -> content. */
  files: Map<string, string>;
  skipped: CoverageArticle[];
}

export function buildSamples(articles = readCoverage(), samplesDir = SAMPLES, warn: (msg: string) => void = () => {}): Build {
  const { entries, holds } = handWritten(samplesDir);
  const skipped: CoverageArticle[] = [];
  const plans = planOutlets(
    articles,
    (a) => {
      const skip = holds(a);
      if (skip) skipped.push(a);
      return skip;
    },
    warn,
  );
  const taken = new Set(entries.map(folderOf));
  for (const o of plans) {
    if (taken.has(o.slug)) throw new Error(`build-samples: outlet "${o.name}" would be written into the hand-written sample folder samples/${o.slug}/`);
  }
  const files = new Map<string, string>();
  for (const o of plans) {
    const newestFirst = [...o.articles].reverse();
    const feed = o.format === 'json' ? jsonFeed(o, newestFirst) : o.format === 'atom' ? atomFeed(o, newestFirst) : rssFeed(o, newestFirst);
    files.set(`${o.slug}/${o.feedPath}`, feed);
    for (const p of o.articles) {
      const parts: PageParts = { o, p, related: relatedOf(o, p), paras: paragraphs(p.a.text) };
      files.set(`${o.slug}/${p.path}`, TEMPLATES[o.template](parts));
    }
  }
  // The hand-written outlets come last, unchanged: their articles (18-20 July) are then
  // placed after the newest ones, like every other outlet's older articles.
  const outlets = [
    ...plans.map((o) => ({ name: o.name, feedUrl: `https://${o.host}/${o.feedPath}`, siteUrl: `https://${o.host}/`, folder: o.folder })),
    ...entries,
  ];
  files.set('outlets.json', `${JSON.stringify(outlets, null, 2)}\n`);
  return { plans, files, skipped };
}

/** Files on disk that differ from the build, and generated files that should not be there. */
export function compareWithDisk(build: Build, samplesDir = SAMPLES): string[] {
  const problems: string[] = [];
  for (const [rel, content] of build.files) {
    const p = join(samplesDir, rel);
    if (!existsSync(p)) problems.push(`missing: samples/${rel}`);
    else if (readFileSync(p, 'utf8') !== content) problems.push(`differs: samples/${rel}`);
  }
  for (const o of build.plans) {
    const dir = join(samplesDir, o.slug);
    if (!existsSync(dir)) continue;
    for (const f of filesUnder(dir)) {
      const rel = relative(samplesDir, f).split('\\').join('/');
      if (!build.files.has(rel)) problems.push(`stale: samples/${rel}`);
    }
  }
  return problems;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const build = buildSamples(readCoverage(), SAMPLES, (m) => console.warn(`build-samples: ${m}`));
  if (check) {
    const problems = compareWithDisk(build);
    for (const p of problems) console.error(p);
    if (problems.length) console.error('build-samples: samples/ is out of date; run npx tsx scripts/build-samples.ts');
    return problems.length ? 1 : 0;
  }
  for (const o of build.plans) rmSync(join(SAMPLES, o.slug), { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, content] of build.files) {
    const p = join(SAMPLES, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    bytes += Buffer.byteLength(content);
  }
  const articles = build.plans.reduce((n, o) => n + o.articles.length, 0);
  console.log(`build-samples: ${build.plans.length} outlets, ${articles} articles (${build.skipped.length} skipped as already in the seed samples: ${build.skipped.map((a) => a.id).join(', ')}), ${(bytes / 1024).toFixed(0)} KiB in ${build.files.size} files`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
