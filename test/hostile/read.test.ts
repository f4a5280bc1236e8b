/**
 * The reading engine and ask on huge and odd inputs. Each input runs in a worker with a
 * watchdog (isolate.ts); it must return without throwing, and every sentence index it
 * cites (summary, entities, timeline, quotes, figures, ask citations) must be inside the
 * sentence list.
 */
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { isolate, describe, closeIsolates } from './isolate.ts';
import type { ReadProbe } from './read-probe.ts';
import { readArticle } from '../../src/read/index.ts';
import { askArticle } from '../../src/read/ask.ts';

after(() => closeIsolates());

const QUESTIONS = [
  'Who said how many people were hurt in Paris on Monday?',
  'When did it happen?',
  'Where did it happen?',
  'How many people were hurt?',
  'How much did it cost?',
  'Why did the minister resign?',
  'Did the mayor say anything?',
  'What is this?',
  'Who is Anna Smith?',
  '',
  '?'.repeat(10_000),
  'who '.repeat(5_000),
];

const SENTENCE = 'The minister said on Monday that 40 people were hurt in Paris. "We will rebuild," said Anna Smith of the Red Cross, adding that repairs would cost $3.5 million. ';

function words(n: number, vocab: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[i % vocab.length]!);
  return out.join(' ');
}

const cases: { name: string; input: () => { title?: string | null; text: string; published?: string | null } }[] = [
  { name: 'a 2 MB article', input: () => ({ title: 'Paris blast', text: (SENTENCE + '\n\n').repeat(Math.ceil(2_000_000 / (SENTENCE.length + 2))), published: '2024-05-06' }) },
  { name: '50,000 tiny lines', input: () => ({ title: 'Lines', text: Array.from({ length: 50_000 }, (_, i) => `L${i}.`).join('\n') }) },
  { name: 'deeply nested quotes', input: () => ({ title: 'Quotes', text: '"He said \'she said “they said ‘'.repeat(2_000) + 'x' + '’”\'"'.repeat(2_000) + ' said Anna Smith.' }) },
  { name: 'only unbalanced quote marks', input: () => ({ title: 'Q', text: '"“”‘’«»„\''.repeat(20_000) }) },
  { name: 'only numbers', input: () => ({ title: '123', text: Array.from({ length: 30_000 }, (_, i) => String(i * 7919)).join(' ') }) },
  { name: 'only numbers, one per line', input: () => ({ title: null, text: Array.from({ length: 30_000 }, (_, i) => `${i}.${i % 10}`).join('\n') }) },
  { name: 'only emoji', input: () => ({ title: '😀', text: '😀🎉🔥👍🏽👨‍👩‍👧‍👦'.repeat(20_000) }) },
  { name: 'RTL text (Arabic and Hebrew) with bidi controls', input: () => ({ title: 'خبر', text: 'قال الوزير يوم الاثنين إن أربعين شخصا أصيبوا. '.repeat(5_000) + '\u202eשלום עולם.\u202c '.repeat(3_000) }) },
  { name: 'NUL bytes and control characters', input: () => ({ title: 'N\u0000ul', text: 'Hello\u0000 world. The\u0000 mayor said 5 people died\u0007.\u0000\n'.repeat(5_000) + '\u0000'.repeat(10_000) }) },
  { name: 'lone surrogates and noncharacters', input: () => ({ title: '\ud800', text: 'Mayor \udc00Smith said 3\ufffe people died on Monday.\uffff '.repeat(2_000) }) },
  { name: 'a single 1 MB word', input: () => ({ title: 'W', text: 'a'.repeat(1_000_000) }) },
  { name: 'whitespace only', input: () => ({ title: ' ', text: ' \n\t\r\u00a0\u2028\u2029'.repeat(50_000) }) },
  { name: '10,000 capitalised names in short sentences', input: () => ({ title: 'Names', text: Array.from({ length: 10_000 }, (_, i) => `Alpha${i} Beta${i} met Gamma${i} Inc in Delta${i} City.`).join(' ') }) },
  { name: 'a bad published date', input: () => ({ title: 'Dates', text: 'On Monday the mayor said 3 people died. Last week it rained.', published: 'not a date \u0000' }) },
  {
    name: 'a 100 KB single sentence with no punctuation',
    input: () => ({ title: 'Run on', text: words(16_000, ['word', 'Paris', 'said', 'Smith', 'and', '40']) }),
  },
  {
    name: 'a 60 KB sentence of money figures',
    input: () => ({ title: 'Money', text: Array.from({ length: 2_000 }, (_, i) => `$${i}.5 million, ${i}% and ${i} km`).join(' ') }),
  },
  {
    name: 'a 75 KB sentence of dates',
    input: () => ({ title: 'Dates', text: Array.from({ length: 1_000 }, (_, i) => `On Monday ${(i % 28) + 1} January 2024 and last week and 3 days later,`).join(' ') }),
  },
];

function probe(c: (typeof cases)[number]) {
  return isolate<ReadProbe>('test/hostile/read-probe.ts', 'readAndAsk', [c.input(), QUESTIONS], { timeoutMs: 30_000, maxHeapMb: 1536 });
}

function check(c: (typeof cases)[number], r: Awaited<ReturnType<typeof probe>>): void {
  assert.equal(r.kind, 'ok', `${c.name}: ${describe(r)}`);
  const p = (r as { value: ReadProbe }).value;
  assert.deepEqual(p.badIndexes, [], `${c.name}: citations outside the ${p.sentences} sentences`);
  assert.equal(p.answers.length, QUESTIONS.length);
}

test('huge and odd articles: no throw, no hang, citations in range', async (t) => {
  for (const c of cases) await t.test(c.name, async () => check(c, await probe(c)));
});

test('odd argument shapes do not throw', () => {
  const inputs: unknown[] = [{ text: '' }, { text: null }, { text: 42 }, { title: 42, text: 'x' }, { text: 'A. B. C.', published: 12 }, { text: 'A.', published: new Date(NaN) }];
  for (const input of inputs) {
    const r = readArticle(input as Parameters<typeof readArticle>[0]);
    assert.ok(Array.isArray(r.sentences));
    for (const q of ['Who?', '', null, 42]) {
      const a = askArticle(r, q as string);
      for (const c of a.citations) assert.ok(c.sentence >= 0 && c.sentence < r.sentences.length);
    }
  }
  const bogus = [{ sentences: [] }, { sentences: ['x'], summary: [], entities: {} }, null];
  for (const b of bogus) assert.doesNotThrow(() => askArticle(b as never, 'Who said it?'));
});
