import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseMeasure, storyFacts, wireCredit, type FactArticle, type FactFigure } from './facts.ts';
import { readSeed, T0 } from './testdata.ts';

const H = 3_600_000;

/** A plain splitter for the test input; the reading engine's own splitter is wired by the pipeline. */
function sentences(title: string, text: string): string[] {
  return [title, ...text.split(/(?<=[.!?]["\u201d]?)\s+(?=["\u201c(]?[A-Z])/)];
}

function figure(sents: string[], written: string, f: Omit<FactFigure, 'text' | 'sentence'>): FactFigure {
  const sentence = sents.findIndex((s) => s.includes(written));
  assert.ok(sentence >= 0, `no sentence contains "${written}"`);
  return { ...f, text: written, sentence };
}

function seedArticles(): { clashes: FactArticle; deploy: FactArticle } {
  const seed = readSeed();
  const cs = sentences(seed.sweidaClashes.title, seed.sweidaClashes.text);
  const ds = sentences(seed.sweidaDeploy.title, seed.sweidaDeploy.text);
  // Figures written by hand as the reading engine would give them.
  const clashes: FactArticle = {
    id: 'rthk-sweida-clashes',
    source: 'RTHK',
    publishedMs: T0 + 30 * H,
    read: {
      sentences: cs,
      figures: [
        figure(cs, 'at least 940 people', { value: 940, unit: 'people', what: 'killed', qualifier: 'at least' }),
        figure(cs, 'at least 22 people', { value: 22, unit: 'people', what: 'wounded', qualifier: 'at least' }),
      ],
      quotes: [{ speaker: 'Ahmed al-Sharaa', text: 'The Israeli intervention pushed the country into a dangerous phase that threatened its stability', sentence: cs.findIndex((s) => s.includes('dangerous phase')) }],
    },
  };
  const deploy: FactArticle = {
    id: 'rthk-sweida-deploy',
    source: 'RTHK',
    publishedMs: T0 + 6 * H,
    read: {
      sentences: ds,
      figures: [
        figure(ds, 'At least 718 people', { value: 718, unit: 'people', what: 'killed', qualifier: 'at least' }),
        figure(ds, '146 Druze fighters', { value: 146, unit: null, what: 'Druze fighters', qualifier: null }),
        figure(ds, '245 civilians', { value: 245, unit: null, what: 'civilians', qualifier: null }),
        figure(ds, '287 government troops', { value: 287, unit: null, what: 'government troops', qualifier: null }),
        figure(ds, 'Fifteen more government troops', { value: 15, unit: null, what: 'government troops', qualifier: 'more' }),
      ],
      quotes: [],
    },
  };
  return { clashes, deploy };
}

test('the two Sweida reports disagree on people killed: 940 (Reuters) vs 718 (AFP), both cited', () => {
  const { clashes, deploy } = seedArticles();
  const facts = storyFacts([clashes, deploy]);
  assert.equal(facts.disagreements.length, 1, JSON.stringify(facts.disagreements.map((d) => d.measure)));
  const d = facts.disagreements[0]!;
  assert.equal(d.measure, 'people killed');
  assert.deepEqual(d.values.map((v) => v.value), [940, 718]);
  const [high, low] = d.values;
  assert.deepEqual(high!.sources, ['Reuters']);
  assert.deepEqual(low!.sources, ['AFP']);
  assert.equal(high!.citations[0]!.article, clashes.id);
  assert.equal(high!.citations[0]!.source, 'RTHK');
  assert.match(high!.citations[0]!.text, /at least 940 people/);
  assert.equal(low!.citations[0]!.article, deploy.id);
  assert.match(low!.citations[0]!.text, /At least 718 people have been killed/);
  assert.equal(clashes.read.sentences[high!.citations[0]!.sentence], high!.citations[0]!.text);
});

test('outlets, first and latest report', () => {
  const { clashes, deploy } = seedArticles();
  const facts = storyFacts([clashes, deploy]);
  assert.equal(facts.outletCount, 1);
  assert.equal(facts.articleCount, 2);
  assert.deepEqual(facts.outlets[0]!.articles, [deploy.id, clashes.id]);
  assert.equal(facts.first!.article, deploy.id);
  assert.equal(facts.latest!.article, clashes.id);
});

test('one source giving two values for one measure is not a disagreement', () => {
  const a: FactArticle = {
    id: 'a', source: 'Paper A', publishedMs: 0,
    read: { sentences: ['Officials said 10 people were killed.', 'Later the toll rose to 12 people killed.'], figures: [
      { value: 10, unit: 'people', what: 'killed', qualifier: null, text: '10 people', sentence: 0 },
      { value: 12, unit: 'people', what: 'killed', qualifier: null, text: '12 people', sentence: 1 },
    ] },
  };
  assert.equal(storyFacts([a]).disagreements.length, 0);
  const b: FactArticle = { id: 'b', source: 'Paper B', publishedMs: 1, read: { sentences: ['Twelve people died.'], figures: [{ value: 12, unit: null, what: 'died', qualifier: null, text: 'Twelve people', sentence: 0 }] } };
  const d = storyFacts([a, b]).disagreements;
  assert.equal(d.length, 1, 'Paper A also says 10, which Paper B does not');
  assert.deepEqual(d[0]!.values.find((v) => v.value === 12)!.sources.sort(), ['Paper A', 'Paper B']);
});

test('timeline entries with the same date and event are merged, keeping every citation', () => {
  const a: FactArticle = { id: 'a', source: 'A', publishedMs: 0, read: { sentences: ['s0', 'On Friday Israel agreed to allow Syrian forces into Sweida.'], timeline: [{ date: '2025-07-18', event: 'Israel agreed to allow Syrian forces limited access to Sweida', sentence: 1 }] } };
  const b: FactArticle = { id: 'b', source: 'B', publishedMs: 1, read: { sentences: ['Israel agreed on Friday to allow Syrian forces access to Sweida.', 'x'], timeline: [
    { date: '2025-07-18', event: 'Israel agreed to allow Syrian forces access to Sweida', sentence: 0 },
    { date: '2025-07-17', event: 'airstrikes on the defence ministry in Damascus', sentence: 1 },
    { date: '2025-07-19', event: 'out of range', sentence: 9 },
  ] } };
  const t = storyFacts([a, b]).timeline;
  assert.equal(t.length, 2, 'merged one, skipped the bad sentence index');
  assert.equal(t[0]!.date, '2025-07-17');
  assert.deepEqual(t[1]!.citations.map((c) => c.article), ['a', 'b']);
});

test('quotes are grouped by speaker across articles', () => {
  const q = (id: string, speaker: string | null, text: string): FactArticle => ({ id, source: id.toUpperCase(), publishedMs: 0, read: { sentences: [`"${text}," ${speaker} said.`], quotes: [{ speaker, text, sentence: 0 }] } });
  const facts = storyFacts([q('a', 'Ahmed al-Sharaa', 'Syria will not be a testing ground'), q('b', 'AHMED AL-SHARAA', 'Syria will not be a testing ground!'), q('c', 'Tom Barrack', 'build a new and united Syrian identity'), q('d', null, 'anonymous words')]);
  assert.equal(facts.quotes.length, 3);
  assert.equal(facts.quotes[0]!.speaker, 'Ahmed al-Sharaa');
  assert.equal(facts.quotes[0]!.quotes.length, 1);
  assert.deepEqual(facts.quotes[0]!.quotes[0]!.citations.map((c) => c.article), ['a', 'b']);
  assert.equal(facts.quotes[2]!.speaker, null);
});

test('measures', () => {
  const cases: { name: string; what: string | null; unit: string | null; text: string; sentence: string; want: string | null }[] = [
    { name: 'killed', what: 'killed', unit: 'people', text: 'at least 940 people', sentence: '', want: 'people killed' },
    { name: 'death toll', what: 'death toll', unit: null, text: '718', sentence: '', want: 'people killed' },
    { name: 'deaths from the sentence', what: 'people', unit: null, text: '12 people', sentence: 'The quake killed 12 people.', want: 'people killed' },
    { name: 'troops', what: 'government troops', unit: null, text: '287 government troops', sentence: 'The violence claimed the lives of 287 government troops.', want: 'troops killed' },
    { name: 'soldiers are troops', what: 'soldiers killed', unit: null, text: '3 soldiers', sentence: '', want: 'troops killed' },
    { name: 'side kept', what: 'Druze fighters', unit: null, text: '146 Druze fighters', sentence: 'It counted 146 Druze fighters among the dead.', want: 'druze fighters killed' },
    { name: 'an unlisted group is its own subject', what: 'bedouins executed', unit: null, text: 'three Bedouin', sentence: 'plus three Bedouin who were summarily executed', want: 'bedouin killed' },
    { name: 'injured', what: 'wounded', unit: 'people', text: '22 people', sentence: '', want: 'people injured' },
    { name: 'money is not a count of people', what: 'damage', unit: 'USD', text: '$2 billion', sentence: 'Damage was put at $2 billion.', want: 'damage (usd)' },
    { name: 'nothing to measure', what: null, unit: null, text: '2021', sentence: 'In 2021 it began.', want: null },
  ];
  for (const c of cases) assert.equal(normaliseMeasure({ what: c.what, unit: c.unit, text: c.text }, c.sentence), c.want, c.name);
});

test('wire credits', () => {
  assert.equal(wireCredit(['Title', 'Body.', 'Said the director. (Reuters)']), 'Reuters');
  assert.equal(wireCredit(['Title', 'SWEIDA, Syria (AFP) - Clashes resumed.']), 'AFP');
  assert.equal(wireCredit(['Title', 'A story with no credit.']), null);
});

test('the agency credit is read from the body text when sentence splitting dropped it', () => {
  const mk = (id: string, value: number, text: string): FactArticle => ({
    id, source: 'RTHK', publishedMs: value, text,
    read: { sentences: [`At least ${value} people were killed, a monitor said.`], figures: [{ value, unit: 'people', what: 'people killed', qualifier: 'at least', text: `At least ${value} people`, sentence: 0 }] },
  });
  const d = storyFacts([mk('a', 940, 'At least 940 people were killed, a monitor said. (Reuters)'), mk('b', 718, 'At least 718 people were killed, a monitor said. (AFP)')]).disagreements;
  assert.equal(d.length, 1);
  assert.deepEqual(d[0]!.values.map((v) => v.sources[0]), ['Reuters', 'AFP']);
  assert.equal(d[0]!.values[0]!.citations[0]!.via, 'Reuters');
});
