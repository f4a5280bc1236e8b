/**
 * Hostile feeds: entity bombs and external entities, huge feeds, huge fields, broken
 * encodings and control characters, script payloads in item content, and the
 * `parse-feed --json` CLI on a batch of all of them. Every parse runs in a worker with a
 * heap limit and a watchdog (see isolate.ts), so a hang or a memory blow-up fails one
 * test instead of the suite.
 */
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFeed, type ParseFeedResult } from '../../src/ingest/feed/index.ts';
import { isolate, describe, closeIsolates, C0_CONTROLS, stringsMatching } from './isolate.ts';
import { billionLaughs, cdata, escapeXml, externalDtd, externalEntities, lateDoctype, LEGIT, quadraticBlowup, rss, rssItems, XSS_VECTORS } from './payloads.ts';
import { unsafeReasons, textOf } from './safety.ts';

const FEED = 'src/ingest/feed/index.ts';
const WATCHDOG_MS = 30_000;

// A server that counts requests: an external entity that is fetched shows up here.
let entityHits = 0;
const entityServer = createServer((_req, res) => {
  entityHits++;
  res.writeHead(200, { 'content-type': 'application/xml' }).end('<!ENTITY leaked "LEAKED-BY-NETWORK">');
});
await new Promise<void>((r) => entityServer.listen(0, '127.0.0.1', r));
const ORIGIN = `http://127.0.0.1:${(entityServer.address() as AddressInfo).port}`;
after(() => entityServer.close());
after(() => closeIsolates());

const passwdHead = (() => {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';
  } catch {
    return 'root:x:0:0';
  }
})();

async function parseIsolated(input: string | Uint8Array, opts: Record<string, unknown> = {}, maxHeapMb = 512): Promise<{ result: ParseFeedResult; json: string; heapUsedMb: number }> {
  const r = await isolate<string>(FEED, 'parseFeed', [input, opts], { timeoutMs: WATCHDOG_MS, maxHeapMb, post: 'json' });
  assert.equal(r.kind, 'ok', describe(r));
  const ok = r as Extract<typeof r, { kind: 'ok' }>;
  return { result: JSON.parse(ok.value) as ParseFeedResult, json: ok.value, heapUsedMb: ok.heapUsedMb };
}

const bombs: { name: string; xml: () => string; forbidden: RegExp[] }[] = [
  { name: 'billion laughs', xml: billionLaughs, forbidden: [/(?:lol){4}/] },
  { name: 'quadratic blowup', xml: quadraticBlowup, forbidden: [/A{1000}/] },
  { name: 'external entities (file, http, parameter entities)', xml: () => externalEntities(ORIGIN), forbidden: [/root:/, /LEAKED/] },
  { name: 'external DTD on the root DOCTYPE', xml: () => externalDtd(ORIGIN), forbidden: [/root:/, /LEAKED/] },
  { name: 'billion laughs after 70 KB of comment', xml: () => lateDoctype('laughs'), forbidden: [/(?:lol){4}/] },
  { name: 'external entities after 70 KB of comment', xml: () => lateDoctype('xxe', ORIGIN), forbidden: [/root:/, /LEAKED/] },
  { name: 'lower-case doctype', xml: () => billionLaughs().replace('<!DOCTYPE', '<!doctype'), forbidden: [/(?:lol){4}/] },
  { name: 'DOCTYPE inside the root element', xml: () => billionLaughs().replace(/<!DOCTYPE[\s\S]*?\]>\n(<rss[^>]*>)/, (_m, root: string) => `${root}${billionLaughs().match(/<!DOCTYPE[\s\S]*?\]>/)![0]}`), forbidden: [/(?:lol){4}/] },
];

test('entity bombs and external entities are never expanded, at bounded cost', async (t) => {
  for (const b of bombs) {
    await t.test(b.name, async () => {
      const hitsBefore = entityHits;
      const { result, json, heapUsedMb } = await parseIsolated(b.xml(), {}, 256);
      assert.ok(json.length < 200_000, `output is ${json.length} characters: something was expanded`);
      for (const re of b.forbidden) assert.ok(!re.test(json), `output matches ${re}: ${json.slice(0, 300)}`);
      assert.ok(!json.includes(passwdHead), 'contents of /etc/passwd in the output');
      assert.ok(!json.includes(hostname()) || !/xxe|XXE/.test(b.name), 'contents of /etc/hostname in the output');
      assert.equal(entityHits, hitsBefore, 'an external entity was fetched');
      assert.ok(heapUsedMb < 256);
      if (result.ok) assert.ok(result.feed.items.length >= 1, 'the item around the bomb is kept');
    });
  }
});

