import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { extractArticle, type ExtractedArticle } from './index.ts';
import { decodeHtmlPage } from './decode.ts';
import { isNoiseText } from './clean.ts';
import { toIsoDate } from './metadata.ts';
import { applySiteRules } from './rules.ts';
import { parseHTML } from 'linkedom';

const FIXTURES = resolve('test/fixtures/extract');

interface Expectation {
  title?: string;
  byline?: string;
  published?: string;
  lang?: string;
  siteName?: string;
  image?: string;
  partial?: boolean;
  contains?: string[];
  lacks?: string[];
  htmlContains?: string[];
  htmlLacks?: string[];
}

function extractFile(path: string, url?: string): ExtractedArticle {
  const html = decodeHtmlPage(readFileSync(path)).text;
  const r = extractArticle(html, url ? { url } : {});
  if ('error' in r) assert.fail(`${path}: ${r.error}`);
  return r;
}

test('fixtures', async (t) => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
  assert.ok(names.length >= 12, `expected a dozen fixtures, found ${names.length}`);
  for (const name of names) {
    await t.test(name, () => {
      const want = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Expectation;
      const got = extractFile(join(FIXTURES, `${name}.html`));
      for (const key of ['title', 'byline', 'published', 'lang', 'siteName', 'image', 'partial'] as const) {
        if (want[key] !== undefined) assert.equal(got[key], want[key], `${name}: ${key} is ${JSON.stringify(got[key])} instead of ${JSON.stringify(want[key])}`);
      }
      for (const s of want.contains ?? []) assert.ok(got.text.includes(s), `${name}: text lacks ${JSON.stringify(s)}:\n${got.text}`);
      for (const s of want.lacks ?? []) assert.ok(!got.text.includes(s), `${name}: text has ${JSON.stringify(s)}:\n${got.text}`);
      for (const s of want.htmlContains ?? []) assert.ok(got.html.includes(s), `${name}: html lacks ${JSON.stringify(s)}:\n${got.html}`);
      for (const s of want.htmlLacks ?? []) assert.ok(!got.html.includes(s), `${name}: html has ${JSON.stringify(s)}:\n${got.html}`);
      // Every page: paragraphs separated by blank lines, and no markup in the text.
      assert.ok(!/<[a-z]/i.test(got.text), `${name}: markup in text`);
      assert.ok(got.text.includes('\n\n'), `${name}: paragraphs not separated`);
    });
  }
});

const corpus = [resolve('../shared/corpora/readability-test-pages'), '/work/shared/corpora/readability-test-pages'].find((d) => existsSync(d));

test('corpus pages', { skip: corpus ? false : 'corpus not found' }, async (t) => {
  const page = (name: string) => extractFile(join(corpus!, name, 'source.html'));
  await t.test('bbc-1: metadata, no captions or share tools', () => {
    const a = page('bbc-1');
    assert.equal(a.title, "Obama admits US gun laws are his 'biggest frustration'");
    assert.equal(a.published, '2015-07-24T04:36:09.000Z');
    assert.equal(a.lang, 'en');
    assert.ok(a.text.startsWith('President Barack Obama has admitted'), a.text.slice(0, 200));
    for (const bad of ['Media caption', 'Share this story', 'Advertisement', 'More on this story']) assert.ok(!a.text.includes(bad), bad);
  });
  await t.test('nytimes-1: no advertisement labels or related coverage', () => {
    const a = page('nytimes-1');
    for (const bad of ['Advertisement', 'Continue reading the main story', 'Related Coverage', 'A version of this article appears in print']) assert.ok(!a.text.includes(bad), bad);
    assert.ok(a.text.includes('After nearly 20 years of hostile relations'));
  });
  await t.test('guardian-1: standfirst recovered, auto-linked words kept', () => {
    const a = page('guardian-1');
    assert.ok(a.text.startsWith('New Zealand’s whale whisperers worry'), a.text.slice(0, 200));
    assert.ok(a.text.includes('renowned in New Zealand as the leading'));
  });
  await t.test('qq: UTF-8 page under a gb2312 declaration', () => {
    const a = page('qq');
    assert.ok(a.text.includes('DeepMind'));
    assert.ok(a.text.includes('人工智能'), a.text.slice(0, 200));
  });
});

test('bad input gives an error value, never a throw', () => {
  const bad: unknown[] = ['', '   ', 'plain text with no markup at all', '\u0000\u0001\u0002\u0003'.repeat(1000), '<html><body></body></html>', '<<<>>>', null, undefined, 42];
  for (const input of bad) {
    const r = extractArticle(input as string);
    assert.ok('error' in r, `no error for ${JSON.stringify(input)?.slice(0, 40)}`);
    assert.match(r.error, /^extract: /);
  }
});

test('huge input is cut and still extracted', () => {
  const para = '<p>' + 'The council met again to discuss the budget for the new school year. '.repeat(5) + '</p>';
  const html = `<html><body><article>${para.repeat(20)}</article><div>${'x'.repeat(5_000_000)}</div></body></html>`;
  const r = extractArticle(html);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
});

