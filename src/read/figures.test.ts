import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFigures, type FigureEntry } from './figures.ts';
import type { Sentence } from './facts-common.ts';

const sentence = (text: string, index = 0): Sentence => ({ index, text, start: 0, end: text.length, paragraph: 0 });
type Want = Pick<FigureEntry, 'value' | 'unit' | 'what' | 'qualifier'>;
const count = (value: number, what: string, qualifier: string | null = null): Want => ({ value, unit: null, what, qualifier });
const measure = (value: number, unit: string, what: string, qualifier: string | null = null): Want => ({ value, unit, what, qualifier });

const cases: { name: string; input: string; want: Want[] }[] = [
  // Seed casualty figures (shared/seed/000_61c282f448b72006.txt).
  { name: 'killed before the count', input: 'The Syrian Observatory for Human Rights said clashes since last week around Sweida had killed at least 940 people.', want: [count(940, 'people killed', 'at least')] },
  { name: 'passive killed after the count, capital qualifier', input: "At least 718 people have been killed in Syria's Sweida province, a war monitor said.", want: [count(718, 'people killed', 'at least')] },
  { name: 'among the dead, coordinated counts, of whom', input: 'The Syrian Observatory for Human Rights counted 146 Druze fighters and 245 civilians among the dead since Sunday, 165 of whom "were summarily executed by personnel of the defence and interior ministries".', want: [count(146, 'druze fighters killed'), count(245, 'civilians killed'), count(165, 'civilians executed')] },
  { name: 'claimed the lives of', input: 'The violence also claimed the lives of 287 government troops and 18 Bedouin fighters, plus three Bedouin "who were summarily executed by Druze fighters", the Britain-based monitor added.', want: [count(287, 'government troops killed'), count(18, 'bedouin fighters killed'), count(3, 'bedouins executed')] },
  { name: 'written number at sentence start, more skipped', input: 'Fifteen more government troops were killed in Israeli air strikes.', want: [count(15, 'government troops killed')] },
  { name: 'wounded is injured', input: 'Mortar shells were still landing near his home, and at least 22 people had been wounded.', want: [count(22, 'people injured', 'at least')] },
  { name: 'a dozen with over', input: 'As of 2025 over a dozen countries had appointed ambassadors to Kabul.', want: [count(12, 'countries', 'over')] },
  { name: 'plain count without event', input: 'The spokesman claimed that the administration was engaging with 40 countries on diplomatic affairs.', want: [count(40, 'countries')] },
  // Events and nouns.
  { name: 'singular head is pluralised', input: 'One soldier was killed and 3 civilians were hurt.', want: [count(1, 'soldiers killed'), count(3, 'civilians injured')] },
  { name: 'death toll without a noun counts people', input: 'The death toll rose to 50 on Tuesday.', want: [count(50, 'people killed')] },
  { name: 'left dead', input: 'The blast left 12 dead and 30 injured.', want: [count(12, 'people killed'), count(30, 'people injured')] },
  { name: 'arrested before the count', input: 'Police arrested 30 protesters outside parliament.', want: [count(30, 'protesters arrested')] },
  { name: 'displaced with more than and thousands separator', input: 'The floods displaced more than 10,000 people in the north.', want: [count(10000, 'people displaced', 'more than')] },
  { name: 'two dozen', input: 'Two dozen protesters were detained overnight.', want: [count(24, 'protesters arrested')] },
  { name: 'up to and nearly', input: 'Up to 500 migrants were rescued while nearly 3,000 soldiers were wounded.', want: [count(500, 'migrants rescued', 'up to'), count(3000, 'soldiers injured', 'nearly')] },
  { name: 'of the', input: 'Twelve of the hostages were released on Monday.', want: [count(12, 'hostages')] },
  // Money, percentages, measures.
  { name: 'dollars with billion and in aid', input: 'The US pledged $1.2 billion in aid to the region.', want: [measure(1.2e9, 'USD', 'aid')] },
  { name: 'euro with short m', input: 'The club paid €50m for the striker.', want: [measure(5e7, 'EUR', '')] },
  { name: 'pounds bn and budget before', input: 'The council approved a budget of £3bn for schools.', want: [measure(3e9, 'GBP', 'budget')] },
  { name: 'rupees crore', input: 'The state will spend Rs 300 crore on roads.', want: [measure(3e9, 'INR', 'roads')] },
  { name: 'odd currency amount that looks like a year', input: 'The 2024 budget was cut by $2025 million.', want: [measure(2025e6, 'USD', '')] },
  { name: 'percent sign and subject before', input: 'Inflation rose to 3.5% in June.', want: [measure(3.5, '%', 'inflation')] },
  { name: 'per cent of', input: 'About 40 per cent of voters backed the plan.', want: [measure(40, '%', 'voters', 'about')] },
  { name: 'tonnes of', input: 'The ship carried 5,000 tonnes of wheat.', want: [measure(5000, 'tonnes', 'wheat')] },
  { name: 'glued km', input: 'The fire spread over a 10km stretch of forest.', want: [measure(10, 'km', 'stretch')] },
  // Not figures.
  { name: 'vague amounts', input: 'Hundreds have been killed and dozens of its citizens crossed, while several thousand Afghans waited.', want: [] },
  { name: 'years and dates', input: 'On December 29, 2023, Kazakhstan acted, and in 2024 the 2024 budget passed.', want: [] },
  { name: 'times', input: 'The attack began at 10:30 and ended at 3 p.m.', want: [] },
  { name: 'ordinals and centuries', input: 'That was the third such meeting of the 21st century and the 1990s.', want: [] },
  { name: 'ages', input: 'A 25-year-old man was arrested; John Smith, 45, said he was 30 years old.', want: [] },
  { name: 'phone number', input: 'Call the hotline on +44 20 7946 0958 for help.', want: [] },
  { name: 'numbers in names', input: 'The G7 discussed COVID-19, Boeing 737 jets, F-16 fighters and Article 5.', want: [] },
  { name: 'durations', input: 'Forces get access for two days after more than two decades and 20 years in prison.', want: [] },
  { name: 'score and slash', input: 'City won 3-1 and kept up 24/7 coverage of 10-15 fans.', want: [] },
  { name: 'referential numbers still count', input: 'Those five post-Soviet countries and the two sides met again.', want: [count(5, 'post-soviet countries'), count(2, 'sides')] },
  { name: 'over after a verb of dispute is not a qualifier', input: 'Police arrest four over €3m Antwerp jewellery heist', want: [measure(3e6, 'EUR', 'antwerp jewellery heist')] },
  { name: 'past is more than', input: 'Power cuts climb past 200,000 homes.', want: [count(200000, 'homes', 'more than')] },
  { name: 'hyphenated measure and count', input: 'The 1.2-tonne lander crossed a 30-kilometre plain near a 4,000-seat stadium.', want: [measure(1.2, 'tonnes', 'lander'), measure(30, 'km', 'plain'), count(4000, 'seats')] },
  { name: 'glued temperatures and minus', input: 'Temperatures reached 41C by day and fall below minus 170C at night.', want: [measure(41, '°C', 'temperatures'), measure(-170, '°C', '', 'below')] },
  { name: 'magnitude before and after', input: 'A magnitude 6.8 earthquake followed a 7.0-magnitude quake and aftershocks of up to magnitude 5.1.', want: [measure(6.8, 'magnitude', 'earthquake'), measure(7, 'magnitude', 'quake'), measure(5.1, 'magnitude', 'aftershocks', 'up to')] },
  { name: 'injuring more than, of the dead', input: 'The quake killed at least 41 people, injuring more than 300, and 27 of the dead were in Maca.', want: [count(41, 'people killed', 'at least'), count(300, 'people injured', 'more than'), count(27, 'people killed')] },
  { name: 'ellipsis takes the noun of the count before', input: 'The budget passed with 88 votes in favour, 56 against and 86 abstentions.', want: [count(88, 'votes'), count(56, 'votes'), count(86, 'abstentions')] },
  { name: 'of its', input: 'About 6,500 of its 8,000 members joined the strike.', want: [count(6500, 'members', 'about'), count(8000, 'members')] },
  { name: 'adjective year is not a count, dollar US prefix', input: 'In a 2009 interview she asked for $US5 million.', want: [measure(5e6, 'USD', '')] },
  { name: 'bare number without a noun', input: 'The index closed at 512.', want: [] },
];

test('extractFigures reads numbers with what they count', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = extractFigures([sentence(c.input)]).map(({ value, unit, what, qualifier }) => ({ value, unit, what, qualifier }));
      assert.deepEqual(got, c.want, `input: ${c.input}`);
    });
  }
});

test('figure text is the figure as written, with sentence index', () => {
  const got = extractFigures([sentence('No casualties were reported.', 0), sentence('At least 718 people have been killed in Sweida.', 7)]);
  assert.deepEqual(got.map((f) => [f.text, f.sentence]), [['At least 718 people', 7]]);
});

test('bad input gives no figures instead of throwing', () => {
  assert.deepEqual(extractFigures([]), []);
  assert.deepEqual(extractFigures(null as unknown as Sentence[]), []);
  assert.deepEqual(extractFigures([sentence(''), { index: 1, text: 42 as unknown as string, start: 0, end: 0, paragraph: 0 }]), []);
  assert.deepEqual(extractFigures([sentence('$ € 1,,, 9999999999999999999999 people .5 %')]).map((f) => f.what), ['people']);
});