test('a feed with 100,000 items parses in full within the watchdog and a 1 GB heap', async () => {
  const xml = rssItems(100_000, (i) => `<title>Item ${i}</title><link>https://feed.example/a/${i}</link><guid>g-${i}</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><description>Short text ${i}</description>`);
  const r = await isolate<{ ok: boolean; error: string | null; items: number; jsonChars: number }>(FEED, 'parseFeed', [xml, { now: new Date('2024-06-01T00:00:00Z') }], { timeoutMs: WATCHDOG_MS * 2, maxHeapMb: 1024, post: 'feedSummary' });
  assert.equal(r.kind, 'ok', describe(r));
  const v = (r as Extract<typeof r, { kind: 'ok' }>).value;
  assert.equal(v.ok, true, v.error ?? '');
  assert.equal(v.items, 100_000);
});

test('20,000 broken items (bare "<" in titles, items opened inside items) keep their items within the watchdog', async () => {
  const shapes = [
    rssItems(20_000, (i) => `<title>a < b ${i}</title><guid>lt-${i}</guid>`),
    rss(Array.from({ length: 20_000 }, (_, i) => `<item><item><title>t${i}</title><guid>n-${i}</guid></item>`).join('')),
  ];
  for (const xml of shapes) {
    const r = await isolate<{ ok: boolean; error: string | null; items: number }>(FEED, 'parseFeed', [xml], { timeoutMs: WATCHDOG_MS, maxHeapMb: 1024, post: 'feedSummary' });
    assert.equal(r.kind, 'ok', describe(r));
    const v = (r as Extract<typeof r, { kind: 'ok' }>).value;
    assert.equal(v.ok, true, v.error ?? '');
    assert.ok(v.items >= 19_000, `${v.items} of 20,000 items kept`);
  }
});

test('more items than maxItems are capped at the limit', async () => {
  const xml = rssItems(2_500, (i) => `<title>Item ${i}</title><guid>g-${i}</guid>`);
  const r = parseFeed(xml, { maxItems: 1_000 });
  assert.ok(r.ok);
  assert.equal(r.feed.items.length, 1_000);
  assert.equal(r.feed.items[999]!.title, 'Item 999', 'the first items are the ones kept');
});

test('a 1 MB title and a 1 MB description parse and stay one line of text', async () => {
  const title = 'Headline '.repeat(120_000);
  const xml = rss(`<item><title>${title}</title><description>${escapeXml(`<p>${'word '.repeat(200_000)}</p>`)}</description><guid>big-1</guid></item>`, `<description>${'d'.repeat(1 << 20)}</description>`);
  const { result } = await parseIsolated(xml);
  assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
  const item = result.feed.items[0]!;
  assert.ok(item.title && item.title.length > 1_000_000, `title of ${item.title?.length} characters`);
  assert.ok(!/\n/.test(item.title), 'a title is one line');
});

/** Documents whose text carries invalid UTF-8, control characters raw and as character references. */
const dirty: { name: string; input: () => string | Uint8Array; contentType?: string }[] = [
  {
    name: 'invalid UTF-8 sequences in a UTF-8 document',
    input: () =>
      new Uint8Array([
        ...Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bad '),
        0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xed, 0xa0, 0x80,
        ...Buffer.from('</title><item><title>Item '),
        0xc0, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80,
        ...Buffer.from('</title><description>'),
        0x80, 0x81, 0x01, 0x00, 0x1b,
        ...Buffer.from('</description><guid>u-1</guid></item></channel></rss>'),
      ]),
    contentType: 'application/rss+xml; charset=utf-8',
  },
  {
    name: 'raw C0 controls in every field',
    input: () => rss(`<item><title>T\u0001i\u0000t\u001fle</title><link>https://feed.example/\u0002a</link><description>p\u0002q\u000b</description><content:encoded>${cdata('<p>c\u0003d\u001be</p>')}</content:encoded><author>a\u0004b</author><guid>g\u0005h</guid></item>`),
  },
  {
    name: 'control characters as numeric character references',
    input: () => rss(`<item><title>x&#1;y&#x7;z</title><description>&lt;p&gt;p&#1;q&#x8;r&lt;/p&gt;</description><content:encoded>${cdata('<p>c&#1;d&#x0b;e&#x1F;f</p>')}</content:encoded><author>a&#2;b</author><guid>g&#3;h</guid><link>https://feed.example/&#4;x</link></item>`),
  },
  {
    name: 'Atom with control references in text, html and xhtml constructs',
    input: () =>
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;t&amp;#1;&lt;/b&gt;</title><subtitle>s&#1;</subtitle><entry><id>i&#1;</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x&#1;</div></title><summary type="text">a&#1;b</summary><content type="html">&lt;p&gt;a&amp;#1;b&amp;#x1b;c&lt;/p&gt;</content><author><name>n&#1;</name></author></entry></feed>`,
  },
  {
    name: 'JSON Feed with control characters in strings',
    input: () => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't\u0001', items: [{ id: 'a\u0000', title: 'x\u0002', content_html: '<p>a\u0003b&#1;</p>', summary: 's\u0004', url: 'https://feed.example/\u0005', authors: [{ name: 'n\u0006' }] }] }),
  },
  {
    name: 'UTF-16 with a BOM and an odd trailing byte',
    input: () => new Uint8Array([0xff, 0xfe, ...Buffer.from(rss('<item><title>y\u0000</title><guid>w</guid></item>'), 'utf16le'), 0x00]),
  },
];

