import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractTimeline, polishEvent } from './timeline.ts';
import type { Sentence } from './facts-common.ts';

const sentence = (text: string, index = 0, paragraph = 0): Sentence => ({ index, text, start: 0, end: text.length, paragraph });
// A Saturday, like the RTHK pieces of the seed page.
const SAT = new Date('2025-07-19T15:00:00Z');

type Case = { name: string; input: string; published?: Date | null; want: [date: string, text: string][] };

const cases: Case[] = [
  // Seed sentences (shared/seed/000_61c282f448b72006.txt).
  { name: 'weekday resolves to the publication day itself', input: "Sectarian clashes escalated in Syria's predominantly Druze region of Sweida on Saturday, with machinegun fire ringing out.", want: [['2025-07-19', 'Saturday']] },
  { name: 'since Sunday is the Sunday before', input: 'The monitor counted 146 Druze fighters and 245 civilians among the dead since Sunday.', want: [['2025-07-13', 'Sunday']] },
  { name: 'year range with two-digit end is one entry dated by its start', input: 'From having lost the last Cold War era proxy war in Afghanistan, during 1979-89 and then, in the early 21st century, having shown support.', want: [['1979', '1979-89']] },
  { name: 'from ... to ... years is one entry', input: "During the Taliban's first rule in Kabul from 1996 to 2001, its self-declared 'Islamic Emirate' was recognized only by Pakistan.", want: [['1996', 'from 1996 to 2001']] },
  { name: 'between ... and ... years is one entry', input: "Pryce moved money into a network of firms between 2015 and 2021, prosecutors said.", want: [['2015', 'between 2015 and 2021']] },
  { name: 'full date with year', input: 'In a significant development, on December 29, 2023, Kazakhstan formally removed the Taliban from its list.', want: [['2023-12-29', 'December 29, 2023']] },
  { name: 'month and year keep month granularity', input: 'In June 2024, a Taliban delegation participated for the first time.', want: [['2024-06', 'June 2024']] },
  { name: 'bare year after in', input: 'The administration hosted several high-level visits, most notably, in 2024, that of the Uzbek Prime Minister.', want: [['2024', '2024']] },
  { name: 'post-2015 and from 2007', input: 'Russia engaged with the group from 2007 for drug trafficking and especially post-2015 when ISIS-K emerged.', want: [['2007', '2007'], ['2015', 'post-2015']] },
  { name: 'post 1989 with a space', input: 'Russia wants to re-establish its strategic footprint, something it lost post 1989.', want: [['1989', 'post 1989']] },
  { name: 'bare month resolves to the last one', input: 'Rebels toppled autocratic president Bashar al-Assad in December.', want: [['2024-12', 'December']] },
  { name: 'bare month before publication month stays in the year', input: 'In March, Syria\'s military was involved in mass killings.', want: [['2025-03', 'March']] },
  { name: 'as of year', input: 'As of 2025 over a dozen countries had appointed ambassadors to Kabul.', want: [['2025', '2025']] },
  // Tense and modifiers.
  { name: 'future tense sends a weekday forward', input: 'The two leaders will meet on Monday in Geneva.', want: [['2025-07-21', 'Monday']] },
  { name: 'fronted weekday with a future verb after it', input: 'On Wednesday, the parliament will vote on the budget.', want: [['2025-07-23', 'Wednesday']] },
  { name: 'reported speech stays in the past', input: 'US President Donald Trump said on Sunday he would help Afghans detained in the UAE.', want: [['2025-07-13', 'Sunday']] },
  { name: 'future month', input: 'The talks are due to resume in December in Doha.', want: [['2025-12', 'December']] },
  { name: 'next month', input: 'Elections are expected next month.', want: [['2025-08', 'next month']] },
  { name: 'last June in March is the June before', input: 'The group was formed last June.', published: new Date('2025-03-10T09:00:00Z'), want: [['2024-06', 'last June']] },
  { name: 'last Saturday on a Saturday is a week back', input: 'The protest took place last Saturday.', want: [['2025-07-12', 'last Saturday']] },
  { name: 'month and day without a year look back', input: 'Hamas attacked Israel on October 7, triggering the war.', want: [['2024-10-07', 'October 7']] },
  { name: 'month paired with a dated month takes its year', input: 'Prices rose between June and August 2024.', want: [['2024-06', 'June'], ['2024-08', 'August 2024']] },
  { name: 'July last year is one date', input: 'The plant closed in July last year.', want: [['2024-07', 'July last year']] },
  { name: 'time of day is dropped to the day', input: 'The blast happened at 3 p.m. on Friday near the market.', want: [['2025-07-18', '3 p.m. on Friday']] },
  // Relative to publication.
  { name: 'yesterday', input: 'The minister resigned yesterday.', want: [['2025-07-18', 'yesterday']] },
  { name: 'days ago', input: 'The ship sank two days ago.', want: [['2025-07-17', 'two days ago']] },
  { name: 'last year', input: 'Exports fell sharply last year.', want: [['2024', 'last year']] },
  { name: 'earlier this month', input: 'The bank raised rates earlier this month.', want: [['2025-07', 'this month']] },
  { name: 'year as sentence subject', input: '2024 was the hottest year on record.', want: [['2024', '2024']] },
  { name: 'mid-year', input: 'The reactor should be ready by mid-2027.', want: [['2027', 'mid-2027']] },
  { name: 'year list', input: 'Floods hit the region in 2019, 2021 and 2023.', want: [['2019', '2019'], ['2021', '2021'], ['2023', '2023']] },
  // Not dates.
  { name: 'casualty count', input: 'Clashes around Sweida had killed at least 940 people.', want: [] },
  { name: 'adjective year dates its noun, money is not a date', input: 'The 2024 budget was cut by $2025 million.', want: [['2024', '2024']] },
  { name: 'a year in an adjective position', input: 'In a 2009 interview with the BBC she spoke about shade.', want: [['2009', '2009']] },
  { name: 'season of a year', input: 'The novel runs from the summer of 1958 to the port explosion.', want: [['1958', '1958']] },
  { name: 'year in brackets', input: 'Her best-known building, the Tinubu Square Market (1972), housed 3,000 traders.', want: [['1972', '1972']] },
  { name: 'planned for a year', input: 'The company has contracts for its next mission, planned for 2027.', want: [['2027', '2027']] },
  { name: 'the year to a month is that month', input: 'Consumer prices rose 3.5% in the year to March.', want: [['2025-03', 'March']] },
  { name: 'four-digit count after in', input: 'Water reached in 2000 homes along the river.', want: [] },
  { name: 'decade is too vague', input: 'An opposition force confronted the Taliban during its first rule in the 1990s.', want: [] },
  { name: 'durations', input: 'Israel agreed to allow Syrian forces limited access to Sweida for two days.', want: [] },
  { name: 'next two days is a span', input: 'Forces get access to the area for the next two days.', want: [] },
  { name: 'within 24 hours', input: 'The army must withdraw within 24 hours.', want: [] },
  { name: 'last week is its Monday', input: 'It started last week as clashes between the Druze and Bedouin tribes.', want: [['2025-07-07', 'last week']] },
  { name: 'next week is its Monday', input: 'The union said it would meet management next week.', want: [['2025-07-21', 'next week']] },
  { name: 'last weekend is its Saturday', input: 'Gusts reached 120 km/h last weekend in Mayo.', published: new Date('2024-12-04T10:00:00Z'), want: [['2024-11-30', 'last weekend']] },
  { name: 'during the week is not a date', input: 'Israel carried out airstrikes during the week.', want: [] },
  { name: 'participle after will remain is not past', input: 'The department says all schools will remain closed on Monday.', want: [['2025-07-21', 'Monday']] },
  { name: 'would be sentenced', input: 'The judge said he would be sentenced on December 6.', published: new Date('2024-11-15T10:00:00Z'), want: [['2024-12-06', 'December 6']] },
  { name: 'due on a month and day', input: 'An English translation is due from Harbor Lane on September 16.', published: new Date('2025-05-09T10:00:00Z'), want: [['2025-09-16', 'September 16']] },
  { name: 'scheduling present', input: 'The teams meet again in the Charity Shield on August 10.', published: new Date('2024-05-26T10:00:00Z'), want: [['2024-08-10', 'August 10']] },
  { name: 'until a weekday points ahead', input: 'Shannon Airport has cancelled all flights until 10am on Sunday.', want: [['2025-07-20', '10am on Sunday']] },
  { name: 'spans after a number are not dates', input: 'Glaciers have lost 10 per cent of their volume in just two years, a year after the heatwave.', want: [] },
  { name: 'slash fraction and newspaper name', input: 'The Sunday Times ran 24/7 coverage of the siege.', want: [] },
  { name: 'lower-case month word', input: 'Thousands joined a march on the capital and may return.', want: [] },
  { name: 'vague now', input: 'As of now, Russia is the only country to recognise the government.', want: [] },
  { name: 'numbers in names', input: 'The G7 discussed COVID-19 and the Boeing 737 MAX.', want: [] },
  // Without a publication date only written years survive.
  { name: 'no publication date drops relative dates', input: 'Clashes escalated on Saturday, two days after the talks.', published: null, want: [] },
  { name: 'no publication date keeps written years', input: 'On February 5, 2025, the spokesman claimed support from 40 countries.', published: null, want: [['2025-02-05', 'February 5, 2025']] },
];

