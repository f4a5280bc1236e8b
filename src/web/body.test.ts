import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderBody, locateSentences } from './body.ts';
import { linkParts, safeNext, timeAgo } from './format.ts';

test('sentences are wrapped where they are found, across inline elements', () => {
  const html = renderBody({ html: '<p>Hello <a href="https://x.test/">big world</a>. It said “yes”.</p><p>Third  one!</p>', text: null, baseUrl: 'https://x.test/', sentences: ['Title', 'Hello big world.', 'It said "yes".', 'Third one!', 'Not in the text.'], firstBodySentence: 1 });
  assert.match(html, /<span id="s-1" data-s="1" class="s">Hello <\/span><a [^>]*><span data-s="1" class="s">big world<\/span><\/a><span data-s="1" class="s">\.<\/span>/);
  assert.match(html, /id="s-2"[^>]*>It said “yes”\.<\/span>/);
  assert.match(html, /id="s-3"[^>]*>Third  one!<\/span>/);
  assert.ok(!html.includes('s-4'));
});

test('stored HTML is sanitized again at render; text becomes escaped paragraphs', () => {
  const html = renderBody({ html: '<p onclick="x()">Hi.</p><script>alert(1)</script>', text: null, baseUrl: 'https://x.test/', sentences: ['T', 'Hi.'], firstBodySentence: 1 });
  assert.ok(!/onclick|<script/.test(html), html);
  const text = renderBody({ html: null, text: 'A <b>one</b>. Two.\nThree.', baseUrl: 'https://x.test/', sentences: ['T', 'A <b>one</b>.', 'Two.', 'Three.'], firstBodySentence: 1 });
  assert.equal(text, '<p><span id="s-1" data-s="1" class="s">A &lt;b&gt;one&lt;/b&gt;.</span> <span id="s-2" data-s="2" class="s">Two.</span></p>\n<p><span id="s-3" data-s="3" class="s">Three.</span></p>');
});

test('locateSentences keeps reading order and tolerates spacing', () => {
  const r = locateSentences('One two.  Three\nfour. One two.', ['t', 'One two.', 'Three four.', 'One two.'], 1);
  assert.deepEqual(r.map((x) => [x.sentence, x.start]), [[1, 0], [2, 10], [3, 22]]);
});

test('linkParts', async (t) => {
  const cases: { name: string; input: string; want: unknown[] }[] = [
    { name: 'plain', input: 'no links', want: [{ kind: 'text', text: 'no links' }] },
    { name: 'trailing dot', input: 'see https://a.test/x.', want: [{ kind: 'text', text: 'see ' }, { kind: 'link', href: 'https://a.test/x', text: 'https://a.test/x' }, { kind: 'text', text: '.' }] },
    { name: 'javascript is text', input: 'javascript:alert(1)', want: [{ kind: 'text', text: 'javascript:alert(1)' }] },
    { name: 'quote ends url', input: 'https://a.test/"onmouseover', want: [{ kind: 'link', href: 'https://a.test/', text: 'https://a.test/' }, { kind: 'text', text: '"onmouseover' }] },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(linkParts(c.input), c.want));
});

test('safeNext keeps redirects on this site; timeAgo', () => {
  for (const bad of ['//evil.test', 'https://evil.test', '/\\evil.test', 'javascript:x', 42]) assert.equal(safeNext(bad), '/');
  assert.equal(safeNext('/articles/1#comments'), '/articles/1#comments');
  const now = Date.parse('2025-07-20T12:00:00Z');
  assert.equal(timeAgo(now - 18 * 3600_000, now), '18 hours ago');
  assert.equal(timeAgo(now - 49 * 3600_000, now), '2 days ago');
  assert.equal(timeAgo(now - 3600_000, now), '1 hour ago');
  assert.equal(timeAgo(now - 10_000, now), 'just now');
});

import { Hono } from 'hono';
import { clientIp, setTrustedProxies } from './session.ts';

test('client address: forwarded headers only through trusted proxies', async () => {
  const app = new Hono();
  app.get('/', (c) => c.text(clientIp(c)));
  const ask = async (xff?: string) => (await app.request("/", { headers: xff ? { "x-forwarded-for": xff } : {} })).text();
  try {
    setTrustedProxies(0);
    assert.equal(await ask('6.6.6.6'), 'local', 'a client cannot pick its address');
    setTrustedProxies(1);
    assert.equal(await ask('6.6.6.6, 203.0.113.7'), '203.0.113.7', 'the address the proxy saw');
    assert.equal(await ask(), 'local');
    setTrustedProxies(2);
    assert.equal(await ask('6.6.6.6, 203.0.113.7, 10.0.0.2'), '203.0.113.7');
  } finally {
    setTrustedProxies(0);
  }
});
