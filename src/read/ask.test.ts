import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from './index.ts';
import { askArticle, focusTerms, measureUnit } from './ask.ts';
import { NO_ANSWER } from './types.ts';

const read = readArticle({
  title: "Sectarian clashes continue in Syria's Sweida region",
  published: '2025-07-19',
  text: [
    "Sectarian clashes escalated in Syria's predominantly Druze region of Sweida on Saturday, with mortar shelling ringing out after days of bloodshed.",
    'Late on Saturday, the interior ministry said clashes in Sweida city had been halted and the area cleared of Bedouin tribal fighters.',
    'The Syrian Observatory for Human Rights, a British-based monitoring group, said clashes since last week around Sweida had killed at least 940 people.',
    'Interim President Ahmed al-Sharaa said "Arab and American" mediation had helped restore calm.',
    'He criticised Israel for airstrikes during the week.',
    'Government forces then arrived to try to quell tensions, clashing with Druze gunmen.',
    'US envoy Tom Barrack announced on Friday that Syria and Israel had agreed to a ceasefire.',
    'Mansour Namour, a resident of a village near Sweida city, said at least 22 people had been wounded.',
    '"All the injuries are from bombs," said Omar Obeid, director of the hospital.',
    'The UAE agreed in 2021 to temporarily house several thousand Afghans evacuated from Kabul.',
  ].join('\n'),
});

const cases: { name: string; q: string; want: string | RegExp; sentence?: number }[] = [
  { name: 'how many: the figure, not the sentence', q: 'How many people have been killed in the clashes around Sweida?', want: 'at least 940', sentence: 3 },
  { name: 'how many: synonym wounded/injured', q: 'How many people were injured near Sweida city?', want: 'at least 22', sentence: 8 },
  { name: 'how many: number words', q: 'How many Afghans did the UAE agree to house?', want: 'several thousand', sentence: 10 },
  { name: 'when: a weekday', q: 'When did Tom Barrack announce the ceasefire?', want: 'Friday', sentence: 7 },
  { name: 'when: a year', q: 'When did the UAE agree to house Afghans?', want: '2021', sentence: 10 },
  { name: 'who: a name near the question words', q: 'Who announced that Syria and Israel had agreed to a ceasefire?', want: 'Tom Barrack', sentence: 7 },
  { name: 'who: the pronoun stands for the person named before', q: 'Who criticised Israel for airstrikes?', want: 'Ahmed al-Sharaa', sentence: 5 },
  { name: 'who: organization wanted', q: 'Which monitoring group counted the dead?', want: 'Syrian Observatory for Human Rights', sentence: 3 },
  { name: 'who is: the description', q: 'Who is Omar Obeid?', want: /director of the hospital/ },
  { name: 'where', q: 'Where were Afghans evacuated from?', want: 'Kabul', sentence: 10 },
  { name: 'why: purpose clause', q: 'Why did government forces arrive?', want: /^to try to quell tensions/, sentence: 6 },
  { name: 'what: the part the question does not say', q: 'What did the interior ministry say about the clashes in Sweida city?', want: /^halted/, sentence: 2 },
];
for (const c of cases) {
  test(`askArticle: ${c.name}`, () => {
    const got = askArticle(read, c.q);
    if (typeof c.want === 'string') assert.equal(got.answer, c.want);
    else assert.match(got.answer, c.want);
    assert.ok(got.citations.length >= 1);
    if (c.sentence !== undefined) assert.equal(got.citations[0]!.sentence, c.sentence);
    for (const cit of got.citations) assert.equal(cit.text, read.sentences[cit.sentence]);
    assert.ok(got.answer.split(/\s+/).length < read.sentences[got.citations[0]!.sentence]!.split(/\s+/).length, 'answer is shorter than its sentence');
  });
}

const unanswerable = ['How old is Omar Obeid?', 'What did Vladimir Putin say about Sweida?', 'When was the hospital built?', 'Who leads the Syrian Observatory for Human Rights?', 'How much did the ceasefire cost?', ''];
for (const q of unanswerable) {
  test(`askArticle: not in the article: "${q}"`, () => {
    assert.deepEqual(askArticle(read, q), { answer: NO_ANSWER, citations: [] });
  });
}

test('askArticle on an empty article never throws', () => {
  const empty = readArticle({ title: null, text: '' });
  assert.deepEqual(askArticle(empty, 'Who won?'), { answer: NO_ANSWER, citations: [] });
});

