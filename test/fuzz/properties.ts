/**
 * Property tests over hostile input, shared by `npm test` (test/fuzz/fuzz.test.ts, a small
 * budget) and `npm run fuzz` (scripts/fuzz.ts, minutes). Each property names a module, an
 * arbitrary that builds inputs from that input's grammar (feed tags, HTML tags, XSS
 * vectors, news sentences) mixed with random strings and bytes, and a check that throws
 * on a violation:
 * - feed parsing: never throws, result is JSON-serialisable, sanitized HTML stays safe,
 *   no C0 controls in any string, no script-scheme link;
 * - sanitizing and extraction: never throw, output safe (see test/hostile/safety.ts);
 * - reading and ask: never throw, every cited sentence index is in range;
 * - story placement: never throws, one answer per document.
 * Hangs are caught by the runner (runner.ts), which watches each case from outside.
 */
import fc from 'fast-check';
import { parseFeed } from '../../src/ingest/feed/index.ts';
import { sanitizeArticleHtml } from '../../src/extract/sanitize.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { readArticle } from '../../src/read/index.ts';
import { askArticle } from '../../src/read/ask.ts';
import { placeBatch } from '../../src/stories/batch.ts';
import { XSS_VECTORS, escapeXml, LEGIT } from '../hostile/payloads.ts';
import { unsafeReasons } from '../hostile/safety.ts';
import { C0_CONTROLS, stringsMatching } from '../hostile/isolate.ts';
import { citations } from '../hostile/read-probe.ts';

export interface FuzzProperty<T> {
  /** What is fuzzed, for messages. */
  title: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws (an assertion error) when the property does not hold. */
  check: (input: T) => void;
  /** A short picture of an input for hang reports. */
  preview: (input: T) => string;
}

function fail(message: string): never {
  throw new Error(message);
}

const VECTORS = Object.values(XSS_VECTORS).filter((v) => v.length < 2_000);
const vector = fc.constantFrom(...VECTORS);
const noise = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('\u0000', '\u0001', '\u001b', '\ufeff', '\ufffe', '\ud800', '\u202e', '\r', '\n', '\t'));

// ---------------------------------------------------------------------------
// Feeds

const FEED_TOKENS = [
  '<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>', '<?xml version="1.0" encoding="utf-16"?>',
  '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">', '</rss>', '<channel>', '</channel>',
  '<item>', '</item>', '<item xml:base="javascript:alert(1)">', '<title>', '</title>', '<link>', '</link>', '<description>', '</description>',
  '<guid>', '<guid isPermaLink="false">', '</guid>', '<pubDate>', '</pubDate>', '<dc:creator>', '</dc:creator>', '<content:encoded>', '</content:encoded>',
  '<feed xmlns="http://www.w3.org/2005/Atom">', '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:x">', '</feed>', '<entry>', '</entry>', '<id>', '</id>',
  '<content type="html">', '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">', '</div></content>', '</content>', '<summary type="text">', '</summary>',
  '<link href="', '<link rel="alternate" href="', '"/>', '<author><name>', '</name></author>', '<updated>', '</updated>',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">', '</rdf:RDF>',
  '<![CDATA[', ']]>', '<!--', '-->', '<!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&lol2;', '&x;',
  '&amp;', '&lt;', '&gt;', '&quot;', '&#1;', '&#x0;', '&#xD800;', '&#65;', '&nbsp;', '&amp;lt;script&amp;gt;',
  'javascript:alert(1)', ' JaVa\tScript:alert(1)', 'data:text/html,x', 'https://feed.example/a', '/relative/path', '#frag', '//cdn.example/x',
  'Mon, 01 Jan 2024 10:00:00 GMT', '2024-02-30T25:61:00Z', 'yesterday', '<', '>', '&', '"', "'", ' ', '\n',
];
const feedToken = fc.constantFrom(...FEED_TOKENS);