test('extractTimeline finds and resolves dates', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = extractTimeline([sentence(c.input)], c.published === undefined ? SAT : c.published).map((e) => [e.date, e.text]);
      assert.deepEqual(got, c.want, `input: ${c.input}`);
    });
  }
});

const events: { name: string; input: string; want: string }[] = [
  { name: 'fronted date takes the main clause', input: 'In a significant development, on December 29, 2023, Kazakhstan formally removed the Taliban from its list of proscribed terrorist organizations.', want: 'Kazakhstan formally removed the Taliban from its list of proscribed terrorist organizations' },
  { name: 'date inside the clause is cut out', input: "Sectarian clashes escalated in Syria's predominantly Druze region of Sweida on Saturday, with machinegun fire ringing out.", want: "Sectarian clashes escalated in Syria's predominantly Druze region of Sweida" },
  { name: 'second clause after while', input: "In December 2023, China became the first country to formally accept a Taliban-appointed ambassador, while the Islamic Emirate's first military attaché was received in Moscow in March 2024.", want: "The Islamic Emirate's first military attaché was received in Moscow" },
  { name: 'late on weekday', input: 'Late on Saturday, the interior ministry said clashes in Sweida city had been halted.', want: 'Clashes in Sweida city had been halted' },
  { name: 'during names the period', input: "During the Taliban's first rule in Kabul from 1996 to 2001, its 'Islamic Emirate' was recognized only by Pakistan.", want: "The Taliban's first rule in Kabul" },
  { name: 'possessive date', input: "Saturday's violence once again pitted Druze against Bedouin, witnesses said.", want: 'Violence once again pitted Druze against Bedouin' },
];