const sport = readArticle({
  title: 'Kiptoo breaks Berlin course record',
  published: '2025-09-28',
  text: [
    "Kenya's Daniel Kiptoo won the Berlin Marathon on Sunday in 2:01:05, breaking the course record.",
    'About 48,000 runners took part, the organisers said.',
    'Brandt will pay €6.4 billion for the rail operator, or €18.50 a share, a premium of 34% to Friday\'s close.',
    'Fire crews from Italy, Croatia and Greece fought the blaze near Corinth.',
    'Rovers won the cup final 2-1 after extra time.',
  ].join('\n'),
});
const sportCases: { q: string; want: string }[] = [
  { q: "What was Daniel Kiptoo's winning time?", want: '2:01:05' },
  { q: 'How many runners took part?', want: 'About 48,000' },
  { q: 'How much will Brandt pay for the rail operator?', want: '€6.4 billion' },
  { q: 'What premium does the offer represent?', want: '34%' },
  { q: 'Which countries sent fire crews?', want: 'Italy, Croatia and Greece' },
  { q: 'What was the final score?', want: '2-1 after extra time' },
];
for (const c of sportCases) {
  test(`askArticle: ${c.q}`, () => assert.equal(askArticle(sport, c.q).answer, c.want));
}

test('focusTerms: the thing a question asks about', async (t) => {
  const cases: { name: string; q: string; want: string[] }[] = [
    { name: 'counted noun', q: 'How many runners took part?', want: ['runner'] },
    { name: 'counted noun phrase stops at the verb', q: 'How many Chega deputies voted against the budget?', want: ['deputy'] },
    { name: 'people is only the kind of answer', q: 'How many people were killed?', want: [] },
    { name: 'head of "how much is the ..."', q: 'How much is the course record bonus?', want: ['bonus'] },
    { name: 'subject of cost', q: 'How much does the automation project cost?', want: ['project'] },
    { name: 'an agent is not required', q: 'How much did the hackers demand?', want: [] },
    { name: 'what was spent on', q: 'How much did Lindqvist spend on her campaign?', want: ['campaign'] },
    { name: 'measured noun and its possessor', q: "What is the teacher's salary?", want: ['teacher', 'salary'] },
    { name: 'measured noun before "of"', q: 'What was the budget of The Well Keepers?', want: ['budget'] },
    { name: 'role after a possessive', q: "Who is Daniel Kiptoo's coach?", want: ['coach'] },
    { name: 'role with modifiers', q: 'Who is the interior ministry spokesperson?', want: ['spokesperson'] },
    { name: 'meta nouns are skipped', q: 'What is the title of her third novel?', want: [] },
    { name: 'no focus for open questions', q: 'Why did government forces arrive?', want: [] },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(focusTerms(c.q), c.want));
});

const focusRead = readArticle({
  title: 'Island school keeps its bell',
  published: '2025-05-02',
  text: [
    'The island school has five pupils and one teacher, Máire Ní Fhlatharta.',
    'The school costs the State about €160,000 a year.',
    'The ministry spokesperson said the school would stay open.',
    'Patrick Walsh, the harbour master, said the ferry runs twice a week.',
    'About 48,000 runners took part in the Berlin Marathon, the organisers said.',
    'The quake struck at a depth of 38 km.',
  ].join('\n'),
});
const focusCases: { name: string; q: string; want: string | null }[] = [
  { name: 'the counted noun is there', q: 'How many pupils does the school have?', want: 'five pupils' },
  { name: 'the measured noun is missing', q: "What is the ferry's price?", want: null },
  { name: 'the role has no name beside it', q: 'Who is the ministry spokesperson?', want: null },
  { name: 'the asked money is not a money figure', q: 'How much prize money does the school get?', want: null },
  { name: 'take part = participate', q: 'How many runners took part?', want: 'About 48,000' },
  { name: 'deep = depth', q: 'How deep was the quake?', want: '38 km' },
];
for (const c of focusCases) {
  test(`askArticle focus: ${c.name}`, () => {
    const got = askArticle(focusRead, c.q);
    if (c.want === null) assert.deepEqual(got, { answer: NO_ANSWER, citations: [] });
    else assert.equal(got.answer, c.want);
  });
}

