/**
 * Text helpers shared by near-duplicate detection and story clustering: one
 * normalisation, one tokeniser, a stop list, a light suffix stemmer, a cheap
 * capitalised-name extractor and a fast 32-bit string hash. All pure.
 */

/** Lower-cases, folds accents and typographic quotes/dashes, so that copies that differ only in typography compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase();
}

const WORD_RE = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** Words of the normalised text (letters and digits, inner apostrophes and hyphens kept). */
export function words(text: string): string[] {
  return normalizeText(text).match(WORD_RE) ?? [];
}

// English function words plus the reporting verbs and time words that every news
// article uses: they say nothing about which event an article reports.
const STOP = new Set(
  (
    "a about above after again against ago all almost also although always am among an and another any are aren't around as at " +
    'be because been before being below between both but by can cannot could did do does doing done down during each either ' +
    'else even ever every few for from further had has have having he her here hers herself him himself his how however i if in ' +
    'into is it its itself just least less like made make many may me might more most much must my myself near nearly neither ' +
    'no nor not now of off often on once one only or other others our ours ourselves out over own per quite rather really same ' +
    'say says said saying see seen she should since so some still such than that the their theirs them themselves then there these ' +
    'they this those though through thus to too toward towards under until up upon us very via was we were what when where ' +
    'whether which while who whom whose why will with within without would yet you your yours yourself told tell tells added ' +
    'according reported reports report reporting news new also week weeks day days year years month months today yesterday tomorrow ' +
    'monday tuesday wednesday thursday friday saturday sunday time times last next first second third two three four five six seven eight nine ten ' +
    "s t don't didn't doesn't isn't wasn't won't can't it's he's she's that's there's they're we're i'm mr mrs ms dr people get got go going including"
  ).split(/\s+/),
);

export function isStopword(word: string): boolean {
  return STOP.has(word);
}

/**
 * A light stemmer: folds the regular English plural and possessive so that
 * "earthquakes"/"earthquake" and "Syria's"/"Syria" meet. Deliberately not Porter:
 * over-stemming makes different stories look alike.
 */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('sses') || w.endsWith('xes'))) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** Content terms: words minus stop words and bare numbers, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

const NAME_STOP = new Set(
  (
    'The A An In On At For From By With To Of And But Or If As It Its He She They We I You This That These Those There Here ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December Mr Mrs Ms Dr Photo Read More Copyright Reporting Editing Writing After Before When While ' +
    'Late Early Earlier Meanwhile However Also Still Last Next According Some Many Most All Both Each Other Another ' +
    'One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Fifteen Twenty Dozens Hundreds Thousands Millions Just'
  ).split(/\s+/),
);

// Titles before a name ("US President Donald Trump"): the name is the entity.
const TITLES = /^(?:[a-z]+(?:an|i|ese|ish|ch)\s+(?=(?:\S+\s+)?(?:minister|president|secretary|envoy|ambassador|foreign|defen[cs]e|interior|prime)\b))?(?:(?:us|u\.s\.|uk|eu|un|former|acting|interim|deputy|vice)\s+)*(?:(?:foreign|defen[cs]e|interior|finance|health|prime|home|justice|economy|trade)\s+(?:minister|secretary)|president|minister|secretary|chancellor|governor|mayor|senator|judge|envoy|ambassador|spokes(?:man|woman|person)|king|queen|prince|pope|sheikh|lieutenant|colonel|captain|commander|professor|dr|mr|mrs|ms)\s+(?=\S)/;

const CAP_WORD = /^(?:\p{Lu}[\p{L}\p{N}'-]*|al-\p{Lu}[\p{L}'-]*|[\p{Lu}]{2,}s?)$/u;
const CONNECTORS = new Set(['of', 'de', 'al', 'bin', 'van', 'von', 'la', 'del', 'da', 'du', 'el']);

/**
 * Cheap named-entity candidates: runs of capitalised words, joined across short
 * connectors ("Bank of England", "Bashar al-Assad"), skipping function words,
 * weekdays and months. Returned lower-cased and
 * accent-folded, so "Sweida" and "SWEIDA" meet. Used when the reading engine's entities
 * are not passed in.
 */
export function capitalisedNames(text: string): string[] {
  const out: string[] = [];
  const tokens = text.split(/[\s\u00a0]+/);
  let run: string[] = [];
  let sentenceStart = true;
  const flush = () => {
    while (run.length && CONNECTORS.has(run[run.length - 1]!)) run.pop();
    if (run.length) {
      const name = normalizeText(run.join(' ')).replace(/'s$/, '').replace(TITLES, '');
      if (name.length > 1) out.push(name);
    }
    run = [];
  };
  for (const raw of tokens) {
    const endsSentence = /[.!?:;"\u201d)]$/.test(raw) && !/^(?:\p{Lu}\.)+$/u.test(raw);
    const endsClause = /[,]$/.test(raw) || endsSentence;
    const trimmed = raw.replace(/^[("'\u201c\u2018\[]+/, '').replace(/[)"'\u201d\u2019\].,!?:;]+$/, '');
    // A possessive or a hyphenated modifier ends a name: "Syria's Sweida", "Islamist-led", "Israeli-occupied".
    const isPossessive = /['\u2019]s$/.test(trimmed);
    const modifier = trimmed.match(/^(\p{Lu}[\p{L}]*)-\p{Ll}+$/u);
    const tok = modifier ? modifier[1]! : trimmed.replace(/['\u2019]s$/, '');
    if (!tok) {
      flush();
      continue;
    }
    const isCap = CAP_WORD.test(tok) && !NAME_STOP.has(tok);
    if (isCap && !(sentenceStart && run.length === 0 && tokens.length > 1 && isLikelyCommonAtStart(tok))) {
      run.push(tok);
    } else if (run.length && CONNECTORS.has(tok.toLowerCase()) && tok === tok.toLowerCase()) {
      run.push(tok.toLowerCase());
    } else {
      flush();
    }
    if (endsClause || isPossessive || modifier) flush();
    sentenceStart = endsSentence;
  }
  flush();
  return out;
}

// A capitalised word at a sentence start is a name only if it does not look like an
// ordinary word; without a lexicon we accept it unless it is in the name stop list
// (checked by the caller) or a common sentence opener.
function isLikelyCommonAtStart(tok: string): boolean {
  return /^(?:Officials?|Police|Authorities|Residents?|Witnesses|Government|Sources?|Protesters|Troops|Forces|Rescuers|Scientists|Experts|Analysts|Lawmakers|Investors|Shares|Prices|Markets?|Students|Doctors|Critics|Supporters|Voters|Fans|Players)$/.test(tok);
}

/** FNV-1a over UTF-16 code units, finished with a murmur3 avalanche: fast, 32-bit, well mixed. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The murmur3 finaliser: spreads every input bit over the output. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