test('extractTimeline describes the event of each date', async (t) => {
  for (const c of events) {
    await t.test(c.name, () => {
      const got = extractTimeline([sentence(c.input)], SAT);
      assert.ok(got.length > 0, `no date found in: ${c.input}`);
      assert.equal(got[got.length - 1].event, c.want);
    });
  }
});

test('entries are sorted by date, stable by sentence', () => {
  const got = extractTimeline([
    sentence('The ceasefire began on Saturday.', 0),
    sentence('The war began in 2011.', 1),
    sentence('Talks resumed on Saturday in Amman.', 2),
    sentence('In March 2024 the envoy visited.', 3),
  ], SAT);
  assert.deepEqual(got.map((e) => [e.date, e.sentence]), [['2011', 1], ['2024-03', 3], ['2025-07-19', 0], ['2025-07-19', 2]]);
});

test('bad input gives no entries instead of throwing', () => {
  assert.deepEqual(extractTimeline([], SAT), []);
  assert.deepEqual(extractTimeline([sentence('')], new Date('invalid')), []);
  assert.deepEqual(extractTimeline([{ index: 0, text: undefined as unknown as string, start: 0, end: 0, paragraph: 0 }], SAT), []);
  assert.deepEqual(extractTimeline([sentence('On Saturday, 2020 2021 "2022".')], new Date('invalid')).map((e) => e.date), []);
});

