import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes, type QuoteEntry } from './quotes.ts';
import type { Sentence } from './facts-common.ts';

/** Sentences from texts; a string starting with "¶" opens a new paragraph. */
function sentences(texts: string[]): Sentence[] {
  let paragraph = 0;
  let at = 0;
  return texts.map((raw, index) => {
    if (raw.startsWith('¶')) paragraph++;
    const text = raw.replace(/^¶\s*/, '');
    const s = { index, text, start: at, end: at + text.length, paragraph };
    at += text.length + 1;
    return s;
  });
}

const PEOPLE = [
  { name: 'Donald Trump', aliases: ['Trump', 'President Trump'] },
  { name: 'Ahmed al-Sharaa', aliases: ['al-Sharaa'] },
  { name: 'Gideon Saar', aliases: [] },
  { name: 'Tom Barrack', aliases: ['Barrack'] },
  { name: 'Omar Obeid', aliases: [] },
  { name: 'Volodymyr Zelensky', aliases: ['Zelenskiy'] },
  { name: 'Declan Moran', aliases: [] },
  { name: 'Siobhán Daly', aliases: [] },
  { name: 'Daniel Kiptoo', aliases: ['Kiptoo'] },
  { name: 'Tigist Alemu', aliases: ['Alemu'] },
  { name: 'Daniel Osei', aliases: [] },
  { name: 'Helen Marwood', aliases: [] },
];
const ORGS = [
  { name: 'Syrian Observatory for Human Rights', aliases: ['SOHR'] },
  { name: 'Syrian Interior Ministry', aliases: ['interior ministry'] },
  { name: 'UNHCR', aliases: ['UN refugee agency'] },
  { name: 'Reuters', aliases: [] },
];

type Case = { name: string; input: string[]; want: Pick<QuoteEntry, 'speaker' | 'text' | 'sentence'>[] };

