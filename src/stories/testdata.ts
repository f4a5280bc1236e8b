/**
 * Articles for the stories tests. The wire report and the earthquake reports were written
 * for these tests (invented events); the Sweida, Taliban and Trump/UAE articles are read
 * from the shared seed page (../shared/seed, beside the repository).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from './cluster.ts';

const H = 3_600_000;
export const T0 = Date.parse('2025-03-03T06:00:00Z');

export const WIRE_PARAGRAPHS = [
  'LISBON, March 3 (Reuters) - Portugal\'s parliament voted on Monday to bring down the minority government of Prime Minister Luis Montenegro after he lost a confidence vote, pushing the country towards its third general election in three years.',
  'Lawmakers rejected the motion by 142 votes to 88, with the Socialist Party and the far-right Chega party voting together against the centre-right government, which had called the vote itself to end weeks of questions about a consultancy firm owned by the prime minister\'s family.',
  'Montenegro has denied any wrongdoing and said he had done nothing illegal, but opposition leaders said the firm\'s contracts with private companies created a conflict of interest that the government never properly explained.',
  'President Marcelo Rebelo de Sousa is expected to meet party leaders later this week before deciding whether to dissolve parliament and call a snap election, which analysts said could take place in May.',
  'The political turmoil comes as Portugal is enjoying one of the fastest rates of economic growth in the euro zone and is preparing to spend billions of euros of European Union recovery funds before a 2026 deadline.',
  'Bond markets reacted calmly, with the yield on Portugal\'s 10-year debt rising only slightly, as investors bet that any new government would keep the fiscal discipline that has cut public debt below 100% of output.',
];

/** The agency's own report. */
export const wireOriginal: ArticleInput = {
  id: 'reuters-portugal-vote',
  title: "Portugal's government falls after losing confidence vote",
  text: WIRE_PARAGRAPHS.join('\n\n'),
  publishedMs: T0 + 10 * H,
  source: 'Reuters',
};