test('polishEvent: a readable clause with its subject', async (t) => {
  const cases: { name: string; event: string; sentence: string; want: string }[] = [
    { name: 'reported clause without its frame', event: 'said clashes around Sweida had killed at least 940 people', sentence: 'The Syrian Observatory for Human Rights, a British-based monitoring group, said clashes since last week around Sweida had killed at least 940 people.', want: 'Clashes around Sweida had killed at least 940 people' },
    { name: 'frame with "that"', event: 'US envoy Tom Barrack announced that Syria and Israel had agreed to a ceasefire', sentence: 'US envoy Tom Barrack announced on Friday that Syria and Israel had agreed to a ceasefire.', want: 'Syria and Israel had agreed to a ceasefire' },
    { name: '"its" becomes the named speaker\'s', event: 'said that its fourth-quarter net profit fell 18%', sentence: 'Nordvik Foods, the Oslo-based maker of chocolate, said on Wednesday that its fourth-quarter net profit fell 18%.', want: "Nordvik Foods' fourth-quarter net profit fell 18%" },
    { name: 'a pronoun clause keeps its speaker', event: 'US President Donald Trump said he would help Afghans', sentence: 'US President Donald Trump said on Sunday he would help Afghans.', want: 'US President Donald Trump said he would help Afghans' },
    { name: '"claimed" without "that" is not speech', event: 'A ransomware group claimed responsibility on a forum', sentence: 'A ransomware group claimed responsibility on a forum on Monday.', want: 'A ransomware group claimed responsibility on a forum' },
    { name: 'subject back over an appositive', event: 'agreed to temporarily house several thousand Afghans', sentence: 'The UAE, a close security partner of the United States, agreed in 2021 to temporarily house several thousand Afghans.', want: 'The UAE agreed to temporarily house several thousand Afghans' },
    { name: 'subject back over an age', event: 'campaigned on a promise to add 150 buses', sentence: 'Lindqvist, 47, campaigned on a promise to add 150 buses by 2027.', want: 'Lindqvist campaigned on a promise to add 150 buses' },
    { name: 'subject back over a relative clause', event: 'only turned to the marathon after a career on the track', sentence: "Kiptoo, who grew up in Iten in Kenya's Rift Valley, only turned to the marathon in 2022 after a career on the track.", want: 'Kiptoo only turned to the marathon after a career on the track' },
    { name: 'subject after a semicolon and a fronted date', event: 'netted thieves €1.2 million in watches', sentence: 'Thefts from shops are rare; the last comparable raid, in February 2019, netted thieves €1.2 million in watches.', want: 'The last comparable raid netted thieves €1.2 million in watches' },
    { name: 'coordinated verb takes the first subject', event: 'joined the federal Ministry of Works', sentence: 'She returned to Nigeria in 1961, a year after independence, and joined the federal Ministry of Works in 1962.', want: 'She joined the federal Ministry of Works' },
    { name: 'participle between commas is passive', event: 'founded in Hamburg', sentence: 'Brandt, founded in Hamburg in 1923, has made 11 acquisitions since 2015.', want: 'Brandt was founded in Hamburg' },
    { name: '"which" takes the name before it', event: 'which blocked a similar merger', sentence: 'The deal needs approval from the European Commission, which blocked a similar merger in 2019.', want: 'The European Commission blocked a similar merger' },
    { name: '"which" with its own subject is left alone', event: 'which it bought', sentence: 'It will move production to a plant in Gdansk, Poland, which it bought in 2019.', want: 'Which it bought' },
    { name: 'a full clause is only capitalised', event: 'the Islamic Emirate received an attaché', sentence: 'In March 2024 the Islamic Emirate received an attaché.', want: 'The Islamic Emirate received an attaché' },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(polishEvent(c.event, c.sentence), c.want));
});