/** Feed-shaped text: grammar fragments, escaped and raw XSS vectors, and noise. */
export const feedText = fc
  .array(fc.oneof({ weight: 6, arbitrary: feedToken }, { weight: 2, arbitrary: noise }, { weight: 1, arbitrary: vector.map(escapeXml) }, { weight: 1, arbitrary: vector }), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** A well-formed skeleton with fuzzed fields, so the deep paths (items, sanitizing) are reached. */
const feedFromFields = fc
  .record({
    kind: fc.constantFrom('rss', 'atom', 'rdf'),
    items: fc.array(fc.record({ title: feedText, link: fc.oneof(feedText, fc.webUrl()), body: feedText, html: fc.oneof(vector, feedText) }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ kind, items }) => {
    const item = (it: (typeof items)[number]) =>
      kind === 'atom'
        ? `<entry><id>${escapeXml(it.link)}</id><title>${it.title}</title><link href="${escapeXml(it.link)}"/><summary>${it.body}</summary><content type="html">${escapeXml(it.html)}</content></entry>`
        : `<item><title>${it.title}</title><link>${it.link}</link><description>${it.body}</description><content:encoded><![CDATA[${it.html}]]></content:encoded></item>`;
    if (kind === 'atom') return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>${items.map(item).join('')}</feed>`;
    if (kind === 'rdf') return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title></channel>${items.map(item).join('')}</rdf:RDF>`;
    return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>${items.map(item).join('')}</channel></rss>`;
  });

const jsonFeed = fc
  .record({
    title: fc.oneof(fc.string(), fc.jsonValue()),
    items: fc.array(
      fc.record({
        id: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()),
        title: fc.oneof(fc.string(), feedText),
        url: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'java\tscript:x', '/rel', '')),
        content_html: fc.oneof(vector, feedText, fc.string()),
        content_text: fc.oneof(fc.string(), feedText),
        date_published: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      }, { requiredKeys: [] }),
      { maxLength: 6 },
    ),
    extra: fc.jsonValue(),
  })
  .map((f) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', ...f }));

const feedInput = fc.oneof(
  { weight: 4, arbitrary: feedText },
  { weight: 4, arbitrary: feedFromFields },
  { weight: 2, arbitrary: jsonFeed },
  { weight: 1, arbitrary: fc.tuple(feedText, fc.uint8Array({ maxLength: 300 })).map(([t, b]) => new Uint8Array([...Buffer.from(t), ...b])) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('utf-16le', 'latin1'), feedFromFields).map(([enc, t]) => new Uint8Array(Buffer.from(t, enc as BufferEncoding))) },
);

function checkFeed(input: string | Uint8Array): void {
  const r = parseFeed(input, { url: 'https://feed.example/feed', now: new Date('2024-06-01T00:00:00Z') });
  let json: string;
  try {
    json = JSON.stringify(r);
  } catch (err) {
    fail(`result is not JSON-serialisable: ${(err as Error).message}`);
  }
  if (typeof json !== 'string') fail('result is not JSON-serialisable');
  const back = JSON.parse(json) as typeof r;
  if (back.ok !== r.ok) fail('result changes through JSON');
  if (!r.ok) {
    if (typeof r.error !== 'string' || !r.error) fail('error result without a message');
    return;
  }
  const controls = stringsMatching(r, C0_CONTROLS);
  if (controls.length) fail(`control characters in ${controls.slice(0, 3).join(', ')}`);
  for (const link of [r.feed.link, ...r.feed.items.map((it) => it.link)]) {
    if (link && /^(?:javascript|vbscript|data):/i.test(link.replace(/[\s\u0000-\u001f]+/g, ''))) fail(`script link ${link}`);
  }
  for (const it of r.feed.items) {
    for (const h of [it.summary, it.content]) {
      if (h === null) continue;
      const reasons = unsafeReasons(h);
      if (reasons.length) fail(`unsafe item HTML (${reasons.join('; ')}): ${h.slice(0, 300)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// HTML

const HTML_TOKENS = [
  '<p>', '</p>', '<div>', '</div>', '<a href="', '">', '</a>', '<img src="', '" onerror="alert(1)">', '<script>', '</script>', '<style>', '</style>',
  '<svg>', '</svg>', '<math>', '</math>', '<noscript>', '</noscript>', '<template>', '</template>', '<textarea>', '</textarea>', '<title>', '</title>',
  '<iframe src="https://www.youtube-nocookie.com/embed/x">', '</iframe>', '<!--', '-->', '<![CDATA[', ']]>', '<select>', '</select>', '<table>', '<td>', '</table>',
  '<form action="javascript:alert(1)">', '</form>', '<object>', '<embed>', '<base href="javascript:alert(1)//">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  ' style="x:expression(alert(1))"', ' onclick=alert(1)', ' ONLOAD=alert(1)', ' href="java&#x09;script:alert(1)"', ' src="data:text/html,x"', ' srcset="javascript:alert(1) 2x"',
  'javascript:', '&#106;avascript:', '&lt;script&gt;', '&', '<', '>', '"', "'", '=', '/', ' ', 'alert(1)', '<h1>', '</h1>', '<article>', '</article>', '<br>', '<b>', '</b>',
];
const htmlToken = fc.constantFrom(...HTML_TOKENS);

/** HTML-shaped text from tags, attributes, vectors and noise. */
export const htmlFragment = fc
  .array(fc.oneof({ weight: 6, arbitrary: htmlToken }, { weight: 2, arbitrary: vector }, { weight: 2, arbitrary: noise }), { maxLength: 60 })
  .map((parts) => parts.join(''));

function checkSanitize([html, base]: [string, string | undefined]): void {
  const out = sanitizeArticleHtml(html, base);
  if (typeof out !== 'string') fail('sanitizer returned a non-string');
  const reasons = unsafeReasons(out);
  if (reasons.length) fail(`unsafe output (${reasons.join('; ')}): ${out.slice(0, 300)}`);
}

const page = fc.tuple(htmlFragment, htmlFragment, fc.boolean()).map(([head, body, withLegit]) => `<!doctype html><html><head>${head}</head><body><article><h1>Title</h1>${withLegit ? `<p>${LEGIT}</p>` : ''}${body}<p>${LEGIT}</p></article></body></html>`);

function checkExtract(html: string): void {
  const r = extractArticle(html, { url: 'https://news.example/a/1' });
  if ('error' in r) {
    if (typeof r.error !== 'string') fail('error without a message');
    return;
  }
  const reasons = unsafeReasons(r.html);
  if (reasons.length) fail(`unsafe article HTML (${reasons.join('; ')}): ${r.html.slice(0, 300)}`);
  if (typeof r.text !== 'string') fail('text is not a string');
  if (r.image && !/^(?:https?:|data:image\/)/.test(r.image)) fail(`image ${r.image}`);
  JSON.stringify(r);
}

// ---------------------------------------------------------------------------
// Reading

const READ_TOKENS = [
  'The', 'minister', 'said', 'on Monday', 'that', '40', 'people', 'were', 'killed', 'in', 'Paris', '.', ',', '"', '“', '”', "'", '‘', '’', '«', '»',
  'Anna Smith', 'Mr. Jones', 'U.S.', 'the Red Cross', 'Reuters', 'told', 'according to', '$3.5 million', '12%', '1,200', 'km', 'last week', 'in 2023',
  'on 3 March 2024', 'yesterday', 'at least', 'nearly', '?', '!', ';', ':', '—', '(', ')', '\n', '\n\n', ' ', 'Dr.', 'e.g.', '...', '…', 'No.', '5.',
  'قال', 'الوزير', 'שלום', '😀', '👨‍👩‍👧', '\u0000', '\u202e', 'A', 'B', 'C', 'Inc', 'Ltd', 'said:', '"We', 'will', 'rebuild,"',
];
const readToken = fc.constantFrom(...READ_TOKENS);
const article = fc.record({
  title: fc.oneof(fc.constant(null), fc.array(readToken, { maxLength: 12 }).map((w) => w.join(' '))),
  text: fc.array(fc.oneof({ weight: 8, arbitrary: readToken }, { weight: 1, arbitrary: noise }), { maxLength: 300 }).map((w) => w.join(' ')),
  published: fc.oneof(fc.constant(null), fc.constantFrom('2024-05-06', '2024-05-06T10:00:00Z', 'not a date'), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))),
});
const question = fc.oneof(
  fc.tuple(fc.constantFrom('Who', 'When', 'Where', 'How many', 'How much', 'Why', 'Did', 'What', 'Which', 'Who is'), fc.array(readToken, { maxLength: 8 })).map(([w, rest]) => `${w} ${rest.join(' ')}?`),
  fc.string({ maxLength: 40 }),
);

function checkRead([input, questions]: [{ title: string | null; text: string; published: string | null }, string[]]): void {
  const r = readArticle(input);
  const n = r.sentences.length;
  for (const [where, i] of citations(r)) {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n) fail(`${where} cites sentence ${String(i)} of ${n}`);
  }
  for (const q of questions) {
    const a = askArticle(r, q);
    if (typeof a.answer !== 'string') fail(`ask ${JSON.stringify(q)}: answer is not a string`);
    for (const c of a.citations) {
      if (!Number.isInteger(c.sentence) || c.sentence < 0 || c.sentence >= n) fail(`ask ${JSON.stringify(q)} cites sentence ${c.sentence} of ${n}`);
      if (c.text !== r.sentences[c.sentence]) fail(`ask ${JSON.stringify(q)}: citation text differs from sentence ${c.sentence}`);
    }
  }
  JSON.stringify(r);
}

// ---------------------------------------------------------------------------
// Stories

const docs = fc.array(
  fc.record({
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.nat(50).map(String)),
    title: fc.array(readToken, { maxLength: 10 }).map((w) => w.join(' ')),
    text: fc.array(readToken, { maxLength: 80 }).map((w) => w.join(' ')),
    publishedMs: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(0, -1, 1_700_000_000_000)),
    source: fc.constantFrom('a', 'b', 'c', '', "'; DROP"),
  }),
  { maxLength: 25 },
);

