import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalUrl } from './canonical-url.ts';

const cases: { name: string; input: string; want: string }[] = [
  { name: 'lower-cases scheme and host', input: 'HTTPS://Example.COM/Path/To', want: 'https://example.com/Path/To' },
  { name: 'keeps path case', input: 'https://example.com/News/Article-ABC', want: 'https://example.com/News/Article-ABC' },
  { name: 'drops default https port', input: 'https://example.com:443/a', want: 'https://example.com/a' },
  { name: 'drops default http port', input: 'http://example.com:80/a', want: 'http://example.com/a' },
  { name: 'keeps other port', input: 'http://example.com:8080/a', want: 'http://example.com:8080/a' },
  { name: 'drops fragment', input: 'https://example.com/a#comments', want: 'https://example.com/a' },
  { name: 'drops utm params', input: 'https://example.com/a?utm_source=x&utm_medium=rss&utm_campaign=y', want: 'https://example.com/a' },
  { name: 'drops upper-case utm', input: 'https://example.com/a?UTM_Source=x&id=3', want: 'https://example.com/a?id=3' },
  { name: 'drops click ids', input: 'https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&igshid=6', want: 'https://example.com/a' },
  { name: 'drops mailchimp and ga', input: 'https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&ref_src=twsrc', want: 'https://example.com/a' },
  { name: 'sorts remaining params', input: 'https://example.com/a?z=1&b=2&a=3', want: 'https://example.com/a?a=3&b=2&z=1' },
  { name: 'keeps repeated params in order', input: 'https://example.com/a?tag=y&a=1&tag=x', want: 'https://example.com/a?a=1&tag=y&tag=x' },
  { name: 'keeps encoding as written', input: 'https://example.com/a?q=hello%20world&b=a+b', want: 'https://example.com/a?b=a+b&q=hello%20world' },
  { name: 'mixes tracking and real', input: 'https://example.com/story?id=42&utm_source=feed&page=2#top', want: 'https://example.com/story?id=42&page=2' },
  { name: 'empty query removed', input: 'https://example.com/a?', want: 'https://example.com/a' },
  { name: 'empty pairs removed', input: 'https://example.com/a?&&x=1&', want: 'https://example.com/a?x=1' },
  { name: 'root path', input: 'https://example.com', want: 'https://example.com/' },
  { name: 'userinfo dropped', input: 'https://user:pw@example.com/a', want: 'https://example.com/a' },
  { name: 'IDN host to punycode', input: 'https://bücher.example/a', want: 'https://xn--bcher-kva.example/a' },
  { name: 'trims whitespace', input: '  https://example.com/a  ', want: 'https://example.com/a' },
  { name: 'not a URL is kept', input: 'not a url', want: 'not a url' },
  { name: 'relative is kept', input: '/a/b?utm_source=x', want: '/a/b?utm_source=x' },
  { name: 'other scheme is kept', input: 'mailto:someone@example.com', want: 'mailto:someone@example.com' },
];

test('canonicalUrl', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(canonicalUrl(c.input), c.want, `input ${c.input}`));
  }
});

test('canonicalUrl is idempotent and never throws', () => {
  fc.assert(
    fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (u) => {
      const once = canonicalUrl(u);
      assert.equal(canonicalUrl(once), once);
    }),
    { numRuns: 1000 },
  );
});
