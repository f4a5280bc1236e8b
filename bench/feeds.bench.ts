/**
 * Feed parsing speed: items per second of our parser and of bare feedsmith on the same
 * generated RSS 2.0 and Atom 1.0 documents (a few thousand items with HTML summaries,
 * content and dates), measured in the same run. Our figure includes everything bare
 * feedsmith does not do: charset decoding, repair checks, date parsing, title clean-up,
 * URL resolution and HTML sanitizing.
 */
import { parseFeed as feedsmithParse } from 'feedsmith';
import os from 'node:os';
import { table } from '../scripts/report.ts';
import { parseFeed } from '../src/ingest/feed/index.ts';

export const title = 'Feed parsing: items per second, ours vs bare feedsmith';

const ITEMS = 3000;
const RUNS = 3;

function rssDoc(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(`<item><title>Story ${i}: council &amp;amp; mayor agree</title><link>https://news.example.com/${i}?utm_source=rss</link>
<guid isPermaLink="false">story-${i}</guid><pubDate>Wed, 15 Jan 2025 ${String(i % 24).padStart(2, '0')}:30:00 EST</pubDate><dc:creator>Reporter ${i % 17}</dc:creator>
<description>&lt;p&gt;Summary of story ${i} with &lt;a href="/related/${i}"&gt;a link&lt;/a&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Paragraph one of story ${i}.</p><p>Paragraph two with <em>emphasis</em> and <img src="/img/${i}.jpg" alt="photo">.</p>]]></content:encoded></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench RSS</title><link>https://news.example.com/</link><description>d</description>${items.join('\n')}</channel></rss>`;
}

function atomDoc(n: number): string {
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(`<entry><title type="html">Story ${i} &amp;lt;b&amp;gt;live&amp;lt;/b&amp;gt;</title><link href="/${i}"/><id>tag:news.example.com,2025:${i}</id>
<published>2025-01-15T10:${String(i % 60).padStart(2, '0')}:00+01:00</published><updated>2025-01-15T11:00:00Z</updated><author><name>Reporter ${i % 17}</name></author>
<summary>Plain summary ${i}</summary><content type="html">&lt;p&gt;Body of story ${i} with &lt;a href="/x/${i}"&gt;link&lt;/a&gt;&lt;/p&gt;</content></entry>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.com/"><title>Bench Atom</title><id>urn:bench</id><updated>2025-01-15T11:00:00Z</updated>${entries.join('\n')}</feed>`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(fn: () => number): { ms: number; items: number } {
  const times: number[] = [];
  let items = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    items = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(times), items };
}

export async function run(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const [name, doc] of [['RSS 2.0', rssDoc(ITEMS)], ['Atom 1.0', atomDoc(ITEMS)]] as const) {
    const bytes = new Uint8Array(Buffer.from(doc, 'utf8'));
    // Warm both up once so that module loading and JIT do not count.
    parseFeed(bytes);
    feedsmithParse(doc);
    const ours = timeIt(() => {
      const r = parseFeed(bytes);
      return r.ok ? r.feed.items.length : 0;
    });
    const bare = timeIt(() => {
      const r = feedsmithParse(new TextDecoder().decode(bytes)) as { feed: { items?: unknown[]; entries?: unknown[] } };
      return (r.feed.items ?? r.feed.entries ?? []).length;
    });
    const mb = (bytes.length / 1e6).toFixed(1);
    rows.push([`${name}, ours`, ours.items, mb, Math.round(ours.ms), Math.round((ours.items / ours.ms) * 1000)]);
    rows.push([`${name}, bare feedsmith`, bare.items, mb, Math.round(bare.ms), Math.round((bare.items / bare.ms) * 1000)]);
  }
  return [
    `Generated documents of ${ITEMS} items each; median of ${RUNS} runs after one warm-up run. Load average at the end of the run: ${os.loadavg()[0].toFixed(1)} (the machine is shared; compare the two parsers within a run, not across runs).`,
    '',
    table(['document, parser', 'items', 'MB', 'ms', 'items/s'], rows),
    '',
    'Bare feedsmith returns raw strings (dates unparsed, HTML unsanitized, entities in titles left as written); the difference is the cost of the normalisation layer, mostly HTML sanitizing.',
  ].join('\n');
}