test('invalid UTF-8 and control characters: valid JSON, no C0 controls but tab and newline', async (t) => {
  for (const c of dirty) {
    await t.test(c.name, async () => {
      const { result, json } = await parseIsolated(c.input(), { contentType: c.contentType ?? null, url: 'https://feed.example/feed' });
      const back = JSON.parse(json);
      assert.deepEqual(back, result);
      // A \r is a line break to every consumer and is let through; anything else below 0x20 is not.
      const found = stringsMatching(result, C0_CONTROLS);
      assert.deepEqual(found, [], `control characters in ${found.join(', ')}`);
      const noncharacters = stringsMatching(result, /[\ufffe\uffff]/);
      assert.deepEqual(noncharacters, []);
    });
  }
});

function vectorFeeds(): { name: string; xml: string }[] {
  const entries = Object.entries(XSS_VECTORS);
  const body = (v: string) => `<p>${LEGIT}</p>${v}<p>Second paragraph.</p>`;
  return [
    { name: 'RSS description in CDATA', xml: rss(entries.map(([k, v]) => `<item><title>${k}</title><guid>${k}</guid><description>${cdata(body(v))}</description></item>`).join('')) },
    { name: 'RSS content:encoded, escaped', xml: rss(entries.map(([k, v]) => `<item><title>${k}</title><guid>${k}</guid><content:encoded>${escapeXml(body(v))}</content:encoded></item>`).join('')) },
    { name: 'RSS description, double-escaped', xml: rss(entries.map(([k, v]) => `<item><title>${k}</title><guid>${k}</guid><description>${escapeXml(escapeXml(body(v)))}</description></item>`).join('')) },
    {
      name: 'Atom content type=html and summary type=xhtml',
      xml: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${entries
        .map(([k, v]) => `<entry><id>urn:${k}</id><title>${k}</title><summary type="html">${escapeXml(body(v))}</summary><content type="html">${escapeXml(body(v))}</content></entry>`)
        .join('')}</feed>`,
    },
    { name: 'JSON Feed content_html', xml: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: entries.map(([k, v]) => ({ id: k, title: k, content_html: body(v), summary: v })) }) },
  ];
}

test('script, handlers, javascript:/data: URLs, SVG and CSS in item content come out sanitized', async (t) => {
  const count = Object.keys(XSS_VECTORS).length;
  for (const f of vectorFeeds()) {
    await t.test(f.name, async () => {
      const { result } = await parseIsolated(f.xml, { url: 'https://feed.example/feed' });
      assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
      assert.equal(result.feed.items.length, count, 'one item per vector');
      for (const it of result.feed.items) {
        for (const field of ['summary', 'content'] as const) {
          const html = it[field];
          if (html === null) continue;
          const reasons = unsafeReasons(html);
          assert.deepEqual(reasons, [], `${it.title} ${field}: ${reasons.join('; ')}\n${html.slice(0, 400)}`);
        }
        for (const field of ['title', 'link', 'id', 'author'] as const) {
          assert.ok(!/<script|javascript:/i.test(it[field] ?? ''), `${it.title} ${field}: ${it[field]}`);
        }
        if (it.link) assert.match(it.link, /^https?:/);
        const body = it.content ?? it.summary ?? '';
        if (f.name !== 'JSON Feed content_html') assert.ok(textOf(body).includes(LEGIT), `${it.title}: legitimate text lost: ${body.slice(0, 300)}`);
      }
    });
  }
});

test('links with script schemes are dropped from items', () => {
  const xml = rss(['javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', 'vbscript:x', 'data:text/html,<script>alert(1)</script>', '&#x20;javascript&#x3a;alert(1)'].map((l, i) => `<item><title>L${i}</title><link>${l.startsWith('&') ? l : escapeXml(l)}</link><guid isPermaLink="false">l${i}</guid></item>`).join(''));
  const r = parseFeed(xml, { url: 'https://feed.example/feed' });
  assert.ok(r.ok);
  assert.equal(r.feed.items.length, 5);
  for (const it of r.feed.items) assert.equal(it.link, null, `${it.title}: ${it.link}`);
});

test('an xml:base with a script scheme never turns relative links into script links', () => {
  const docs = [
    rss('<item xml:base="javascript:alert(1)"><title>a</title><link>#frag</link><guid isPermaLink="false">1</guid></item>'),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert(1)"><title>x</title><link href="#home"/><entry><id>1</id><title>a</title><link href="#z"/><content type="html">&lt;p&gt;${LEGIT} &lt;a href="#q"&gt;x&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="data:text/html,x"><title>x</title><entry xml:base="vbscript:msgbox"><id>1</id><title>a</title><link href="?z"/></entry></feed>`,
  ];
  for (const xml of docs) {
    const r = parseFeed(xml, { url: 'https://feed.example/feed' });
    assert.ok(r.ok);
    const links = [r.feed.link, ...r.feed.items.map((it) => it.link)];
    for (const l of links) assert.ok(l === null || /^https?:/.test(l) || !/^[a-z][a-z0-9+.-]*:/i.test(l.replace(/\s+/g, '')), `link ${l}`);
    for (const it of r.feed.items) for (const h of [it.summary, it.content]) if (h) assert.deepEqual(unsafeReasons(h), []);
  }
});