test('measureUnit: how deep / long / fast / hot want a unit of that kind', async (t) => {
  const cases: { q: string; yes: string[]; no: string[] }[] = [
    { q: 'How deep was the earthquake?', yes: ['at a depth of 38 km', '120 metres'], no: ['magnitude 6.8', '1.2-tonne'] },
    { q: 'How far from the pole did the lander settle?', yes: ['about 180 km', '60 miles'], no: ['1.2 tonnes'] },
    { q: 'How long did the raid last?', yes: ['two minutes', '90 seconds', '3 km'], no: ['four men'] },
    { q: 'How fast were the winds?', yes: ['up to 70 km/h', '90 mph'], no: ['70 km'] },
    { q: 'How hot did it get in the Peloponnese?', yes: ['41C', '41 degrees'], no: ['41 people'] },
  ];
  for (const c of cases) {
    await t.test(c.q, () => {
      const re = measureUnit(c.q);
      assert.ok(re, 'a unit is wanted');
      for (const y of c.yes) assert.ok(re.test(y.replace(/^\D+/, '')) || re.test(y), `should accept "${y}"`);
      for (const n of c.no) assert.ok(!re.test(n), `should reject "${n}"`);
    });
  }
  assert.equal(measureUnit('How many people were killed?'), null);
});

test('askArticle: a list of places starts at its own run, not at an earlier place', () => {
  const r = readArticle({
    title: 'Taliban rule',
    text: "During the Taliban's first rule in Kabul from 1996 to 2001, its government was recognized only by Pakistan, Saudi Arabia and the United Arab Emirates.\nRussia became the first country to recognize the current government.",
  });
  assert.equal(askArticle(r, 'Which countries recognized the Taliban government during its first rule?').answer, 'Pakistan, Saudi Arabia and the United Arab Emirates');
});

const culture = readArticle({
  title: 'Debut film wins in Trieste',
  text: [
    '"The Well Keepers", a debut feature by the Iranian director Shirin Tabrizi, won the Golden Lighthouse for best film on Saturday.',
    "Nadia Haddad's third novel, The Salt Orchard, follows three generations of a family in Tripoli.",
    'Tabrizi, 34, was unable to travel to Italy to collect the prize; her passport was confiscated by the authorities in Tehran.',
  ].join('\n'),
});
const cultureCases: { name: string; q: string; want: string }[] = [
  { name: 'title in quotes', q: 'Which film won the Golden Lighthouse?', want: 'The Well Keepers' },
  { name: 'title set off after its noun', q: "What is the title of Nadia Haddad's third novel?", want: 'The Salt Orchard' },
  { name: 'why: the clause after a semicolon', q: 'Why could Shirin Tabrizi not collect the prize?', want: 'her passport was confiscated by the authorities in Tehran' },
];
for (const c of cultureCases) test(`askArticle: ${c.name}`, () => assert.equal(askArticle(culture, c.q).answer, c.want));

const change = readArticle({
  title: 'Budget passes',
  text: [
    'Corporation tax will fall to 20% from 21% next year, rather than to 19% as the government had proposed.',
    'Cocoa cost the company an average of $8,900 a tonne in the quarter, up from $3,700 a year earlier.',
  ].join('\n'),
});
const changeCases: { name: string; q: string; want: string }[] = [
  { name: 'the new value of "to X from Y"', q: 'What will the corporation tax rate be next year?', want: '20%' },
  { name: 'the old value when the question asks for it', q: 'How much did cocoa cost the company per tonne a year earlier?', want: '$3,700' },
  { name: 'the current value otherwise', q: 'How much did cocoa cost the company per tonne in the quarter?', want: '$8,900' },
];
for (const c of changeCases) test(`askArticle: ${c.name}`, () => assert.equal(askArticle(change, c.q).answer, c.want));

test('askArticle: where a statement was posted is a platform, not a place', () => {
  const r = readArticle({
    title: 'Trump offers help to Afghans held abroad',
    text: "US President Donald Trump said on Sunday he would help Afghans detained in the United Arab Emirates.\n'I will try to save them, starting right now,' Trump said in a post on Truth Social that linked to an article on the Afghans held in the UAE.\nThe UAE agreed in 2021 to house Afghans evacuated from Kabul.",
  });
  assert.equal(askArticle(r, 'Where did Trump post his pledge?').answer, 'Truth Social');
  assert.equal(askArticle(r, 'Where were the Afghans evacuated from?').answer, 'Kabul');
});