test('site rules: keep and drop by selector', () => {
  const html = `<html><body><div class="promo"><p>${'Buy our magazine today and save money on every issue. '.repeat(6)}</p></div>
    <div class="story"><p>${'The mayor opened the new bridge on a windy Monday morning. '.repeat(6)}</p><p class="credit-line">Pictures by the desk</p></div></body></html>`;
  const kept = extractArticle(html, { rules: { keep: ['.story'], drop: ['.credit-line'] } });
  assert.ok(!('error' in kept));
  if ('error' in kept) return;
  assert.ok(kept.text.includes('mayor opened'));
  assert.ok(!kept.text.includes('magazine'));
  assert.ok(!kept.text.includes('Pictures by the desk'));
  // A bad selector is ignored rather than failing the page.
  const { document } = parseHTML('<html><body><p>x</p></body></html>') as unknown as { document: Document };
  assert.equal(applySiteRules(document, { keep: ['[[['], drop: [':::'] }), false);
});

test('noise text rules', async (t) => {
  const cases: { input: string; want: boolean }[] = [
    { input: 'Advertisement', want: true },
    { input: 'ADVERTISING', want: true },
    { input: 'Story continues below advertisement', want: true },
    { input: 'Read more: Council approves budget', want: true },
    { input: 'Related stories', want: true },
    { input: 'Share this article', want: true },
    { input: 'JIM WATSON/AFP/Getty Images', want: true },
    { input: 'Photo: Jane Roe/Reuters', want: true },
    { input: 'By Jane Doe and John Roe, CNN', want: true },
    { input: 'July 24, 2015', want: true },
    { input: '22 Dec, 2016 22 Dec, 2016', want: true },
    { input: 'Updated 3 hours ago', want: true },
    { input: '图注：奥尔德林的圣餐杯回到了地球上', want: true },
    { input: 'TNW中文站2016年10月14日07:17', want: true },
    { input: '$610.00', want: true },
    { input: 'The council approved the budget on July 24, 2015.', want: false },
    { input: 'By noon, the crowd had grown to several thousand people.', want: false },
    { input: 'Share prices fell sharply on Monday after the announcement.', want: false },
    { input: '1. Finland', want: false },
  ];
  for (const c of cases) {
    await t.test(c.input, () => assert.equal(isNoiseText(c.input, null), c.want, `isNoiseText(${JSON.stringify(c.input)}) should be ${c.want}`));
  }
  assert.equal(isNoiseText('Jane Doe', 'Jane Doe'), true);
});

test('dates to ISO 8601', () => {
  const cases: [string, string | null][] = [
    ['2015-07-24T05:36:09+01:00', '2015-07-24T04:36:09.000Z'],
    ['2015-07-24 05:36:09', '2015-07-24T05:36:09.000Z'],
    ['2015-07-24', '2015-07-24T00:00:00.000Z'],
    ['20150724T053609Z', '2015-07-24T05:36:09.000Z'],
    ['Fri, 24 Jul 2015 05:36:09 +0100', '2015-07-24T04:36:09.000Z'],
    ['not a date', null],
    ['1970-01-01', null],
  ];
  for (const [input, want] of cases) assert.equal(toIsoDate(input), want, input);
});

test('cli: one JSON line per file, errors as values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-extract-'));
  const empty = join(dir, 'empty.html');
  writeFileSync(empty, '');
  const junk = join(dir, 'junk.bin');
  writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const good = join(FIXTURES, 'windows-1251.html');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', '--json', '--url', 'https://vesti.example/news/most', good, empty, junk, join(dir, 'missing.html')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 4);
  assert.deepEqual(Object.keys(lines[0]), ['file', 'title', 'byline', 'published', 'lang', 'siteName', 'image', 'text', 'html']);
  assert.equal(lines[0].title, 'В Самаре открыли новый мост через Волгу');
  for (const l of lines.slice(1)) {
    assert.deepEqual(Object.keys(l), ['file', 'error']);
    assert.equal(typeof l.error, 'string');
  }
  const usage = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', good], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});

test('a sentence that starts like a credit line is kept; a real credit line is not', () => {
  const body = 'The central bank left its main rate unchanged on Thursday after a long debate among members. '.repeat(4);
  const html = `<html><head><title>Bank holds rates</title></head><body><article><h1>Bank holds rates</h1><p>${body}</p><p>Credit: Ratings agencies placed the lender's ratings on review for upgrade.</p><p>Credit: Jane Doe/Reuters</p><p>${body}</p></article></body></html>`;
  const r = extractArticle(html, { url: 'https://news.example/bank' });
  assert.ok(!('error' in r));
  assert.match(r.text, /Ratings agencies placed the lender's ratings on review for upgrade\./);
  assert.doesNotMatch(r.text, /Jane Doe/);
});
