import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFeed } from './index.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

function rss(items: string, head = '<title>T</title>'): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel>${head}${items}</channel></rss>`;
}

function assertValidResult(r: ReturnType<typeof parseFeed>) {
  if (!r.ok) {
    assert.equal(typeof r.error, 'string');
    assert.ok(r.error.length > 0);
    return;
  }
  for (const it of r.feed.items) {
    assert.equal(typeof it.id, 'string');
    assert.ok(it.id.length > 0);
    for (const d of [it.published, it.updated]) if (d !== null) assert.match(d, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const html of [it.summary, it.content]) {
      if (html === null) continue;
      assert.ok(!/<script|<iframe|<style|\son\w+\s*=|javascript:/i.test(html), html);
    }
  }
}

test('parseFeed never throws on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => assertValidResult(parseFeed(s, { now: NOW }))),
    { numRuns: 1500 },
  );
});

test('parseFeed never throws on arbitrary bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (b) => assertValidResult(parseFeed(b, { now: NOW }))),
    { numRuns: 1500 },
  );
});

// Feed-shaped noise: real tags, cut and shuffled, with hostile markup and odd characters.
const fragment = fc.constantFrom(
  '<item>', '</item>', '<title>', '</title>', '<link>', '</link>', '<description>', '</description>',
  '<entry>', '</entry>', '<content type="html">', '</content>', '<![CDATA[', ']]>', '<!--', '-->',
  '&amp;', '&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>', '&nbsp;', '&', '<', '>',
  '<a href="javascript:alert(1)">x</a>', '<img src=x onerror=alert(1)>', 'text', ' ', '\n', '\u0000', '\ud800',
  '<pubDate>Wed, 15 Jan 2025 10:30:00 GMT</pubDate>', '<guid>g</guid>', '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>', '&a;',
  'xml:base="../"', '<link href="/x"/>', '<?xml version="1.0"?>', '<rss version="2.0">', '<feed xmlns="http://www.w3.org/2005/Atom">',
);

test('parseFeed never throws on feed-shaped noise, and its HTML is always sanitized', () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), fc.constantFrom('rss', 'atom', 'none'), (parts, wrap) => {
      const body = parts.join('');
      const doc = wrap === 'rss' ? rss(body) : wrap === 'atom' ? `<feed xmlns="http://www.w3.org/2005/Atom">${body}</feed>` : body;
      assertValidResult(parseFeed(doc, { now: NOW, url: 'https://example.com/feed' }));
    }),
    { numRuns: 1500 },
  );
});

test('one bad item does not cost the others', () => {
  const items = ['<item><title>A</title></item>', '<item><title>B</title><x><y></x></item>', '<item><title>C</title></item>'].join('');
  const r = parseFeed(rss(items), { now: NOW });
  assert.ok(r.ok);
  assert.deepEqual(r.feed.items.map((i) => i.title), ['A', 'B', 'C']);
});

test('a feed with 100,000 items parses, capped by maxItems', () => {
  const item = (i: number) => `<item><title>Item ${i}</title><link>https://example.com/${i}</link></item>`;
  const doc = rss(Array.from({ length: 100_000 }, (_, i) => item(i)).join(''));
  const r = parseFeed(doc, { now: NOW, maxItems: 1000 });
  assert.ok(r.ok);
  assert.equal(r.feed.items.length, 1000);
  assert.equal(r.feed.items[999].title, 'Item 999');
});

test('input over the size limit is refused with an error value', () => {
  const r = parseFeed(new Uint8Array(50 * 1024 * 1024 + 1), { now: NOW });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /too large/);
});

test('Content-Type charset decodes bytes that declare nothing', () => {
  const bytes = Buffer.from(rss('<item><title>caf\u00e9</title></item>', '<title>T</title>'), 'latin1');
  const r = parseFeed(new Uint8Array(bytes), { contentType: 'application/rss+xml; charset=iso-8859-1', now: NOW });
  assert.ok(r.ok);
  assert.equal(r.feed.items[0].title, 'café');
});

test('hostile nesting stays bounded and keeps the item', () => {
  const deep = parseFeed(rss(`<item><title>A</title>${'<a>'.repeat(100_000)}</item><item><title>B</title></item>`), { now: NOW });
  assert.ok(deep.ok);
  assert.deepEqual(deep.feed.items.map((i) => i.title), ['A', 'B']);
  const unclosed = parseFeed(rss('<item>'.repeat(20_000)), { now: NOW });
  assert.ok(unclosed.ok);
  assert.equal(unclosed.feed.items.length, 0);
});