// ---------------------------------------------------------------------------
// The CLI on a batch of hostile files

function runCli(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

test('parse-feed --json prints one valid JSON line per hostile file and still parses the good ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-hostile-feeds-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = rssItems(3, (i) => `<title>Good ${i}</title><link>https://feed.example/good/${i}</link><guid>good-${i}</guid>`);
  const files: { name: string; data: string | Uint8Array | null }[] = [
    { name: 'good-first.xml', data: good },
    { name: 'laughs.xml', data: billionLaughs() },
    { name: 'quadratic.xml', data: quadraticBlowup() },
    { name: 'xxe.xml', data: externalEntities(ORIGIN) },
    { name: 'late-xxe.xml', data: lateDoctype('xxe', ORIGIN) },
    { name: 'controls.xml', data: dirty[2]!.input() },
    { name: 'invalid-utf8.xml', data: dirty[0]!.input() },
    { name: 'xss.xml', data: vectorFeeds()[0]!.xml },
    { name: 'empty.xml', data: '' },
    { name: 'binary.bin', data: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    { name: 'html-page.xml', data: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body>x</body></html>' },
    { name: 'truncated.xml', data: good.slice(0, good.length - 60) },
    { name: 'garbage-json.json', data: '{"version":"https://jsonfeed.org/version/1.1","items":[1,null,"x",{"id":{}}]' },
    { name: 'a-directory', data: null },
    { name: 'missing.xml', data: undefined as unknown as null },
    { name: 'good-last.xml', data: good },
  ];
  const paths: string[] = [];
  for (const f of files) {
    const p = join(dir, f.name);
    paths.push(p);
    if (f.name === 'a-directory') mkdirSync(p);
    else if (f.data !== undefined && f.data !== null) writeFileSync(p, f.data);
  }
  const hitsBefore = entityHits;
  const r = await runCli(['parse-feed', '--json', '--url', 'https://feed.example/feed', '--timeout-ms', '15000', ...paths], 90_000);
  assert.equal(r.timedOut, false, 'the CLI did not finish');
  assert.equal(r.code, 0, r.stderr.slice(0, 500));
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, files.length, `one line per file, got:\n${r.stdout.slice(0, 1000)}`);
  const parsed = lines.map((l, i) => {
    try {
      return JSON.parse(l) as { file: string; ok: boolean; error?: string; items?: { title: string | null; summary: string | null; content: string | null }[] };
    } catch (err) {
      assert.fail(`line ${i + 1} is not JSON: ${(err as Error).message}: ${l.slice(0, 200)}`);
    }
  });
  parsed.forEach((p, i) => {
    assert.equal(p.file, paths[i], 'lines come in argument order');
    if (!p.ok) assert.ok(typeof p.error === 'string' && p.error.length > 0, `${p.file}: an error line names the error`);
    assert.deepEqual(stringsMatching(p, C0_CONTROLS), [], `${p.file}: control characters`);
    for (const it of p.items ?? []) for (const h of [it.summary, it.content]) if (h) assert.deepEqual(unsafeReasons(h), [], `${p.file}: ${h.slice(0, 200)}`);
  });
  const byName = new Map(parsed.map((p, i) => [files[i]!.name, p]));
  for (const name of ['good-first.xml', 'good-last.xml']) {
    const p = byName.get(name)!;
    assert.equal(p.ok, true, `${name}: ${p.error}`);
    assert.deepEqual(p.items!.map((it) => it.title), ['Good 0', 'Good 1', 'Good 2']);
  }
  for (const name of ['empty.xml', 'binary.bin', 'html-page.xml', 'a-directory', 'missing.xml']) assert.equal(byName.get(name)!.ok, false, name);
  assert.equal(byName.get('xss.xml')!.ok, true);
  assert.ok(!r.stdout.includes(passwdHead), 'contents of /etc/passwd in the output');
  assert.equal(entityHits, hitsBefore, 'an external entity was fetched');
});
