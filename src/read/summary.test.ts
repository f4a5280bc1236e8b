import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from './index.ts';
import { compressSentence, stem, stripDateline, summarize } from './summary.ts';
import type { Sentence } from './types.ts';

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
  // The text is the cited sentence, or that sentence without its attribution frame.
  for (const s of r.summary) assert.ok(r.sentences[s.sentence]!.toLowerCase().includes(s.text.slice(0, -1).toLowerCase()), `${s.text} / ${r.sentences[s.sentence]}`);
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

test('compressSentence drops datelines, trailing attribution and statement openers', async (t) => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'trailing "X said on Day"', input: 'Belgian police have arrested four men suspected of stealing diamonds, prosecutors said on Thursday.', want: 'Belgian police have arrested four men suspected of stealing diamonds.' },
    { name: 'trailing "according to"', input: 'The fire has burned more than 9,000 hectares of pine forest, according to the EU satellite service.', want: 'The fire has burned more than 9,000 hectares of pine forest.' },
    { name: 'trailing "officials said"', input: 'Floods cut off three northern towns after the river burst its banks, officials said.', want: 'Floods cut off three northern towns after the river burst its banks.' },
    { name: 'wire dateline', input: 'LONDON (Reuters) - Britain raised interest rates for the first time in a decade on Thursday.', want: 'Britain raised interest rates for the first time in a decade on Thursday.' },
    { name: 'statement opener', input: 'In a statement, the presidency announced an immediate ceasefire in all areas.', want: 'The presidency announced an immediate ceasefire in all areas.' },
    { name: 'short bracketed asides go', input: 'The port authority (APS) said 14 of the 23 ships due to berth had been delayed.', want: 'The port authority said 14 of the 23 ships due to berth had been delayed.' },
    { name: 'quotes keep their attribution', input: '"We are deeply sorry for what happened on the river," the chief executive said.', want: '"We are deeply sorry for what happened on the river," the chief executive said.' },
    { name: 'too short a clause keeps the frame', input: 'It was a mistake, officials said.', want: 'It was a mistake, officials said.' },
    { name: 'a mid-sentence "said" is kept', input: 'The minister said on Monday that the budget would pass easily next week.', want: 'The minister said on Monday that the budget would pass easily next week.' },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(compressSentence(c.input), c.want));
});

test('stripDateline only strips an upper-case place before a dash', async (t) => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'agency dateline', input: 'PARIS (AFP) — Strikes halted trains across France.', want: 'Strikes halted trains across France.' },
    { name: 'bare dateline', input: 'WASHINGTON — The Senate passed the bill.', want: 'The Senate passed the bill.' },
    { name: 'ordinary sentence', input: 'The UN - which has 193 members - met today.', want: 'The UN - which has 193 members - met today.' },
    { name: 'acronym subject', input: 'NATO agreed to send more troops.', want: 'NATO agreed to send more troops.' },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(stripDateline(c.input), c.want));
});

function sentencesOf(lines: string[]): Sentence[] {
  let at = 0;
  return lines.map((text, index) => {
    const s = { index, text, start: at, end: at + text.length, paragraph: index };
    at += text.length + 1;
    return s;
  });
}

test('summary keeps the lead, passes over dependent sentences and prefers coverage of the topic', () => {
  const sentences = sentencesOf([
    'Dockworkers strike at Santos port',
    'Thousands of dockworkers at the port of Santos walked off the job on Friday in a strike over pay.',
    'But they said little else about the plan for the coming weeks and months ahead.',
    'The strike halted loading at the port, and 14 of 23 ships due to berth were diverted to other ports.',
    'The weather in the region was mild and sunny for most of the week in question.',
    'Union leaders said the dockworkers would stay on strike until the port operators raised pay by 12%.',
    'Officials had earlier met with a range of people at an event downtown that was not open.',
  ]);
  const picked = summarize(sentences, { hasTitle: true, count: 3 }).map((s) => s.sentence);
  assert.deepEqual(picked, [1, 3, 5]);
});
