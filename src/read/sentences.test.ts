import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, splitSentencesWithCredits } from './sentences.ts';

const texts = (input: string) => splitSentences(input).map((s) => s.text);

const cases: { name: string; input: string; want: string[] }[] = [
  {
    name: 'abbreviations and titles do not end sentences',
    input: 'Sen. Elizabeth Warren met Gen. Mark Milley and Dr. Jill Biden in St. Louis. They spoke.',
    want: ['Sen. Elizabeth Warren met Gen. Mark Milley and Dr. Jill Biden in St. Louis.', 'They spoke.'],
  },
  {
    name: 'U.S. inside a sentence, and at its end before "The"',
    input: 'The U.S. Senate voted on Tuesday. Aid will flow to the U.S. The bill passed 51-49.',
    want: ['The U.S. Senate voted on Tuesday.', 'Aid will flow to the U.S.', 'The bill passed 51-49.'],
  },
  {
    name: 'initials',
    input: 'John F. Kennedy was shot in 1963. J. R. R. Tolkien wrote books.',
    want: ['John F. Kennedy was shot in 1963.', 'J. R. R. Tolkien wrote books.'],
  },
  {
    name: 'a single capital after a lowercase word ends the sentence',
    input: 'He posted on X. US envoy Tom Barrack replied.',
    want: ['He posted on X.', 'US envoy Tom Barrack replied.'],
  },
  {
    name: 'decimals, money and company abbreviations',
    input: 'Acme Inc. said sales rose 3.5% to $1.2 billion on Jan. 5. It was No. 1 in the U.K. market.',
    want: ['Acme Inc. said sales rose 3.5% to $1.2 billion on Jan. 5.', 'It was No. 1 in the U.K. market.'],
  },
  {
    name: 'closing quote stays with its sentence, question inside a quote continues',
    input: '"We are tired." He left. "Why?" she asked. "Stop," he said.',
    want: ['"We are tired."', 'He left.', '"Why?" she asked.', '"Stop," he said.'],
  },
  {
    name: 'curly quotes spanning two sentences',
    input: '“All the injuries are from bombs. There are injuries from shrapnel,” said Omar Obeid. He runs the hospital.',
    want: ['“All the injuries are from bombs.', 'There are injuries from shrapnel,” said Omar Obeid.', 'He runs the hospital.'],
  },
  {
    name: 'ellipsis',
    input: 'He waited... Then he left. The talks… went on.',
    want: ['He waited...', 'Then he left.', 'The talks… went on.'],
  },
  {
    name: 'Reuters dateline is not a sentence',
    input: 'KYIV (Reuters) - Russia launched 40 drones at Kyiv overnight. Three people died.',
    want: ['Russia launched 40 drones at Kyiv overnight.', 'Three people died.'],
  },
  {
    name: 'AP dateline with a date',
    input: 'WASHINGTON, Jan 5 (AP) — The Senate adjourned without a vote.',
    want: ['The Senate adjourned without a vote.'],
  },
  {
    name: 'photo credit glued into the text is cut out',
    input: 'A road in Sweida shows the scars of war. Photo: Reuters Sectarian clashes escalated on Saturday.',
    want: ['A road in Sweida shows the scars of war.', 'Sectarian clashes escalated on Saturday.'],
  },
  {
    name: 'trailing agency credit',
    input: 'Fifteen more troops were killed in Israeli air strikes. (AFP)',
    want: ['Fifteen more troops were killed in Israeli air strikes.'],
  },
  {
    name: 'paragraphs end sentences; headings, list items and bylines stand alone',
    input: 'By Jane Doe and John Roe\nWhat happened next\nThe stability of Afghanistan is crucial in preventing refugee flows;\nstopping the flow of drugs.',
    want: ['By Jane Doe and John Roe', 'What happened next', 'The stability of Afghanistan is crucial in preventing refugee flows;', 'stopping the flow of drugs.'],
  },
  {
    name: 'lowercase after a period is not a new sentence',
    input: 'Prices rose, i.e. sharply, in the U.S. market this week.',
    want: ['Prices rose, i.e. sharply, in the U.S. market this week.'],
  },
];

for (const c of cases) {
  test(`splitSentences: ${c.name}`, () => {
    assert.deepEqual(texts(c.input), c.want);
  });
}

test('offsets point into the input, indexes and paragraphs count up', () => {
  const input = 'First one. Second one.\n\nThird, in a new paragraph.';
  const got = splitSentences(input);
  assert.equal(got.length, 3);
  got.forEach((s, i) => {
    assert.equal(s.index, i);
    assert.equal(input.slice(s.start, s.end), s.text);
  });
  assert.deepEqual(got.map((s) => s.paragraph), [0, 0, 1]);
});

test('empty and odd input gives no sentences and does not throw', () => {
  assert.deepEqual(splitSentences(''), []);
  assert.deepEqual(splitSentences('\n\n  \n'), []);
  assert.deepEqual(splitSentences(undefined as unknown as string), []);
  assert.equal(splitSentences('....!!!???').length, 0);
});

test('datelines and agency credits left out of sentences are reported with their sentence', () => {
  const { sentences, credits } = splitSentencesWithCredits('BERLIN (Meridian News) - Daniel Kiptoo won the race. He was fast.\nOfficials praised him. (AFP)');
  assert.deepEqual(sentences.map((s) => s.text), ['Daniel Kiptoo won the race.', 'He was fast.', 'Officials praised him.']);
  assert.deepEqual(credits, [
    { text: 'BERLIN (Meridian News) - ', sentence: 0 },
    { text: '(AFP)', sentence: 2 },
  ]);
});

test('Chinese and Japanese full stops end sentences without a space', () => {
  assert.deepEqual(texts('政府星期六表示。安全部队正在部署！「本当ですか？」と聞いた。'), ['政府星期六表示。', '安全部队正在部署！', '「本当ですか？」と聞いた。']);
});
