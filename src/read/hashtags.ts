/**
 * 3 to 8 hashtags per article, in the form readers expect: #Taliban, #Russia, #UAE,
 * #SweidaClashes (CamelCase, letters and digits only, accents folded).
 *
 * Sources, all deterministic so articles of one story get the same tags:
 * - central entities: canonical names scored by mentions, presence in the title and the
 *   lead; a well-known short form is used for long names ("United Arab Emirates" -> #UAE);
 *   news agencies credited for the report and generic lowercase bodies ("interior
 *   ministry") are left out;
 * - the story tag: an event noun the article is about ("clashes", "ceasefire",
 *   "earthquake", "election" ...), found in the title or repeated in the text, joined to
 *   the leading place or actor (#SweidaClashes);
 * - recurring key nouns when there are too few entities.
 */
import nlp from 'compromise';
import { gazetteer, nameKey } from './gazetteer.ts';
import type { Entities, EntityEntry, Sentence } from './types.ts';

/** "Ahmed al-Sharaa" -> "#AhmedAlSharaa"; "Türkiye" -> "#Turkiye". */
export function toHashtag(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return '#' + words.map((w) => (w === w.toUpperCase() && w.length <= 5 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

const AGENCIES = new Set(['Reuters', 'Associated Press', 'Agence France-Presse', 'Bloomberg', 'Xinhua', 'TASS', 'Interfax', 'AP', 'AFP', 'X', 'Twitter', 'Facebook', 'Truth Social']);
const GENERIC_BODY = /^(?:Interior|Defen[cs]e|Foreign|Finance|Health|Justice|Education|Economy|Trade|Energy|Information|Agriculture|Transport|Culture|Labou?r|Environment|Home|Treasury|War|Commerce|State|Foreign Affairs) (?:Ministry|Department)$/;

/** Nouns that name what a news story is about. */
const EVENT_NOUNS = new Map<string, string>(
  `clash:Clashes clashes:Clashes ceasefire:Ceasefire truce:Truce earthquake:Earthquake quake:Earthquake election:Election elections:Election
by-election:ByElection protest:Protests protests:Protests strike:Strike strikes:Strikes airstrikes:Airstrikes attack:Attack attacks:Attacks
war:War flood:Floods floods:Floods flooding:Floods wildfire:Wildfires wildfires:Wildfires fire:Fire trial:Trial verdict:Verdict
merger:Merger acquisition:Acquisition takeover:Takeover earnings:Earnings results:Results summit:Summit talks:Talks sanctions:Sanctions
recognition:Recognition deal:Deal crisis:Crisis outbreak:Outbreak vaccine:Vaccine hurricane:Hurricane storm:Storm typhoon:Typhoon
cyclone:Cyclone shooting:Shooting explosion:Explosion blast:Blast drought:Drought heatwave:Heatwave inflation:Inflation tariffs:Tariffs
tariff:Tariffs referendum:Referendum coup:Coup breach:DataBreach hack:Hack cyberattack:Cyberattack layoffs:Layoffs bankruptcy:Bankruptcy
strike:Strike final:Final cup:Cup championship:Championship transfer:Transfer obituary:Obituary death:Death funeral:Funeral
investigation:Investigation inquiry:Inquiry fraud:Fraud scandal:Scandal lawsuit:Lawsuit ruling:Ruling budget:Budget evacuation:Evacuation
deportation:Deportations deportations:Deportations refugees:Refugees migrants:Migrants landslide:Landslide eruption:Eruption
glacier:Glaciers glaciers:Glaciers climate:Climate pandemic:Pandemic epidemic:Epidemic malaria:Malaria recall:Recall`
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.split(':') as [string, string]),
);

interface Scored {
  tag: string;
  score: number;
  kind: 'place' | 'org' | 'person' | 'topic';
}

function shortForm(e: EntityEntry): string {
  const words = e.name.split(/\s+/);
  const initials = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  const acronym = e.aliases.map((a) => a.replace(/\./g, '')).find((a) => /^[A-Z]{2,5}$/.test(a) && (words.length >= 3 || a === initials));
  if (acronym && words.length >= 2) return acronym;
  return e.name;
}

/** Picks the hashtags; `sentences` (title first when `hasTitle`) give title and lead positions. */
export function makeHashtags(entities: Entities, sentences: Sentence[] = [], hasTitle = false): string[] {
  const titleIdx = hasTitle ? 0 : -1;
  const lead = new Set(sentences.filter((s) => s.index !== titleIdx).slice(0, 3).map((s) => s.index));
  const scored: Scored[] = [];
  const consider = (list: EntityEntry[], kind: Scored['kind'], weight: number) => {
    for (const e of list) {
      if (AGENCIES.has(e.name) || GENERIC_BODY.test(e.name)) continue;
      const inTitle = e.sentences.includes(titleIdx);
      const inLead = e.sentences.some((s) => lead.has(s));
      if (e.mentions < 2 && !inTitle) continue;
      scored.push({ tag: toHashtag(shortForm(e)), score: weight * (Math.log2(1 + e.mentions) + (inTitle ? 2 : 0) + (inLead ? 0.5 : 0)), kind });
    }
  };
  consider(entities.places, 'place', 1);
  consider(entities.organizations, 'org', 1.05);
  consider(entities.people, 'person', 1.1);

  // Story tag: the event noun, tied to the leading place (or the leading actor).
  const counts = new Map<string, { title: number; body: number }>();
  for (const s of sentences) {
    for (const m of s.text.toLowerCase().matchAll(/[a-z]+(?:-[a-z]+)?/g)) {
      const tag = EVENT_NOUNS.get(m[0]);
      if (!tag) continue;
      const c = counts.get(tag) ?? { title: 0, body: 0 };
      if (s.index === titleIdx) c.title++;
      else c.body++;
      counts.set(tag, c);
    }
  }
  // In the title and the text, or repeated through the text.
  const event = [...counts.entries()]
    .filter(([, c]) => (c.title > 0 && c.body > 0) || c.body >= 3)
    .map(([tag, c]) => [tag, c.title * 3 + c.body] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const byScore = (a: Scored, b: Scored) => b.score - a.score || a.tag.localeCompare(b.tag);
  scored.sort(byScore);
  if (event) {
    // Prefer a place named in the title, else the top place, else the top actor.
    // The most specific place of the title: a city or region before a country.
    const inTitle = entities.places.filter((p) => p.sentences.includes(titleIdx));
    const titlePlace = inTitle.find((p) => gazetteer().places.get(nameKey(p.name))?.kind !== 'country') ?? inTitle[0];
    // A person is no anchor for an event ("#SmithGlaciers"); then the event stands alone.
    const top = scored.find((s) => s.kind === 'place') ?? (scored[0]?.kind === 'org' ? scored[0] : undefined);
    const anchor = titlePlace ? toHashtag(shortForm(titlePlace)) : top?.tag;
    const tag = anchor ? `${anchor}${event}` : `#${event}`;
    scored.push({ tag, score: (scored[0]?.score ?? 1) + 0.01, kind: 'topic' });
    scored.sort(byScore);
  }

  const out: string[] = [];
  for (const s of scored) {
    if (s.tag.length < 3 || out.includes(s.tag)) continue;
    out.push(s.tag);
    if (out.length >= 8) break;
  }
  if (out.length < 3) {
    // Too few central names: names mentioned once, in order of appearance.
    const once = [...entities.places, ...entities.organizations, ...entities.people]
      .filter((e) => e.mentions === 1 && !AGENCIES.has(e.name) && !GENERIC_BODY.test(e.name))
      .sort((a, b) => a.sentences[0]! - b.sentences[0]! || a.name.localeCompare(b.name));
    for (const e of once) {
      if (out.length >= 3) break;
      const tag = toHashtag(shortForm(e));
      if (tag.length >= 3 && !out.includes(tag)) out.push(tag);
    }
  }
  if (out.length < 3) {
    // Too few names: the title's words that the text repeats, then any repeated noun.
    const titleWords = new Set(titleIdx === 0 ? (sentences[0]?.text.toLowerCase().match(/\b[a-z]{5,}\b/g) ?? []) : []);
    const freq = new Map<string, number>();
    for (const s of sentences) {
      for (const m of s.text.matchAll(/\b[A-Za-z][a-z]{4,}\b/g)) {
        const w = m[0].toLowerCase();
        if (COMMON.has(w) || /(?:ly|ing|ed)$/.test(w) || isFunctionWord(w)) continue;
        freq.set(w, (freq.get(w) ?? 0) + (s.index === titleIdx ? 0 : 1));
      }
    }
    const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]);
    const all = [...freq.entries()];
    const repeated = all.filter(([, n]) => n >= 2);
    const ranked = [
      ...repeated.filter(([w]) => titleWords.has(w)).sort(byCount),
      ...repeated.filter(([w]) => !titleWords.has(w)).sort(byCount),
      // Last resort, so that every English article gets three: the longest single words.
      ...all.filter(([, n]) => n === 1).sort(byCount),
    ];
    for (const [w] of ranked) {
      const tag = toHashtag(w);
      if (!out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
      if (out.length >= 3) break;
    }
  }
  return out;
}

let lexicon: Record<string, string | string[]> | null = null;
/** Prepositions, adverbs, adjectives and the like make no tag (compromise's lexicon). */
function isFunctionWord(w: string): boolean {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const tags = lexicon[w];
  if (!tags) return false;
  return (Array.isArray(tags) ? tags : [tags]).some((t) => /^(?:Preposition|Adverb|Conjunction|Determiner|Pronoun|Modal|Copula|QuestionWord|Comparative|Superlative|Adjective|PastTense|PresentTense|Infinitive|Gerund|Expression)$/.test(t));
}

const COMMON = new Set(
  `about above after again against would could should their there these those which while where other being under since until still first years today people said says after before during between through because being other every might never often three where which whose within without there their world again also other really think going right thing things while month months weeks today later early later added according including around another however although country government official officials report reported statement company companies school island people percent million billion`.split(
    /\s+/,
  ),
);
