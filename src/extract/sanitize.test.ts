import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { sanitizeArticleHtml } from './sanitize.ts';

const BASE = 'https://news.example.com/world/2024/story.html';

const cases: { name: string; input: string; want?: string; has?: string[]; lacks?: string[] }[] = [
  { name: 'keeps paragraphs and emphasis', input: '<p>A <em>b</em> <strong>c</strong></p>', want: '<p>A <em>b</em> <strong>c</strong></p>' },
  { name: 'drops script with content', input: '<p>x</p><script>alert(1)</script>', want: '<p>x</p>' },
  { name: 'drops style with content', input: '<style>p{color:red}</style><p>x</p>', want: '<p>x</p>' },
  { name: 'drops event handlers', input: '<p onclick="x()" onmouseover=y>t</p>', want: '<p>t</p>' },
  { name: 'drops style, class and id attributes', input: '<p style="color:red" class="a" id="b">t</p>', want: '<p>t</p>' },
  { name: 'unwraps javascript: link', input: '<a href="javascript:alert(1)">t</a>', want: 't' },
  { name: 'unwraps obfuscated javascript: link', input: '<a href="  JaVa&#x09;ScRiPt:alert(1)">t</a>', want: 't' },
  { name: 'unwraps vbscript: link', input: '<a href="vbscript:msgbox">t</a>', want: 't' },
  { name: 'unwraps data: link', input: '<a href="data:text/html,<script>x</script>">t</a>', want: 't' },
  { name: 'absolute link with rel', input: '<a href="../x">t</a>', want: '<a href="https://news.example.com/world/x" rel="noopener noreferrer nofollow">t</a>' },
  { name: 'mailto kept', input: '<a href="mailto:a@b.c">m</a>', has: ['href="mailto:a@b.c"'] },
  { name: 'absolute image with lazy and referrer policy', input: '<img src="/i.jpg" alt="A">', want: '<img src="https://news.example.com/i.jpg" alt="A" loading="lazy" referrerpolicy="no-referrer" />' },
  { name: 'lazy data-src replaces placeholder', input: '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/big.jpg">', has: ['src="https://news.example.com/big.jpg"'], lacks: ['data:'] },
  { name: 'srcset made absolute', input: '<img src="/a.jpg" srcset="/a.jpg 1x, /b.jpg 2x">', has: ['srcset="https://news.example.com/a.jpg 1x, https://news.example.com/b.jpg 2x"'] },
  { name: '1x1 pixel removed', input: '<p>t<img src="/p.gif" width="1" height="1"></p>', want: '<p>t</p>' },
  { name: 'tracker host removed', input: '<img src="https://pixel.wp.com/g.gif?x=1">', want: '' },
  { name: 'tracker subdomain removed', input: '<img src="https://sb.scorecardresearch.com/p?c1=2">', want: '' },
  { name: 'svg data image refused', input: '<img src="data:image/svg+xml;base64,PHN2Zz4=">', want: '' },
  { name: 'large raster data image kept', input: `<img src="data:image/png;base64,${'A'.repeat(600)}">`, has: ['src="data:image/png;base64,'] },
  { name: 'svg dropped with its text', input: '<svg><text>logo</text></svg><p>x</p>', want: '<p>x</p>' },
  { name: 'form unwrapped, controls dropped', input: '<form action="/s"><label>Name</label><input value="v"><button>Go</button><select><option>o</option></select></form>', want: 'Name' },
  { name: 'youtube embed made no-cookie', input: '<iframe src="https://www.youtube.com/embed/abc123"></iframe>', has: ['src="https://www.youtube-nocookie.com/embed/abc123"', 'sandbox='] },
  { name: 'vimeo embed kept', input: '<iframe src="//player.vimeo.com/video/1"></iframe>', has: ['src="https://player.vimeo.com/video/1"'] },
  { name: 'other iframe dropped with fallback', input: '<iframe src="https://evil.example/x">fallback</iframe><p>y</p>', want: '<p>y</p>' },
  { name: 'h1 becomes h2', input: '<h1>T</h1>', want: '<h2>T</h2>' },
  { name: 'table kept with spans', input: '<table><tr><td colspan="2" style="x">a</td></tr></table>', has: ['<td colspan="2">a</td>'] },
  { name: 'time keeps datetime', input: '<time datetime="2024-01-02">Jan 2</time>', want: '<time datetime="2024-01-02">Jan 2</time>' },
  { name: 'prose javascript: defused', input: '<p>type javascript:void(0) here</p>', lacks: ['javascript:'], has: ['javascript&#58;void'] },
  { name: 'prose onload= defused', input: '<p>x onload=y</p>', lacks: ['onload='] },
  { name: 'escaped script stays text', input: '<p>&lt;script&gt;x&lt;/script&gt;</p>', want: '<p>&lt;script&gt;x&lt;/script&gt;</p>' },
  { name: 'object and embed dropped', input: '<object data="x.swf"><embed src="x.swf"></object><p>z</p>', want: '<p>z</p>' },
  { name: 'empty input', input: '', want: '' },
];

