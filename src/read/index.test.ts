import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle, articleSentences } from './index.ts';

test('readArticle: the title is sentence 0 and every index points into sentences', () => {
  const r = readArticle({
    title: 'Trump says he will help Afghans stuck in the UAE',
    published: '2025-07-20',
    text: 'US President Donald Trump said on Sunday he would help Afghans detained in the United Arab Emirates. "I will try to save them," Trump said.\nThe UAE agreed in 2021 to house several thousand Afghans, at least 2,000 of them children.',
  });
  assert.equal(r.sentences[0], 'Trump says he will help Afghans stuck in the UAE');
  assert.equal(r.lang, 'en');
  const n = r.sentences.length;
  const idx = [
    ...r.summary.map((s) => s.sentence),
    ...r.timeline.map((t) => t.sentence),
    ...r.quotes.map((q) => q.sentence),
    ...r.figures.map((f) => f.sentence),
    ...[...r.entities.people, ...r.entities.organizations, ...r.entities.places].flatMap((e) => e.sentences),
  ];
  for (const i of idx) assert.ok(Number.isInteger(i) && i >= 0 && i < n, `index ${i} of ${n}`);
  assert.ok(r.entities.people.find((p) => p.name === 'Donald Trump')?.sentences.includes(0), 'names in the title count');
  assert.deepEqual(Object.keys(r).sort(), ['entities', 'figures', 'hashtags', 'lang', 'quotes', 'sentences', 'summary', 'timeline']);
});

test('readArticle wires the facts: timeline resolves against published, quotes get speakers, figures', () => {
  const r = readArticle({
    title: 'Sweida clashes',
    published: '2025-07-19',
    text: 'Clashes killed at least 940 people around Sweida, the Syrian Observatory for Human Rights said on Saturday. "The Israeli intervention pushed the country into a dangerous phase," Interim President Ahmed al-Sharaa said.',
  });
  assert.ok(r.timeline.some((t) => t.date === '2025-07-19'), JSON.stringify(r.timeline));
  assert.ok(r.quotes.some((q) => q.speaker === 'Ahmed al-Sharaa'), JSON.stringify(r.quotes));
  assert.ok(r.figures.some((f) => f.value === 940), JSON.stringify(r.figures));
});

test('a headline repeated at the start of the body is dropped', () => {
  const { sentences } = articleSentences({
    title: "Sectarian clashes continue in Syria's Sweida region",
    text: "Sectarian clashes continue in Syria's Sweida region The government says security forces are deploying. Fighting went on.",
  });
  assert.deepEqual(
    sentences.map((s) => s.text),
    ["Sectarian clashes continue in Syria's Sweida region", 'The government says security forces are deploying.', 'Fighting went on.'],
  );
});

test('without a title the body starts at 0; bad input gives empty results, not a crash', () => {
  assert.equal(readArticle({ text: 'One sentence here. Another one there.' }).sentences[0], 'One sentence here.');
  const empty = readArticle({ title: null, text: '', published: 'not a date' });
  assert.deepEqual(empty.sentences, []);
  assert.deepEqual(empty.summary, []);
  const weird = readArticle({ title: '   ', text: '\u0000\u0001 <<<>>> ### \n\n' });
  assert.ok(Array.isArray(weird.sentences));
});

test('property: any text reads without throwing, citations stay in range, sentences stay bounded', async () => {
  const fc = (await import('fast-check')).default;
  const piece = fc.constantFrom('The ', 'U.S. ', 'Gen. ', 'Ahmed al-Sharaa ', '(UAE) ', 'Photo: Reuters ', 'KYIV (Reuters) - ', '"', '“', '. ', '? ', '\n', '3.5% ', '$1.2 billion ', 'on Saturday ', 'said ', 'x', ', ', '...', 'Ü', '—');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 120 }), fc.option(fc.string({ maxLength: 30 })), (parts, title) => {
      const r = readArticle({ title, text: parts.join(''), published: '2025-07-19' });
      const n = r.sentences.length;
      for (const s of r.summary) assert.ok(s.sentence >= 0 && s.sentence < n);
      for (const e of [...r.entities.people, ...r.entities.organizations, ...r.entities.places]) for (const i of e.sentences) assert.ok(i >= 0 && i < n);
      for (const s of r.sentences) assert.ok(s.length <= 1200 && s.trim() === s && s.length > 0);
    }),
    { numRuns: 300 },
  );
});

test('a long text without punctuation is cut into bounded sentences', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
  const r = readArticle({ title: null, text });
  assert.ok(r.sentences.length > 10);
  assert.ok(r.sentences.every((s) => s.length <= 1200));
  assert.equal(r.sentences.join(' ').split(' ').length, 3000, 'no words lost');
});
