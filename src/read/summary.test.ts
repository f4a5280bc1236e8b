import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from './index.ts';
import { stem } from './summary.ts';

const article = {
  title: 'Floods cut off northern towns as river bursts its banks',
  text: [
    'Is this the worst flood in a generation?',
    'Floods cut off three northern towns on Tuesday after the Vell river burst its banks following a week of heavy rain, officials said.',
    'Photo: Reuters',
    'Rescue teams evacuated more than 2,000 residents from Marrow, Tessby and Hulme as water levels rose through the night.',
    'Hulme',
    'Emergency services said the floods had damaged at least 400 homes and closed the main road to the north.',
    'The river authority said the flooding was the worst since 1998 and warned that more rain was expected on Thursday.',
    'Local shops were closed.',
    'The mayor of Tessby, Anna Berg, said the town had never seen floods like it and asked for government help for the evacuated residents.',
    'A spokesman for the regional government said emergency funds would be released for flood damage this week.',
    'Jane Smith is a correspondent for the Northern Herald.',
  ].join('\n'),
};

test('summary: 3 to 5 sentences in article order, each citing its sentence', () => {
  const r = readArticle(article);
  assert.ok(r.summary.length >= 3 && r.summary.length <= 5, `got ${r.summary.length}`);
  const idx = r.summary.map((s) => s.sentence);
  assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
  for (const s of r.summary) assert.equal(r.sentences[s.sentence], s.text);
});

test('summary skips the title, questions, captions, headings, short lines and author bios', () => {
  const r = readArticle(article);
  const texts = r.summary.map((s) => s.text);
  assert.ok(!r.summary.some((s) => s.sentence === 0), 'title');
  for (const bad of ['Is this the worst flood in a generation?', 'Hulme', 'Local shops were closed.', 'Jane Smith is a correspondent for the Northern Herald.']) {
    assert.ok(!texts.includes(bad), `picked "${bad}"`);
  }
  assert.ok(texts.some((t) => t.startsWith('Floods cut off three northern towns')), 'the lead sentence is picked');
});

test('summary drops near-duplicate sentences', () => {
  const r = readArticle({
    title: 'Bank fined',
    text: 'The regulator fined Harbour Bank 12 million euros on Monday for failing to stop money laundering.\nHarbour Bank was fined 12 million euros by the regulator on Monday for failing to stop money laundering.\nThe bank said it would appeal the decision in court.\nShares in the bank fell 4% in early trading after the announcement.\nAnalysts said the fine was the largest the regulator had imposed.',
  });
  const picked = r.summary.map((s) => s.sentence);
  assert.ok(!(picked.includes(1) && picked.includes(2)), `both duplicates picked: ${picked}`);
});

test('summary of an empty or one-line article', () => {
  assert.deepEqual(readArticle({ title: 'Only a title', text: '' }).summary, []);
  const one = readArticle({ title: null, text: 'A single sentence about nothing much at all here.' });
  assert.equal(one.summary.length, 1);
});

test('stem joins inflections', () => {
  const same = [
    ['clashes', 'clash'],
    ['killed', 'kill'],
    ['arrived', 'arrive'],
    ['forces', 'force'],
    ['cited', 'cite'],
    ['countries', 'country'],
  ];
  for (const [a, b] of same) assert.equal(stem(a!), stem(b!), `${a} / ${b}`);
});
