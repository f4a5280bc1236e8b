/**
 * Feed parsing quality: the expectations of test/fixtures/feeds (title, item count, first
 * item title/link/published, sanitizing, errors for non-feeds, ...) scored for our parser
 * and, in the same run, for bare feedsmith (`parseFeed` from feedsmith on the bytes decoded
 * as UTF-8, dates read with `new Date()`), which is what a caller gets without our layer.
 *
 * Besides the hand-written fixtures, every XML fixture whose bytes are UTF-8 is scored again
 * in two transport variants with the same expectations: re-encoded as UTF-16 with a BOM,
 * and with junk (a BOM, blank lines and a PHP notice) before the document.
 */
import { parseFeed as feedsmithParse } from 'feedsmith';
import { table } from '../scripts/report.ts';
import { parseFeed } from '../src/ingest/feed/index.ts';
import { checkFeed, loadFeedFixtures, type FeedExpectation } from '../src/ingest/feed/expectations.ts';
import type { FeedItem, ParseFeedResult } from '../src/ingest/feed/types.ts';

export const title = 'Feed parsing: expectations met, ours vs bare feedsmith';

type Any = Record<string, unknown> & { [k: string]: any };

function isoOrNull(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Any).value === 'string') return (v as Any).value;
  return null;
}

/** What a caller of bare feedsmith sees, mapped field by field onto our shape. */
function bareFeedsmith(bytes: Uint8Array): { result: ParseFeedResult; threw: boolean } {
  let parsed: { format: string; feed: Any };
  try {
    parsed = feedsmithParse(new TextDecoder('utf-8').decode(bytes)) as { format: string; feed: Any };
  } catch (err) {
    return { result: { ok: false, error: (err as Error).message }, threw: true };
  }
  const f = parsed.feed;
  const atomLink = (links: Any[] | undefined) => (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href ?? null;
  let items: FeedItem[];
  let link: string | null;
  if (parsed.format === 'atom') {
    link = atomLink(f.links);
    items = (f.entries ?? []).map((e: Any) => ({
      id: e.id ?? '', title: str(e.title), link: atomLink(e.links), published: isoOrNull(e.published ?? e.updated), updated: isoOrNull(e.updated),
      author: e.authors?.[0]?.name ?? null, summary: str(e.summary), content: str(e.content),
    }));
  } else if (parsed.format === 'json') {
    link = f.home_page_url ?? null;
    items = (f.items ?? []).map((it: Any) => ({
      id: String(it.id ?? ''), title: it.title ?? null, link: it.url ?? null, published: isoOrNull(it.date_published), updated: isoOrNull(it.date_modified),
      author: it.authors?.[0]?.name ?? null, summary: it.summary ?? null, content: it.content_html ?? it.content_text ?? null,
    }));
  } else {
    link = f.link ?? null;
    items = (f.items ?? []).map((it: Any) => ({
      id: it.guid?.value ?? it.link ?? '', title: it.title ?? null, link: it.link ?? null, published: isoOrNull(it.pubDate ?? it.dc?.dates?.[0]), updated: null,
      author: it.dc?.creators?.[0] ?? it.authors?.[0]?.name ?? null, summary: it.description ?? null, content: it.content?.encoded ?? null,
    }));
  }
  return {
    result: { ok: true, feed: { title: str(f.title), link, description: str(f.description ?? f.subtitle), language: f.language ?? f.xml?.lang ?? null, updated: isoOrNull(f.lastBuildDate ?? f.updated), items } },
    threw: false,
  };
}

function ours(bytes: Uint8Array, e: FeedExpectation): { result: ParseFeedResult; threw: boolean } {
  try {
    return { result: parseFeed(bytes, { contentType: e.contentType, url: e.url }), threw: false };
  } catch (err) {
    return { result: { ok: false, error: String(err) }, threw: true };
  }
}

interface Case {
  name: string;
  group: string;
  bytes: Uint8Array;
  expected: FeedExpectation;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const f of loadFeedFixtures()) {
    out.push({ name: f.slug, group: 'fixtures', bytes: f.bytes, expected: f.expected });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(f.bytes);
    } catch {
      continue;
    }
    if (!f.expected.ok || !text.trimStart().startsWith('<') || text.charCodeAt(0) === 0xfeff) continue;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    out.push({ name: `${f.slug} (utf-16)`, group: 'variants', bytes: new Uint8Array(utf16), expected: f.expected });
    const junk = `\ufeff\n\n<b>Notice</b>: Undefined index: id in /srv/www/feed.php on line 12\n${text}`;
    out.push({ name: `${f.slug} (junk prefix)`, group: 'variants', bytes: new Uint8Array(Buffer.from(junk, 'utf8')), expected: f.expected });
  }
  return out;
}