function checkPlace(input: { id: string; title: string; text: string; publishedMs: number; source: string }[]): void {
  const out = placeBatch(input);
  if (out.length !== input.length) fail(`placeBatch answered ${out.length} of ${input.length} documents`);
  out.forEach((o, i) => {
    if (o.id !== input[i]!.id) fail(`answer ${i} is for ${o.id}, not ${input[i]!.id}`);
    if (typeof o.story !== 'string' || !o.story) fail(`answer ${i} has no story`);
  });
}

const clip = (s: string) => (s.length > 1_500 ? `${s.slice(0, 1_500)}… (${s.length} chars)` : s);

export const PROPERTIES = {
  'parse-feed': { title: 'parseFeed on feed-shaped text, skeletons, JSON Feed and bytes', arbitrary: feedInput, check: checkFeed, preview: (x: string | Uint8Array) => clip(typeof x === 'string' ? JSON.stringify(x) : `bytes ${Buffer.from(x).toString('base64')}`) } satisfies FuzzProperty<string | Uint8Array>,
  sanitize: { title: 'sanitizeArticleHtml on HTML-shaped text', arbitrary: fc.tuple(htmlFragment, fc.constantFrom('https://news.example/a/', undefined, 'javascript:alert(1)')), check: checkSanitize, preview: (x: [string, string | undefined]) => clip(JSON.stringify(x)) } satisfies FuzzProperty<[string, string | undefined]>,
  extract: { title: 'extractArticle on pages with fuzzed head and body', arbitrary: page, check: checkExtract, preview: (x: string) => clip(JSON.stringify(x)) } satisfies FuzzProperty<string>,
  read: { title: 'readArticle and askArticle on news-shaped text', arbitrary: fc.tuple(article, fc.array(question, { maxLength: 4 })), check: checkRead, preview: (x: unknown) => clip(JSON.stringify(x)) } satisfies FuzzProperty<[{ title: string | null; text: string; published: string | null }, string[]]>,
  place: { title: 'placeBatch on random documents', arbitrary: docs, check: checkPlace, preview: (x: unknown) => clip(JSON.stringify(x)) } satisfies FuzzProperty<{ id: string; title: string; text: string; publishedMs: number; source: string }[]>,
};

export type PropertyName = keyof typeof PROPERTIES;
export const PROPERTY_NAMES = Object.keys(PROPERTIES) as PropertyName[];