/** A republished copy: new headline, a paragraph cut, subscription and copyright boilerplate added; published earlier than the wire's own copy reached us. */
export const wireCopy: ArticleInput = {
  id: 'dailyherald-portugal-vote',
  title: 'Portugal heads for snap election as Montenegro government collapses',
  text: [
    ...WIRE_PARAGRAPHS.slice(0, 4),
    WIRE_PARAGRAPHS[5],
    'Sign up here for our daily politics newsletter and get the top stories delivered to your inbox every morning.',
    'Copyright 2025 Thomson Reuters. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  ].join('\n\n'),
  publishedMs: T0 + 9 * H,
  source: 'Daily Herald',
};

/** A shortened copy: the first three paragraphs only. */
export const wireShort: ArticleInput = {
  id: 'metro-portugal-vote',
  title: 'Portuguese PM ousted in confidence vote',
  text: WIRE_PARAGRAPHS.slice(0, 3).join('\n\n'),
  publishedMs: T0 + 12 * H,
  source: 'Metro Times',
};

/** Another outlet's own report of the same event: same story, not a copy. */
export const ownReport: ArticleInput = {
  id: 'lisbonpost-portugal-vote',
  title: 'Montenegro loses confidence vote; Portugal faces third election in three years',
  text: [
    'The centre-right government of Luis Montenegro fell on Monday night when parliament rejected the confidence motion it had tabled itself, after the opposition Socialists and Chega joined forces against it.',
    'The prime minister, who denies any conflict of interest over the consultancy firm his family owns, told reporters he would stand again if President Marcelo Rebelo de Sousa calls an early election.',
    'Party leaders are due at the Belem palace this week. Most expect the president to dissolve parliament and set a vote for May, the third national election since 2022.',
    'Business groups urged a quick resolution so that projects financed by European Union recovery money are not delayed.',
  ].join('\n\n'),
  publishedMs: T0 + 14 * H,
  source: 'Lisbon Post',
};

/** Two different earthquakes in one week: the same topic, different stories. */
export const quakeA: ArticleInput[] = [
  {
    id: 'quake-a-1',
    title: 'Magnitude 6.4 earthquake strikes southern Peru, killing at least nine',
    text:
      'A magnitude 6.4 earthquake struck the Arequipa region of southern Peru early on Monday, killing at least nine people and destroying dozens of adobe homes in mountain villages, Peru\'s civil defence institute said.\n\n' +
      'The quake was centred 40 km north of the town of Chivay at a depth of 12 km, according to the Geophysical Institute of Peru. Residents of Arequipa city ran into the streets as buildings shook for nearly a minute.\n\n' +
      'Rescue teams were sent to the Colca valley, where landslides blocked the main road and cut power to several districts. Regional governor Rohel Sanchez said the toll could rise.',
    publishedMs: T0 + 2 * H,
    source: 'Andes Wire',
  },
  {
    id: 'quake-a-2',
    title: 'Peru quake: Colca valley villages cut off as death toll rises to 14',
    text:
      'The death toll from Monday\'s earthquake in southern Peru rose to 14 on Tuesday as rescuers reached villages in the Colca valley that had been cut off by landslides.\n\n' +
      'Peru\'s civil defence institute said more than 300 adobe homes collapsed in the Arequipa region. Families in Chivay and Yanque spent the night outside in freezing temperatures.\n\n' +
      'Regional governor Rohel Sanchez asked the government in Lima to declare a state of emergency and send tents and blankets to the highlands.',
    publishedMs: T0 + 26 * H,
    source: 'Lima Daily',
  },
  {
    id: 'quake-a-3',
    title: 'Aid reaches quake-hit Arequipa highlands',
    text:
      'Army helicopters carried tents, food and medicine to the Colca valley on Wednesday, two days after the earthquake that killed 14 people in Peru\'s Arequipa region.\n\n' +
      'In Chivay, residents cleared rubble from collapsed adobe houses while engineers inspected the damaged road to Arequipa. President Dina Boluarte visited Yanque and promised funds to rebuild homes.',
    publishedMs: T0 + 50 * H,
    source: 'Andes Wire',
  },
];

export const quakeB: ArticleInput[] = [
  {
    id: 'quake-b-1',
    title: 'Strong earthquake hits western Turkey, two dead and dozens injured',
    text:
      'A magnitude 6.1 earthquake struck Balikesir province in western Turkey on Thursday evening, killing two people and injuring at least 37, Turkey\'s disaster agency AFAD said.\n\n' +
      'The quake was centred in the town of Sindirgi at a depth of 10 km and was felt in Istanbul and Izmir. Several old buildings collapsed in Sindirgi, and rescuers pulled a woman alive from the rubble.\n\n' +
      'Interior Minister Ali Yerlikaya said search and rescue teams had been sent to the area and that aftershocks were continuing.',
    publishedMs: T0 + 3 * 24 * H + 14 * H,
    source: 'Bosphorus Wire',
  },
  {
    id: 'quake-b-2',
    title: 'Turkey quake: Sindirgi residents spend night outdoors after aftershocks',
    text:
      'Hundreds of families in Sindirgi slept in tents and cars on Thursday night after the magnitude 6.1 earthquake in Balikesir province, as more than 200 aftershocks rattled western Turkey.\n\n' +
      'AFAD said two people were killed and 37 injured. Interior Minister Ali Yerlikaya said 16 buildings had collapsed, most of them already empty, and that schools in Sindirgi would stay closed on Friday.',
    publishedMs: T0 + 4 * 24 * H + 1 * H,
    source: 'Istanbul Times',
  },
  {
    id: 'quake-b-3',
    title: 'Experts urge calm as Balikesir aftershocks continue',
    text:
      'Seismologists urged residents of Balikesir not to panic as aftershocks continued a day after Thursday\'s magnitude 6.1 earthquake in Sindirgi, which killed two people.\n\n' +
      'Turkey\'s disaster agency AFAD said teams had inspected more than 1,000 buildings in the province. Interior Minister Ali Yerlikaya said damaged homes would be rebuilt within a year.',
    publishedMs: T0 + 4 * 24 * H + 15 * H,
    source: 'Bosphorus Wire',
  },
];

export interface SeedArticle {
  title: string;
  text: string;
  source: string;
}

/** The four articles of the shared seed page: the Taliban column and the three related items below it. */
export function readSeed(): { taliban: SeedArticle; trump: SeedArticle; sweidaClashes: SeedArticle; sweidaDeploy: SeedArticle } {
  const path = fileURLToPath(new URL('../../../shared/seed/000_61c282f448b72006.txt', import.meta.url));
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim());
  const end = lines.findIndex((l) => l.trim() === 'Hashtags');
  const taliban = { title: lines[start]!.trim(), text: lines.slice(start + 1, end).join('\n').trim(), source: 'Daily8' };
  const related = (marker: string, nth = 0): SeedArticle => {
    const idxs = lines.map((l, i) => (l.trim() === `- ${marker}` ? i : -1)).filter((i) => i >= 0);
    const i = idxs[nth];
    if (i === undefined) throw new Error(`seed: no related item from ${marker} (#${nth})`);
    const title = lines[i + 1]!.trim();
    // The body line repeats the title as its first words.
    const body = lines[i + 2]!.trim();
    return { title, text: body.startsWith(title) ? body.slice(title.length).trim() : body, source: marker };
  };
  return { taliban, trump: related('South China Morning Post'), sweidaClashes: related('RTHK', 0), sweidaDeploy: related('RTHK', 1) };
}