test('sanitizeArticleHtml table', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = sanitizeArticleHtml(c.input, BASE);
      if (c.want !== undefined) assert.equal(got, c.want, `got ${JSON.stringify(got)} instead of ${JSON.stringify(c.want)}`);
      for (const h of c.has ?? []) assert.ok(got.includes(h), `expected ${JSON.stringify(h)} in ${JSON.stringify(got)}`);
      for (const l of c.lacks ?? []) assert.ok(!got.includes(l), `did not expect ${JSON.stringify(l)} in ${JSON.stringify(got)}`);
    });
  }
});

test('relative URLs stay relative without a base, schemes still checked', () => {
  assert.equal(sanitizeArticleHtml('<a href="/x">t</a>'), '<a href="/x" rel="noopener noreferrer nofollow">t</a>');
  assert.equal(sanitizeArticleHtml('<a href="javascript:x">t</a>'), 't');
  assert.equal(sanitizeArticleHtml('<a href="/x">t</a>', 'not a url'), '<a href="/x" rel="noopener noreferrer nofollow">t</a>');
});

// Hostile input built from fragments that attackers use, mixed with arbitrary strings.
const pieces = fc.constantFrom(
  '<script>', '</script>', '<script src=x>', '<scr', 'ipt>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">',
  '<a href="jav&#x61;script:x">', '<a href=" &#14; javascript:x">', '<svg onload=x>', '<iframe src="javascript:x">', '<p ', 'onclick', '=',
  '"', "'", '>', '<', '/', '<style>', '<!--', '-->', '<![CDATA[', ']]>', '<math><mi xlink:href="javascript:x">', 'javascript:',
  '<object data="javascript:x">', '<body onload=x>', '<div style="background:url(javascript:x)">', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="vbscript:x">', '<textarea>', '</textarea>', '<xmp>', '</xmp>', '<img src="data:text/html;base64,PHNjcmlwdD4=">', ' on', 'mouseover',
  '<table><tr><td onclick=x>', '<form action="javascript:x"><input onfocus=x autofocus>', '<template><script>x</script></template>', '&lt;script&gt;',
  '<title><script>x</script></title>', '<plaintext>', '<option><script>x</script></option>',
);
const hostile = fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 30 }).map((a) => a.join(''));

function assertSafe(out: string) {
  assert.ok(!/<script/i.test(out), `<script in ${JSON.stringify(out)}`);
  assert.ok(!/javascript:/i.test(out), `javascript: in ${JSON.stringify(out)}`);
  assert.ok(!/\son[a-z]+\s*=/i.test(out), `on*= in ${JSON.stringify(out)}`);
  const { document } = parseHTML(`<!doctype html><html><body>${out}</body></html>`);
  for (const el of document.querySelectorAll('*')) {
    const name = el.localName;
    assert.ok(!['script', 'style', 'svg', 'object', 'embed', 'form', 'input', 'math'].includes(name), `<${name}> in ${JSON.stringify(out)}`);
    for (const attr of el.attributes) {
      assert.ok(!attr.name.toLowerCase().startsWith('on'), `attribute ${attr.name} in ${JSON.stringify(out)}`);
      assert.ok(attr.name !== 'style', `style attribute in ${JSON.stringify(out)}`);
      const v = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      assert.ok(!/^(?:javascript|vbscript):/.test(v), `${attr.name}=${attr.value} in ${JSON.stringify(out)}`);
      if (v.startsWith('data:')) assert.ok(attr.name === 'src' && /^data:image\/(png|jpe?g|gif|webp|avif);base64,/.test(v), `data URL in ${attr.name}`);
    }
  }
}

test('property: output never contains script, event handlers or javascript: URLs', () => {
  fc.assert(
    fc.property(hostile, fc.boolean(), (html, withBase) => {
      assertSafe(sanitizeArticleHtml(html, withBase ? BASE : undefined));
    }),
    { numRuns: 1500 },
  );
});

test('property: arbitrary strings never throw and stay safe', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => assertSafe(sanitizeArticleHtml(s, BASE))), { numRuns: 500 });
});

test('property: sanitizing is stable (sanitizing twice changes nothing more)', () => {
  fc.assert(
    fc.property(hostile, (html) => {
      const once = sanitizeArticleHtml(html, BASE);
      assertSafe(sanitizeArticleHtml(once, BASE));
    }),
    { numRuns: 300 },
  );
});