const cases: Case[] = [
  // Seed page forms (shared/seed/000_61c282f448b72006.txt).
  { name: 'single quotes, speaker after, surname to canonical', input: ["'I will try to save them, starting right now,' Trump said in a post on Truth Social that linked to an article."], want: [{ speaker: 'Donald Trump', text: 'I will try to save them, starting right now', sentence: 0 }] },
  { name: 'he said resolves to the speaker of the sentence before', input: ['Sharaa said Syria would not be a "testing ground for partition, secession, or sectarian incitement".', '"The Israeli intervention pushed the country into a dangerous phase that threatened its stability," he said in a televised speech.'], want: [{ speaker: 'Ahmed al-Sharaa', text: 'testing ground for partition, secession, or sectarian incitement', sentence: 0 }, { speaker: 'Ahmed al-Sharaa', text: 'The Israeli intervention pushed the country into a dangerous phase that threatened its stability', sentence: 1 }] },
  { name: 'he posted on X: the one who spoke, not the last one named', input: ['Israeli Foreign Minister Gideon Saar said Sharaa was siding with the perpetrators.', '"In al-Shara\'s Syria, it is very dangerous to be a member of a minority," he posted on X.'], want: [{ speaker: 'Gideon Saar', text: "In al-Shara's Syria, it is very dangerous to be a member of a minority", sentence: 1 }] },
  { name: 'said X after the quote, over two sentences', input: ['"All the injuries are from bombs, some people with their chests wounded.', 'There are also injuries to limbs from shrapnel," said Omar Obeid, director of the hospital.'], want: [{ speaker: 'Omar Obeid', text: 'All the injuries are from bombs, some people with their chests wounded. There are also injuries to limbs from shrapnel', sentence: 0 }] },
  { name: 'partial quote after an appositive subject', input: ["Barrack, who is both US ambassador to Turkey and Washington's Syria envoy, urged Druze and Bedouins to \"build a new and united Syrian identity\"."], want: [{ speaker: 'Tom Barrack', text: 'build a new and united Syrian identity', sentence: 0 }] },
  { name: 'descriptor speaker resolves to the organisation named before', input: ['The Syrian Observatory for Human Rights counted 146 Druze fighters among the dead.', 'The violence also claimed the lives of three Bedouin "who were summarily executed by Druze fighters", the Britain-based monitor added.'], want: [{ speaker: 'Syrian Observatory for Human Rights', text: 'who were summarily executed by Druze fighters', sentence: 1 }] },
  { name: 'unattributed partial quote takes the organisation that opens the sentence', input: ['The Syrian Observatory for Human Rights counted 245 civilians among the dead, 165 of whom "were summarily executed by personnel of the defence and interior ministries".'], want: [{ speaker: 'Syrian Observatory for Human Rights', text: 'were summarily executed by personnel of the defence and interior ministries', sentence: 0 }] },
  // Not quotes.
  { name: 'scare quotes inside a noun phrase', input: ['Interim President Ahmed al-Sharaa said "Arab and American" mediation had helped restore calm.'], want: [] },
  { name: 'title-case names in single quotes', input: ["Kyrgyzstan followed suit by lifting the designation of the 'Taliban Movement' as a banned entity.", "During its first rule, its self-declared 'Islamic Emirate' was recognized only by Pakistan."], want: [] },
  { name: 'dubbed name', input: ['The operation, dubbed "Iron Wall", began on Tuesday.'], want: [] },
  { name: 'apostrophes and plural possessives', input: ["The Taliban's envoys visited the fighters' homes and didn't stay long."], want: [] },
  // Attribution forms.
  { name: 'X said colon', input: ['The mayor, John Smith, said: "We will rebuild every house on this street."'], want: [{ speaker: 'John Smith', text: 'We will rebuild every house on this street.', sentence: 0 }] },
  { name: 'name said colon with titles stripped', input: ['Prime Minister Keir Starmer said: "This is a day of national mourning."'], want: [{ speaker: 'Keir Starmer', text: 'This is a day of national mourning.', sentence: 0 }] },
  { name: 'told Reuters', input: ['Jane Doe told Reuters: "The factory will not reopen this year."'], want: [{ speaker: 'Jane Doe', text: 'The factory will not reopen this year.', sentence: 0 }] },
  { name: 'X, the ..., said after the quote', input: ['"Nobody expected the dam to fail," Maria Lopez, the regional governor, said on Monday.'], want: [{ speaker: 'Maria Lopez', text: 'Nobody expected the dam to fail', sentence: 0 }] },
  { name: 'according to after the quote', input: ['"The situation in the camps is dire," according to the UN refugee agency.'], want: [{ speaker: 'UNHCR', text: 'The situation in the camps is dire', sentence: 0 }] },
  { name: 'the ministry said resolves to the ministry', input: ['Syrian Interior Ministry forces entered Sweida on Saturday.', '"Clashes in the city have been halted," the ministry said.'], want: [{ speaker: 'Syrian Interior Ministry', text: 'Clashes in the city have been halted', sentence: 1 }] },
  { name: 'it said resolves to the last organisation', input: ['The Syrian Observatory for Human Rights, a Britain-based monitor, reported new clashes near Sweida.', '"The toll is likely to rise further," it said.'], want: [{ speaker: 'Syrian Observatory for Human Rights', text: 'The toll is likely to rise further', sentence: 1 }] },
  { name: 'curly quotes and says in a headline', input: ['‘We will not give up,’ says Zelenskiy'], want: [{ speaker: 'Volodymyr Zelensky', text: 'We will not give up', sentence: 0 }] },
  { name: 'curly double quotes, short but attributed', input: ['“No,” Trump said.'], want: [{ speaker: 'Donald Trump', text: 'No', sentence: 0 }] },
  { name: 'unattributed follow-on quote keeps the speaker', input: ['"We will win," Zelensky said.', '"They cannot stop a whole nation that wants to be free."'], want: [{ speaker: 'Volodymyr Zelensky', text: 'We will win', sentence: 0 }, { speaker: 'Volodymyr Zelensky', text: 'They cannot stop a whole nation that wants to be free.', sentence: 1 }] },
  { name: 'quote over paragraphs reopens with a mark', input: ['The governor spoke after the vote.', '¶"We have waited ten years for this road and the money is finally here.', '¶"Work starts in spring and will take two years," Maria Lopez said.'], want: [{ speaker: 'Maria Lopez', text: 'We have waited ten years for this road and the money is finally here. Work starts in spring and will take two years', sentence: 1 }] },
  { name: 'unclosed quote stops at the paragraph end', input: ['"This is the end of an era, said nobody in particular', '¶Officials declined to comment on the plan on Friday.'], want: [{ speaker: null, text: 'This is the end of an era, said nobody in particular', sentence: 0 }] },
  { name: 'unresolvable pronoun gives null', input: ['"We are ready for whatever comes next," he said.'], want: [{ speaker: null, text: 'We are ready for whatever comes next', sentence: 0 }] },
  { name: 'descriptor kept as written', input: ['"The hospital is full of bodies," a doctor in Sweida said.'], want: [{ speaker: 'a doctor in sweida', text: 'The hospital is full of bodies', sentence: 0 }] },
  // Forms met in hand-annotated news (test/fixtures/read).
  { name: 'short partial quote after reported speech', input: ['The operations manager, Siobhán Daly, told RTÉ that some customers could be without power "for several days".'], want: [{ speaker: 'Siobhán Daly', text: 'for several days', sentence: 0 }] },
  { name: 'partial quote followed by a preposition is not a modifier', input: ['Judge Rhian Powell said the company had shown "a flagrant disregard" for the river.'], want: [{ speaker: 'Rhian Powell', text: 'a flagrant disregard', sentence: 0 }] },
  { name: 'one-word partial quote before a determiner', input: ['In a statement, the ministry said it had "overhauled" its controls.'], want: [{ speaker: 'Syrian Interior Ministry', text: 'overhauled', sentence: 0 }] },
  { name: 'attribution in the next short sentence, follow-on quote after it', input: ['"At 35K I felt the legs were still fresh, so I said, why wait?"', 'Kiptoo said.', '"The record was not the plan."'], want: [{ speaker: 'Daniel Kiptoo', text: 'At 35K I felt the legs were still fresh, so I said, why wait?', sentence: 0 }, { speaker: 'Daniel Kiptoo', text: 'The record was not the plan.', sentence: 2 }] },
  { name: 'appositive name beats a possessive descriptor', input: ["Pryce's barrister, Daniel Osei, said his client was a \"scapegoat\" for the bank's failings."], want: [{ speaker: 'Daniel Osei', text: 'scapegoat', sentence: 0 }] },
  { name: 'coordinated verbs share the subject that opens the clause', input: ['Judge Helen Marwood said he would be sentenced on December 6 and warned him that prison was "inevitable".'], want: [{ speaker: 'Helen Marwood', text: 'inevitable', sentence: 0 }] },
  { name: 'the minister resolves to the minister named nearby', input: ["'Stay indoors,' minister urges", 'Emergency planning minister Declan Moran has urged people to stay indoors.'], want: [{ speaker: 'Declan Moran', text: 'Stay indoors', sentence: 0 }] },
  { name: 'single quotes over two sentences, then a follow-on', input: ["'We left with the clothes we were wearing,' said Eleni Papadaki, 67, who runs a taverna.", "'My husband stayed to water the roof.", "I have not heard from him since this morning.'"], want: [{ speaker: 'Eleni Papadaki', text: 'We left with the clothes we were wearing', sentence: 0 }, { speaker: 'Eleni Papadaki', text: 'My husband stayed to water the roof. I have not heard from him since this morning.', sentence: 1 }] },
  { name: 'he after a paragraph change is the person the paragraph is about', input: ["'I was afraid to look back,' Alemu said through an interpreter.", '¶Kiptoo, who grew up in Iten, only turned to the marathon in 2022.', 'He finished third in London in April.', '"London taught me patience," he said on Sunday evening.'], want: [{ speaker: 'Tigist Alemu', text: 'I was afraid to look back', sentence: 0 }, { speaker: 'Daniel Kiptoo', text: 'London taught me patience', sentence: 3 }] },
  { name: 'a quoted name followed by a verb is not a quote', input: ["A ransomware group calling itself 'NightHarbour' claimed responsibility on a dark-web forum."], want: [] },
  { name: 'so-called scare quotes', input: ["Pryce moved money into a network of so-called 'consultancy' firms, prosecutors said."], want: [] },
  { name: 'unnamed speaker with a role is kept lower-case', input: ["One member of the ECB's Governing Council, speaking on condition of anonymity, said a June cut was 'almost certain'."], want: [{ speaker: "one member of the ecb's governing council", text: 'almost certain', sentence: 0 }] },
];

test('extractQuotes finds direct quotes and their speakers', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = extractQuotes(sentences(c.input), PEOPLE, ORGS).map(({ speaker, text, sentence }) => ({ speaker, text, sentence }));
      assert.deepEqual(got, c.want);
    });
  }
});

test('extractQuotes works without entity lists and on bad input', () => {
  assert.deepEqual(extractQuotes(sentences(['"We will rebuild," Smith said.']), [], []), [{ speaker: 'Smith', text: 'We will rebuild', sentence: 0 }]);
  assert.deepEqual(extractQuotes([], PEOPLE, ORGS), []);
  assert.deepEqual(extractQuotes(sentences(['"', '""', "'", '“”']), PEOPLE, ORGS), []);
  assert.deepEqual(extractQuotes(null as unknown as Sentence[], null as never, undefined as never), []);
});