/** Deterministic pseudo-random numbers, so every run mutates the same way. */
function prng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function itemCountOf(result: ParseFeedResult): number {
  return result.ok ? result.feed.items.length : -1;
}

/**
 * Ill-formed variants of the well-formed fixtures, which neither parser has seen: an end tag
 * dropped, a start tag doubled, bare "&" and "<" in a title, the file cut after a random
 * point past the first item. Each passes when every item a reader can still see comes back.
 */
function mutationRows(): (string | number)[][] {
  const rnd = prng(20250115);
  const kinds = ['end tag dropped', 'start tag doubled', 'bare & and < in a title', 'cut mid-file'] as const;
  const tally = new Map<string, { n: number; ours: number; bare: number; oursThrew: number; bareThrew: number }>(kinds.map((k) => [k, { n: 0, ours: 0, bare: 0, oursThrew: 0, bareThrew: 0 }]));
  for (const f of loadFeedFixtures()) {
    if (!f.expected.ok || !f.expected.itemCount) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(f.bytes);
    } catch {
      continue;
    }
    if (!text.trimStart().startsWith('<')) continue;
    const pristine = parseFeed(text);
    const n = itemCountOf(pristine);
    if (n < 1) continue;
    const itemEnd = /<\/(?:[\w-]+:)?(?:item|entry)>/gi;
    const ends = [...text.matchAll(itemEnd)].map((m) => (m.index ?? 0) + m[0].length);
    const endTags = [...text.matchAll(/<\/(?!(?:[\w-]+:)?(?:item|entry|channel|rss|feed|rdf)\b)[\w:.-]+>/gi)];
    const startTags = [...text.matchAll(/<(?!(?:[\w-]+:)?(?:item|entry|channel|rss|feed|rdf)\b)[A-Za-z][\w:.-]*(?:\s[^<>]*)?>/g)];
    const titles = [...text.matchAll(/<title[^>]*>/gi)];
    for (let k = 0; k < 6; k++) {
      for (const kind of kinds) {
        let doc = text;
        let want = n;
        if (kind === 'end tag dropped' && endTags.length) {
          const m = endTags[Math.floor(rnd() * endTags.length)];
          doc = text.slice(0, m.index) + text.slice((m.index ?? 0) + m[0].length);
        } else if (kind === 'start tag doubled' && startTags.length) {
          const m = startTags[Math.floor(rnd() * startTags.length)];
          doc = text.slice(0, m.index) + m[0] + text.slice(m.index);
        } else if (kind === 'bare & and < in a title' && titles.length) {
          const m = titles[Math.floor(rnd() * titles.length)];
          const at = (m.index ?? 0) + m[0].length;
          doc = `${text.slice(0, at)}Q&A: x < y, ${text.slice(at)}`;
        } else if (kind === 'cut mid-file' && ends.length) {
          const cut = ends[0] + Math.floor(rnd() * (text.length - ends[0] - 10));
          doc = text.slice(0, cut);
          want = ends.filter((e) => e <= cut).length;
        } else continue;
        const t = tally.get(kind)!;
        t.n++;
        const o = ours(new Uint8Array(Buffer.from(doc, 'utf8')), f.expected);
        const b = bareFeedsmith(new Uint8Array(Buffer.from(doc, 'utf8')));
        if (o.threw) t.oursThrew++;
        if (b.threw) t.bareThrew++;
        if (itemCountOf(o.result) >= want) t.ours++;
        if (itemCountOf(b.result) >= want) t.bare++;
      }
    }
  }
  const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)}%`;
  return kinds.map((k) => {
    const t = tally.get(k)!;
    return [k, t.n, pct(t.ours, t.n), pct(t.bare, t.n), t.oursThrew, t.bareThrew];
  });
}

export async function run(): Promise<string> {
  const all = cases();
  const stats = new Map<string, { checks: number; oursMet: number; bareMet: number; oursFull: number; bareFull: number; files: number; oursThrew: number; bareThrew: number }>();
  const perFixture: (string | number)[][] = [];
  for (const c of all) {
    const s = stats.get(c.group) ?? { checks: 0, oursMet: 0, bareMet: 0, oursFull: 0, bareFull: 0, files: 0, oursThrew: 0, bareThrew: 0 };
    stats.set(c.group, s);
    const o = ours(c.bytes, c.expected);
    const b = bareFeedsmith(c.bytes);
    const oc = checkFeed(c.expected, o.result);
    const bc = checkFeed(c.expected, b.result);
    const om = oc.filter((x) => x.pass).length;
    const bm = bc.filter((x) => x.pass).length;
    s.files++;
    s.checks += oc.length;
    s.oursMet += om;
    s.bareMet += bm;
    if (om === oc.length) s.oursFull++;
    if (bm === bc.length) s.bareFull++;
    if (o.threw) s.oursThrew++;
    if (b.threw) s.bareThrew++;
    if (c.group === 'fixtures') {
      const missed = oc.filter((x) => !x.pass).map((x) => x.name).join(', ');
      const bareMissed = bc.filter((x) => !x.pass).map((x) => x.name).slice(0, 4).join(', ') + (bc.length - bm > 4 ? ', ...' : '');
      perFixture.push([c.name, `${om}/${oc.length}`, `${bm}/${bc.length}`, missed || '-', bareMissed || '-']);
    }
  }
  const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)}%`;
  const summaryRows: (string | number)[][] = [];
  for (const [group, s] of stats) {
    summaryRows.push([`${group}: ours`, s.files, s.checks, pct(s.oursMet, s.checks), `${s.oursFull}/${s.files}`, s.oursThrew]);
    summaryRows.push([`${group}: bare feedsmith`, s.files, s.checks, pct(s.bareMet, s.checks), `${s.bareFull}/${s.files}`, s.bareThrew]);
  }
  return [
    'Expectations from `test/fixtures/feeds/*/expected.json` (hand-written feeds, one case each: formats, charsets, entities, xml:base, dates, truncation, entity bombs, sanitizing, non-feeds). "Threw" counts exceptions escaping the parse call; bare feedsmith throws by design on anything it cannot parse, ours returns an error value.',
    '',
    table(['parser', 'files', 'expectations', 'met', 'files fully right', 'threw'], summaryRows),
    '',
    '### Ill-formed variants (not in the tests)',
    '',
    table(['mutation', 'documents', 'ours: all readable items back', 'bare feedsmith', 'ours threw', 'bare feedsmith threw'], mutationRows()),
    '',
    '### Per fixture',
    '',
    table(['fixture', 'ours', 'bare feedsmith', 'ours missed', 'bare feedsmith missed'], perFixture),
    '',
    'The fixture set doubles as the unit test (`src/ingest/feed/fixtures.test.ts`), so "ours" is expected to be near 100% here; the held-out corpus is the real measure. The bare-feedsmith column shows what the layer adds.',
  ].join('\n');
}
