/**
 * People, organizations and places named in an article, each with one canonical name,
 * the other forms the article uses (aliases), a mention count and the sentences.
 *
 * How it decides, in order:
 * 1. Candidates are runs of capitalised words per sentence ("Interim President Ahmed
 *    al-Sharaa", "Syrian Observatory for Human Rights"), joined over "of/for/the" only
 *    after a head word that takes them ("Court of", "Observatory for"), split at "and"
 *    unless the whole is an organization. A sentence-initial word that is a common word
 *    ("Government forces", "Moreover") is dropped. Weekdays and months never count.
 * 2. Each run is classified: known organization or place (gazetteer.ts) -> organization
 *    keyword as head ("... Ministry", "... Council", "Court of ...") -> leading titles and
 *    nationalities stripped ("Israeli Foreign Minister Gideon Saar" -> person "Gideon
 *    Saar") -> demonyms and group names dropped ("Syrian", "Druze") -> first-name lexicon,
 *    Arabic/Dutch particles ("al-", "bin", "van") and context ("said X", "X, a resident",
 *    "spokesman X", "in X", "city of X", "X province") -> unknown.
 * 3. Resolution: acronyms defined in the text join their expansion ("United Arab Emirates
 *    (UAE)"); single names join the one full name they end or start ("Sharaa" -> "Ahmed
 *    al-Sharaa", also with a one-letter spelling difference "al-Shara"); country variants
 *    share the gazetteer's name (US / U.S. / United States / America).
 * 4. Headlines in capitals or Title Case are matched against names already found and
 *    the gazetteer only, since their capitals say nothing.
 * Compromise's lexicon supplies first names, last names, cities, regions, demonyms and
 * which words are ordinary dictionary words. Its tagger (nlp(text).people() ...) is not
 * run: on the reading fixtures it decided no run that these rules left open, and it costs
 * more than the rest of the read (see bench/read.bench.ts for compromise alone).
 */
import nlp from 'compromise';
import { gazetteer, nameKey, ORG_KEYWORDS, OF_HEADS, TITLE_WORDS, ROLE_NOUNS, PLACE_HEADS, PLACE_PREFIXES, POST_NOMINALS, type PlaceInfo } from './gazetteer.ts';
import type { Entities, EntityEntry, Sentence } from './types.ts';

type Kind = 'person' | 'org' | 'place';

interface Token {
  w: string;
  start: number;
  end: number;
}

interface Mention {
  kind: Kind | 'unknown';
  /** The name as written, possessive and titles removed. */
  text: string;
  sentence: number;
  /** Canonical name when a list decided it (country name, known organization). */
  canonical?: string;
  /** How sure the classification is: 2 = list or strong context, 1 = weak context. */
  strength: number;
}

const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*['’]?|\S/gu;
const CONNECTORS = new Set(['of', 'for', 'the', 'and', '&', 'de', 'du', 'da', 'di', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'la', 'le', 'y', 'on']);
const PARTICLE_RE = /^(?:al|el|bin|ibn|abu|abd|van|von|de|da|di|du|le|la|ben|bint|ould|dos|das|del)(?:-|$)/i;
const TIME_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow christmas easter ramadan eid'.split(
    ' ',
  ),
);
const STOP = new Set(
  `a an the this that these those it its he she they we i you his her their our my your there here but and or so yet in on at as after before when while if
although though however meanwhile still also some many most all not what why how who where which earlier later last next then now both each every
one two three four five six seven eight nine ten no none such instead moreover furthermore therefore thus hence indeed besides nevertheless
according despite during since until for from by with without under over among about against between into through above below up down out off
again further once only own same than too very can will just should would could may might must shall do does did has have had is are was were be
been being let see read watch more less few other another any much even well already soon again yes mr mrs ms dr prof sen gov rep gen`.split(/\s+/),
);
/** Acronyms that are words or units, not names. */
const NOT_ACRONYMS = new Set(
  'cpu gpu ram rom usb api url html pdf ssd hdd os vpn led lcd gps sms isp dns http https json xml sql php css ios ui ux faq rss mp3 dvd cd tv hd ai ml vr ar iot saas b2b b2c diy vat gst irs ipo m&a esg ev evs suv suvs atm pin gmt utc bst cet cest est edt pst pdt ist jst aest aedt msk ceo cfo coo cto gdp ai tv pm am ok id dna hiv aids ngo ngos lgbt lgbtq covid sars faq pdf usd eur gbp uk us eu un it is as at in on of or to by be we he me my no so do go if an up ad bc ce km mph kg mw gw kwh ph pc vr ar ip cd dvd atm suv mp mps mep meps vip rip diy tbd asap aka fyi q1 q2 q3 q4 ii iii iv vi vii viii ix xi xii'.split(
    ' ',
  ),
);
const PLACE_NOUNS = new Set(
  'village town city region province district area country state suburb neighbourhood neighborhood port island capital border crossing camp county enclave settlement municipality governorate territory republic kingdom nation peninsula valley river lake mountain desert coast strait sea'.split(
    ' ',
  ),
);
const ORG_NOUNS = new Set(
  'group company monitor organization organisation agency firm party militia movement network outlet newspaper broadcaster channel website publication charity body alliance coalition union bank startup maker manufacturer carrier airline insurer lender retailer watchdog regulator ministry council court institute university school club team supermarket chain operator developer publisher utility supplier broker brand label studio conglomerate subsidiary insurer miner producer exporter importer automaker carmaker airline telecom platform app service provider consultancy campaign'.split(
    ' ',
  ),
);
const PLACE_SUFFIX = new Set(['city', 'province', 'region', 'district', 'governorate', 'county', 'state', 'oblast', 'prefecture', 'municipality']);
const SPEECH_VERBS = new Set(['said', 'says', 'told', 'added', 'wrote', 'posted', 'tweeted', 'asked', 'replied', 'insisted', 'argued', 'warned', 'stressed', 'noted', 'explained', 'recalled', 'claimed', 'urged', 'testified', 'acknowledged', 'admitted', 'conceded', 'confirmed', 'denied']);
const PLACE_PREPS = new Set(['in', 'near', 'outside', 'across', 'into', 'inside', 'around', 'throughout']);

const HYPHEN_MODIFIER = /^[\p{L}.]+-\p{Ll}+$/u;

function isCap(w: string): boolean {
  return /^\p{Lu}/u.test(w) || (PARTICLE_RE.test(w) && /-\p{Lu}/u.test(w));
}
function isWord(w: string): boolean {
  return /^[\p{L}\p{N}]/u.test(w);
}
function stripPossessive(w: string): string {
  return w.replace(/['’]s?$/u, '');
}
function isAcronym(w: string): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(w) || /^\p{Lu}[\p{Lu}&]{1,6}s?$/u.test(w);
}
/** Lowercase, accent-free form of one name token without Arabic "al-" and the like. */
function coreToken(w: string): string {
  return stripPossessive(w)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^(?:al|el|ad|as|ash|at|az|an|ar)-/, '');
}
function levenshteinAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A sentence whose capitals carry no signal: ALL CAPS or Title Case Headline. */
function isShouty(tokens: Token[]): boolean {
  const words = tokens.filter((t) => /^\p{L}/u.test(t.w));
  if (words.length < 3) return false;
  const caps = words.filter((t) => /^\p{Lu}/u.test(t.w));
  const allCaps = words.filter((t) => t.w.length > 1 && t.w === t.w.toUpperCase());
  if (allCaps.length / words.length >= 0.7) return true;
  const content = words.filter((t) => !STOP.has(t.w.toLowerCase()));
  const capContent = content.filter((t) => /^\p{Lu}/u.test(t.w));
  return words.length >= 4 && content.length >= 3 && capContent.length / content.length >= 0.85 && caps.length / words.length >= 0.6;
}

interface Context {
  lowerVocab: Set<string>;
  /** acronym -> long form as written */
  acronyms: Map<string, string>;
  /** acronyms defined by a lowercase expansion ("chargés d'affaires (CDAs)"): not names. */
  commonAcronyms: Set<string>;
}

function lookupPlace(name: string): PlaceInfo | undefined {
  return gazetteer().places.get(nameKey(name));
}
function lookupOrg(name: string): string | undefined {
  const k = nameKey(name.replace(/^the\s+/i, ''));
  return gazetteer().orgs.get(k);
}
function isDemonym(w: string): boolean {
  const k = nameKey(stripPossessive(w));
  const g = gazetteer();
  return g.demonyms.has(k) || (k.endsWith('s') && g.demonyms.has(k.slice(0, -1)));
}
const NAME_TAGS = /^(?:Country|City|Region|Place|Organization|MaleName|FemaleName|FirstName|LastName|Person|ProperNoun|Demonym|SportsTeam)$/;
let lexicon: Record<string, string | string[]> | null = null;
/** True when compromise knows the word only as an ordinary word (verb, adjective, gerund ...). */
function isDictionaryWord(k: string): boolean {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const tags = lexicon[k];
  if (!tags) return false;
  return !(Array.isArray(tags) ? tags : [tags]).some((t) => NAME_TAGS.test(t));
}
function isCommonWord(w: string, ctx: Context, initial = false): boolean {
  const k = stripPossessive(w).toLowerCase();
  if (STOP.has(k) || TIME_WORDS.has(k)) return true;
  // Sentence-initial "Reading the tea leaves": a dictionary word, even if also a town.
  if (initial && isDictionaryWord(k) && !gazetteer().places.get(k)?.kind.startsWith('country')) return true;
  // "Prosecutors said", "Organisers added": plural agent nouns open many sentences.
  if (initial && /^\p{Ll}+(?:ers|ors|ists|ants|ents|ians|ives|ees)$/u.test(k) && !gazetteer().places.has(k) && !gazetteer().orgs.has(k)) return true;
  if (initial && k.endsWith('s') && (isDictionaryWord(k.slice(0, -1)) || ctx.lowerVocab.has(k.slice(0, -1)))) return true;
  const g = gazetteer();
  if (g.places.has(k) || g.orgs.has(k) || g.firstNames.has(k) || g.lastNames.has(k)) return false;
  return ctx.lowerVocab.has(k);
}

/** Splits a sentence's tokens into capitalised runs (before classification). */
function capitalRuns(tokens: Token[], ctx: Context): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let i = 0;
  // Index of the first word of the sentence or of a quote/clause opener.
  const isInitial = (k: number) => {
    for (let j = k - 1; j >= 0; j--) {
      const w = tokens[j]!.w;
      if (isWord(w)) return false;
      if (/[.:;!?"“‘'(\[—–-]/.test(w)) return true;
    }
    return true;
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isWord(t.w) || !isCap(t.w) || TIME_WORDS.has(stripPossessive(t.w).toLowerCase())) {
      i++;
      continue;
    }
    if (isInitial(i) && isCommonWord(t.w, ctx, true) && !isAcronym(t.w)) {
      i++;
      continue;
    }
    // Single letters ("X", "A") are not names on their own; hyphenated modifiers
    // ("US-backed", "Israeli-occupied") are runs of their own.
    if (t.w.length === 1) {
      i++;
      continue;
    }
    if (HYPHEN_MODIFIER.test(t.w)) {
      runs.push({ from: i, to: i + 1 });
      i++;
      continue;
    }
    let j = i;
    // Extend over capitalised words and connectors followed by a capitalised word; no
    // name is longer than a dozen words (Title Case lines are handled as headlines).
    while (j + 1 < tokens.length && j - i < 12) {
      if (/['’]s?$/u.test(tokens[j]!.w)) break; // a possessive ends a name
      const n = tokens[j + 1]!.w;
      if (isWord(n) && isCap(n) && !HYPHEN_MODIFIER.test(n) && !TIME_WORDS.has(stripPossessive(n).toLowerCase())) {
        j++;
        continue;
      }
      if (CONNECTORS.has(n.toLowerCase()) && n === n.toLowerCase()) {
        let k = j + 1;
        while (k < tokens.length && CONNECTORS.has(tokens[k]!.w.toLowerCase()) && tokens[k]!.w === tokens[k]!.w.toLowerCase() && k - j <= 2) k++;
        if (k < tokens.length && isWord(tokens[k]!.w) && isCap(tokens[k]!.w) && !TIME_WORDS.has(stripPossessive(tokens[k]!.w).toLowerCase())) {
          j = k;
          continue;
        }
      }
      break;
    }
    runs.push({ from: i, to: j + 1 });
    i = j + 1;
  }
  return runs;
}

/** Splits a run at "and"/"&" and at "of/for/the" that do not follow a head word. */
function splitRun(words: string[]): string[][] {
  const joined = words.join(' ');
  if (lookupOrg(joined) || lookupPlace(joined)) return [words];
  const out: string[][] = [];
  let cur: string[] = [];
  const flush = () => {
    while (cur.length && CONNECTORS.has(cur[cur.length - 1]!) ) cur.pop();
    if (cur.length) out.push(cur);
    cur = [];
  };
  const last = stripPossessive(words[words.length - 1]!).toLowerCase();
  const endsAsOrg = ORG_KEYWORDS.has(last);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lw = w.toLowerCase();
    if ((lw === 'and' || lw === '&') && w === lw) {
      // "Ministry of Infrastructure and Transport", "School of Hygiene and Tropical Medicine".
      const insideOf = cur.some((c, k) => /^(?:of|for)$/.test(c) && k > 0 && (OF_HEADS.has(stripPossessive(cur[k - 1]!).toLowerCase()) || ORG_KEYWORDS.has(stripPossessive(cur[k - 1]!).toLowerCase())));
      if ((endsAsOrg || insideOf) && cur.length) {
        cur.push(w);
        continue;
      }
      flush();
      continue;
    }
    if ((lw === 'of' || lw === 'for' || lw === 'on') && w === lw) {
      const head = cur.some((c) => OF_HEADS.has(stripPossessive(c).toLowerCase()) || ORG_KEYWORDS.has(stripPossessive(c).toLowerCase()));
      if (head) {
        cur.push(w);
        continue;
      }
      flush();
      continue;
    }
    if (lw === 'the' && w === lw) {
      if (cur.length && /^(?:of|for|on)$/.test(cur[cur.length - 1]!)) cur.push(w);
      else flush();
      continue;
    }
    cur.push(w);
  }
  flush();
  return out;
}

interface Classified {
  kind: Kind | 'unknown' | 'skip';
  text: string;
  canonical?: string;
  strength: number;
  /** A country or place said before a title ("US" in "US President Donald Trump"). */
  extra?: Mention[];
}

function wordsText(words: string[]): string {
  const t = words.join(' ');
  return stripPossessive(t).replace(/^the\s+/i, '');
}

/** Classifies one run of words using lists and the words around it. */
function classify(words: string[], before: Token[], after: Token[], sentence: number, ctx: Context): Classified {
  const g = gazetteer();
  let text = wordsText(words);
  const key = nameKey(text);
  const single = words.length === 1;
  const prev = before.length ? before[before.length - 1]!.w.toLowerCase() : '';
  const prev2 = before.length > 1 ? before[before.length - 2]!.w.toLowerCase() : '';
  const next = after[0]?.w.toLowerCase() ?? '';
  const lowerText = text.toLowerCase();

  if (TIME_WORDS.has(lowerText)) return { kind: 'skip', text, strength: 0 };
  // "published in The Lancet": a capitalised "The" inside a sentence opens a title or name.
  if (words[0] === 'The' && words.length > 1 && before.some((b) => isWord(b.w)) && !lookupPlace(text) && !lookupOrg(text)) {
    return { kind: 'org', text: words.join(' '), strength: 1 };
  }
  if (single && isAcronym(text)) {
    const bare = text.replace(/\./g, '');
    if (ctx.commonAcronyms.has(bare)) return { kind: 'skip', text, strength: 0 };
    const long = ctx.acronyms.get(bare);
    if (long) return { kind: 'unknown', text, canonical: long, strength: 2 };
  }
  const org = lookupOrg(text);
  const place = lookupPlace(text);
  if (place && (place.kind === 'country' || !org)) return { kind: 'place', text, canonical: place.name, strength: 2 };
  if (org) return { kind: 'org', text, canonical: org, strength: 2 };
  if (g.people.has(key) && !single) return { kind: 'person', text, strength: 2 };

  // "US Federal Reserve", "Syrian Observatory ...": a country or nationality before a known organization.
  if (words.length > 1 && (lookupPlace(words[0]!)?.kind === 'country' || isDemonym(words[0]!))) {
    const restOrg = lookupOrg(wordsText(words.slice(1)));
    if (restOrg) {
      const p = lookupPlace(words[0]!);
      return { kind: 'org', text: wordsText(words.slice(1)), canonical: restOrg, strength: 2, extra: p ? [{ kind: 'place', text: words[0]!, canonical: p.name, sentence, strength: 2 }] : [] };
    }
  }

  // Organization by its head word: "... Ministry", "Court of ...", "Observatory for ...".
  const lws = words.map((w) => stripPossessive(w).toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
  const headAt = lws.findIndex((w, i) => ORG_KEYWORDS.has(w) && (i === lws.length - 1 || /^(?:of|for|on|de|du|des|del|della|di|da|do|dos|das|van|von|voor)$/.test(lws[i + 1]!) || (i === 0 && lws.length > 1 && /^(?:autoridade|autoridad|ministerio|ministère|ministero|banco|banca|banque|compagnie|companhia|société|sociedade|sociedad|grupo|universidad|universidade|università|université|instituto|institut|partido|parti)$/.test(w))));
  if (headAt > 0 || (headAt === 0 && lws.length > 1)) return { kind: 'org', text, strength: 2 };

  // Leading nationality/country and titles: "Israeli Foreign Minister Gideon Saar".
  let k = 0;
  const extra: Mention[] = [];
  while (k < words.length - 1 && (isDemonym(words[k]!) || lookupPlace(words[k]!)?.kind === 'country') && TITLE_WORDS.has(lws[k + 1]!)) {
    const p = lookupPlace(words[k]!);
    if (p) extra.push({ kind: 'place', text: words[k]!, canonical: p.name, sentence, strength: 2 });
    k++;
  }
  let t = k;
  while (t < words.length && (TITLE_WORDS.has(lws[t]!) || (t > k && /^(?:of|the|for)$/.test(lws[t]!)))) t++;
  if (t > k || k > 0) {
    const rest = words.slice(t);
    while (rest.length && /^(?:of|the|for)$/.test(rest[0]!)) rest.shift();
    if (!rest.length) return { kind: 'skip', text, strength: 0, extra };
    const restText = wordsText(rest);
    const restPlace = lookupPlace(restText);
    if (restPlace) return { kind: 'place', text: restText, canonical: restPlace.name, strength: 2, extra };
    const restOrg = lookupOrg(restText);
    if (restOrg) return { kind: 'org', text: restText, canonical: restOrg, strength: 2, extra };
    if (rest.every((w) => isDemonym(w))) return { kind: 'skip', text, strength: 0, extra };
    // "Premier Division", "Special Envoy": a title word before an ordinary word is no name.
    if (rest.length === 1 && (isDictionaryWord(rest[0]!.toLowerCase()) || ORG_KEYWORDS.has(rest[0]!.toLowerCase()))) return { kind: 'skip', text, strength: 0, extra };
    if (t > k) return { kind: 'person', text: restText, strength: 2, extra };
    words = rest;
    text = restText;
  }

  if (words.every((w) => isDemonym(w) || /^(?:and|of|the)$/.test(w))) return { kind: 'skip', text, strength: 0 };
  // "Swiss Alps", "Syrian Golan": a nationality before a place names a place.
  if (words.length > 1 && isDemonym(words[0]!) && lookupPlace(wordsText(words.slice(1)))) return { kind: 'place', text, strength: 2 };

  // Post-nominal letters: "Alison Kerr KC".
  if (words.length > 2 && POST_NOMINALS.has(lws[lws.length - 1]!)) {
    words = words.slice(0, -1);
    text = wordsText(words);
    return { kind: 'person', text, strength: 2 };
  }

  // Place by its head word: "Shannon Airport", "River Wye", "Mount Etna".
  if (words.length > 1 && !PLACE_SUFFIX.has(lws[lws.length - 1]!) && (PLACE_HEADS.has(lws[lws.length - 1]!) || PLACE_PREFIXES.has(lws[0]!))) {
    return { kind: 'place', text, strength: 2 };
  }

  // Place by pattern: "city of X", "X province", "in X".
  const lastLw = stripPossessive(words[words.length - 1]!).toLowerCase();
  if (words.length > 1 && PLACE_SUFFIX.has(lastLw)) {
    const base = wordsText(words.slice(0, -1));
    const p = lookupPlace(base);
    return { kind: 'place', text: base, canonical: p?.name, strength: 2 };
  }
  const nextLower = after.find((x) => isWord(x.w))?.w ?? '';
  if (PLACE_SUFFIX.has(nextLower) && nextLower === nextLower.toLowerCase() && nextLower !== 'state') {
    return { kind: 'place', text, canonical: place?.name, strength: 2 };
  }
  if ((prev === 'of' && /^(?:city|town|village|province|region|district|governorate|capital|suburb|port|island)$/.test(prev2))) {
    return { kind: 'place', text, strength: 2 };
  }

  // Context: appositive ", a resident", ", a Druze village", ", a monitoring group".
  let appositive: Kind | null = null;
  if (after[0]?.w === ',' && (/^(?:a|an|the)$/i.test(after[1]?.w ?? '') || /^\p{Lu}[\p{L}-]*['’]s$/u.test(after[1]?.w ?? ''))) {
    for (let j = 2; j < Math.min(after.length, 8); j++) {
      const w = after[j]!.w.toLowerCase();
      if (!isWord(w)) break;
      if (ROLE_NOUNS.has(w)) {
        appositive = 'person';
        break;
      }
      if (PLACE_NOUNS.has(w)) {
        appositive = 'place';
        break;
      }
      if (ORG_NOUNS.has(w)) {
        appositive = 'org';
        break;
      }
    }
  }
  if (after[0]?.w === ',' && after[1]?.w === 'who') appositive = 'person';
  // "Alemu, 24, ran ..." : an age.
  if (after[0]?.w === ',' && /^\d{1,2}$/.test(after[1]?.w ?? '') && after[2]?.w === ',') appositive = 'person';
  if ((next === 'is' || next === 'was') && /^(?:a|an)$/.test(after[1]?.w ?? '')) {
    for (let j = 2; j < Math.min(after.length, 6); j++) {
      const w = after[j]!.w.toLowerCase();
      if (!/^\p{Ll}/u.test(after[j]!.w)) break;
      if (ROLE_NOUNS.has(w)) {
        appositive = 'person';
        break;
      }
    }
  }
  const speech = SPEECH_VERBS.has(next) || SPEECH_VERBS.has(prev);
  // "spokesman Zabihullah Mujahid", "a junior analyst, Priya Natarajan,".
  const roleBefore = (ROLE_NOUNS.has(prev) && before[before.length - 1]!.w === prev) || (prev === ',' && ROLE_NOUNS.has(prev2) && after[0]?.w === ',');
  const first = coreToken(words[0]!);
  const hasFirstName = g.firstNames.has(first) && !single;
  const hasParticle = words.some((w) => PARTICLE_RE.test(w)) && !single;
  const hasLastName = words.length >= 2 && g.lastNames.has(coreToken(words[words.length - 1]!));
  const allNameLike = words.every((w) => /^\p{Lu}[\p{Ll}'’-]/u.test(w) || PARTICLE_RE.test(w));

  if (appositive === 'place' && words.length <= 3) return { kind: 'place', text, strength: 2 };
  if (appositive === 'org') return { kind: 'org', text, strength: 1 };
  const countryBefore = before.length > 0 && /['’]s$/u.test(before[before.length - 1]!.w) && lookupPlace(stripPossessive(before[before.length - 1]!.w))?.kind === 'country';
  if (!single && words.length <= 4 && allNameLike) {
    if (appositive === 'person' || roleBefore || hasFirstName || hasParticle) return { kind: 'person', text, strength: 2 };
    if (countryBefore && words.length <= 3 && !isDictionaryWord(words[words.length - 1]!.toLowerCase())) return { kind: 'person', text, strength: 1 };
    if (speech || hasLastName) return { kind: 'person', text, strength: 1 };
  }
  if (single && isAcronym(text) && !NOT_ACRONYMS.has(text.replace(/\./g, '').toLowerCase())) return { kind: 'org', text, strength: 1 };
  if (single && (roleBefore || appositive === 'person' || /^(?:mr|mrs|ms|dr|prof)\.?$/.test(prev))) return { kind: 'person', text, strength: 2 };
  // "the Trump administration": a leader's name before the government it leads.
  if (single && /^(?:administration|presidency|government|cabinet|campaign|era)$/.test(nextLower) && !/['’]s$/u.test(words[0]!) && !isDictionaryWord(key))
    return { kind: 'unknown', text, strength: 0, extra: [{ kind: 'person', text, sentence, strength: 1 }] };
  // A lone unknown name that speaks, trades or has staff is a company or body: people are
  // introduced with their full name, which the resolver tries first.
  if (single && !g.firstNames.has(key) && !isDictionaryWord(key)) {
    const ownWord = /['’]s$/u.test(words[0]!) ? next : nextLower.toLowerCase();
    const orgContext =
      /^(?:shares|stock|chief|executive|ceo|spokesperson|spokesman|spokeswoman|board|profit|profits|revenue|sales|customers|stores|staff|employees|workers|website|app|systems|network|statement|subsidiary|brand|share)$/.test(ownWord) ||
      (/^(?:shares|stake|customers|investors|staff|employees)$/.test(prev2) && /^(?:in|of|at)$/.test(prev));
    if (orgContext || (speech && SPEECH_VERBS.has(next))) return { kind: 'unknown', text, strength: 1, canonical: undefined, extra: [{ kind: 'org', text, sentence, strength: 1 }] };
  }
  if (PLACE_PREPS.has(prev) && words.length <= 3 && !isDemonym(words[0]!) && !/['’]s?$/.test(words[words.length - 1]!) && !hasFirstName) {
    return { kind: 'unknown', text, strength: 0, canonical: undefined, extra: [{ kind: 'place', text, sentence, strength: 1 }] };
  }
  return { kind: 'unknown', text, strength: speech ? 1 : 0 };
}

/** Finds "Long Name (ACR)" definitions; lowercase expansions mark the acronym as a common noun. */
function findAcronyms(sentences: Sentence[], ctx: Context) {
  const re = /\(\s*(\p{Lu}[\p{Lu}&.]{1,8}s?)\s*\)/gu;
  for (const s of sentences) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s.text))) {
      const acr = m[1]!.replace(/\./g, '');
      const letters = acr.replace(/s$/, '').replace(/&/g, '').toLowerCase();
      const words = s.text
        .slice(Math.max(0, m.index - 160), m.index)
        .split(/[\s]+/)
        .filter(Boolean)
        .slice(-9);
      while (words.length && !/^[\p{L}'’.-]+$/u.test(words[0]!)) words.shift();
      for (let w = words.length - 1; w >= 0; w--) if (!/^[\p{L}'’.-]+$/u.test(words[w]!)) { words.splice(0, w + 1); break; }
      // Take the shortest tail of words whose initials spell the acronym.
      for (let n = 1; n <= words.length; n++) {
        const tail = words.slice(words.length - n);
        const initials = tail
          .filter((w) => !/^(?:of|for|the|and|on|in|de|d')$/i.test(w))
          .map((w) => w.replace(/^d['’]/i, '')[0]!.toLowerCase())
          .join('');
        const initialsAll = tail
          .flatMap((w) => w.split(/['’-]/))
          .filter(Boolean)
          .map((w) => w[0]!.toLowerCase())
          .join('');
        if (initials === letters || initialsAll === letters || (initials.length >= 2 && letters.startsWith(initials) && n === words.length)) {
          const long = tail.join(' ').replace(/[,;:]$/, '');
          if (/^\p{Lu}/u.test(tail[0]!)) ctx.acronyms.set(acr, stripPossessive(long).replace(/^the\s+/i, ''));
          else if (tail.every((w) => w === w.toLowerCase())) ctx.commonAcronyms.add(acr);
          break;
        }
      }
    }
  }
}

/** Lowercase government bodies: "the interior ministry", "the defence and interior ministries". */
const LOWER_BODY_RE =
  /\b((?:interior|defen[cs]e|foreign|finance|health|justice|education|economy|trade|energy|information|agriculture|transport|culture|labou?r|environment|home|treasury|war|commerce|state|foreign affairs)(?:\s+and\s+(?:interior|defen[cs]e|foreign|finance|health|justice|education|economy|trade|energy|information|agriculture|transport|culture|labou?r|environment|home|war|commerce))?)\s+(ministry|ministries|department)\b/gi;

function lowerBodies(s: Sentence): Mention[] {
  const out: Mention[] = [];
  LOWER_BODY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOWER_BODY_RE.exec(s.text))) {
    if (/^\p{Lu}/u.test(m[1]!) && /^\p{Lu}/u.test(m[2]!)) continue; // capitalised: the run finder has it
    const head = /^department/i.test(m[2]!) ? 'Department' : 'Ministry';
    for (const part of m[1]!.split(/\s+and\s+/i)) {
      const name = `${part.replace(/\b\p{L}/gu, (c) => c.toUpperCase())} ${head}`;
      out.push({ kind: 'org', text: name, sentence: s.index, strength: 2 });
    }
  }
  return out;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

interface Cluster {
  kind: Kind;
  forms: Map<string, number>;
  canonical?: string;
  mentions: number;
  sentences: Set<number>;
  first: number;
  strength: number;
}

/** Extracts and resolves entities over all sentences (title included). */
export interface EntityOptions {
  /**
   * List lowercase generic bodies ("the interior ministry" -> "Interior Ministry") as
   * organizations. Off by default: without the country they are ambiguous across
   * articles, and the reading fixtures' conventions leave them out.
   */
  genericBodies?: boolean;
}

export function extractEntities(sentences: Sentence[], credits: { text: string; sentence: number }[] = [], opts: EntityOptions = {}): Entities {
  const ctx: Context = { lowerVocab: new Set(), acronyms: new Map(), commonAcronyms: new Set() };
  const tokenized = sentences.map((s) => tokenize(s.text));
  const shouty = tokenized.map((toks) => isShouty(toks));
  tokenized.forEach((toks, i) => {
    if (shouty[i]) return;
    for (const t of toks) if (/^\p{Ll}/u.test(t.w)) ctx.lowerVocab.add(t.w.toLowerCase());
  });
  findAcronyms(sentences, ctx);

  const mentions: Mention[] = [];
  const unknowns: Mention[] = [];
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (shouty[si]) continue;
    const toks = tokenized[si]!;
    if (opts.genericBodies) for (const m of lowerBodies(s)) mentions.push(m);
    for (let i = 0; i < toks.length; i++) {
      // "he posted on X": the platform.
      if (toks[i]!.w === 'X' && toks[i - 1]?.w === 'on' && /^(?:posted|said|wrote|post|statement|account)/.test(toks[i - 2]?.w ?? '')) {
        mentions.push({ kind: 'org', text: 'X', sentence: s.index, strength: 2 });
      }
    }
    for (const run of capitalRuns(toks, ctx)) {
      const words = toks.slice(run.from, run.to).map((t) => t.w);
      // Hyphenated modifiers: "US-backed", "UN-led", "Britain-based".
      if (words.length === 1 && HYPHEN_MODIFIER.test(words[0]!)) {
        const head = words[0]!.split('-')[0]!;
        const p = lookupPlace(head);
        const o = lookupOrg(head);
        // "US-backed", "Britain-based" are adjectives: they count for a name the article also names.
        if (p && !isDemonym(head)) unknowns.push({ kind: 'place', text: head, canonical: p.name, sentence: s.index, strength: 0 });
        else if (o) unknowns.push({ kind: 'org', text: head, canonical: o, sentence: s.index, strength: 0 });
        else if (isCap(head)) unknowns.push({ kind: 'unknown', text: head, sentence: s.index, strength: 0 });
        continue;
      }
      let offset = 0;
      for (const part of splitRun(words)) {
        const from = run.from + words.indexOf(part[0]!, offset);
        offset = from - run.from + part.length;
        const before = toks.slice(Math.max(0, from - 3), from);
        const after = toks.slice(from + part.length, from + part.length + 8);
        const c = classify(part, before, after, s.index, ctx);
        for (const e of c.extra ?? []) (e.strength < 2 ? unknowns : mentions).push(e);
        if (c.kind === 'skip') continue;
        if (c.kind === 'unknown') {
          if (c.extra?.length) continue;
          unknowns.push({ kind: 'unknown', text: c.text, canonical: c.canonical, sentence: s.index, strength: c.strength });
        } else mentions.push({ kind: c.kind, text: c.text, canonical: c.canonical, sentence: s.index, strength: c.strength });
      }
    }
  }

  // Datelines and credits: "BERLIN (Meridian News) -", "(AFP)": a place and an agency.
  for (const c of credits) {
    const agency = /\(([^()]{2,40})\)/.exec(c.text)?.[1]?.trim();
    if (agency && /^\p{Lu}/u.test(agency)) {
      const known = lookupOrg(agency);
      mentions.push({ kind: 'org', text: agency, canonical: known, sentence: c.sentence, strength: 2 });
    }
    const placePart = c.text.replace(/\(.*$/, '').split(',')[0]!.trim();
    if (placePart && placePart.length > 2) {
      const titled = placePart.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
      const p = lookupPlace(titled);
      if (p) mentions.push({ kind: 'place', text: titled, canonical: p.name, sentence: c.sentence, strength: 2 });
    }
  }

  // Cluster the decided mentions.
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const add = (m: Mention & { kind: Kind }, cl?: Cluster) => {
    const key = `${m.kind}:${nameKey(m.canonical ?? m.text)}`;
    let c = cl ?? byKey.get(key);
    if (!c) {
      c = { kind: m.kind, forms: new Map(), canonical: m.canonical, mentions: 0, sentences: new Set(), first: m.sentence, strength: m.strength };
      clusters.push(c);
      byKey.set(key, c);
    }
    c.forms.set(m.text, (c.forms.get(m.text) ?? 0) + 1);
    c.mentions++;
    c.sentences.add(m.sentence);
    c.first = Math.min(c.first, m.sentence);
    c.strength = Math.max(c.strength, m.strength);
    if (!c.canonical && m.canonical) c.canonical = m.canonical;
    byKey.set(key, c);
  };

  // Full person names first so short forms can join them.
  const ordered = [...mentions].sort((a, b) => b.text.split(' ').length - a.text.split(' ').length);
  const persons: Cluster[] = [];
  const personFor = (text: string): Cluster | undefined => {
    const toks = text.split(/\s+/).map(coreToken);
    const matches = persons.filter((p) => {
      for (const form of p.forms.keys()) {
        const ft = form.split(/\s+/).map(coreToken);
        if (ft.length <= toks.length) continue;
        if (toks.every((t) => ft.includes(t))) return true;
        if (toks.length === 1 && toks[0]!.length >= 5 && levenshteinAtMostOne(toks[0]!, ft[ft.length - 1]!)) return true;
      }
      return false;
    });
    if (matches.length === 1) return matches[0];
    // Two people share a surname ("Hori Parata" and his son): a lone surname means the one
    // the article introduced first, as news style has it; an exact lone form stays put.
    if (matches.length > 1 && toks.length === 1) return [...matches].sort((a, b) => a.first - b.first)[0];
    return undefined;
  };
  for (const m of ordered) {
    if (m.kind !== 'person') continue;
    const full = personFor(m.text);
    if (full) add(m as Mention & { kind: Kind }, full);
    else {
      const before = clusters.length;
      add(m as Mention & { kind: Kind });
      if (clusters.length > before) persons.push(clusters[clusters.length - 1]!);
    }
  }
  // Single-word persons that matched nothing need strong evidence (a title or "Mr").
  for (const m of mentions) if (m.kind !== 'person') add(m as Mention & { kind: Kind });

  // Acronyms and other unknown runs: join an entity whose name or alias they are part of.
  const aliasIndex = () => {
    const idx = new Map<string, Cluster[]>();
    for (const c of clusters) {
      const names = new Set([...c.forms.keys(), c.canonical ?? '']);
      for (const n of names) {
        if (!n) continue;
        const k = nameKey(n);
        const arr = idx.get(k) ?? [];
        if (!arr.includes(c)) arr.push(c);
        idx.set(k, arr);
      }
    }
    return idx;
  };
  let idx = aliasIndex();
  for (const u of unknowns) {
    if (u.kind !== 'unknown') continue;
    const exact = idx.get(nameKey(u.canonical ?? u.text));
    if (exact && exact.length === 1) {
      add({ ...u, kind: exact[0]!.kind, text: u.text }, exact[0]);
      continue;
    }
    if (u.canonical) {
      // An acronym whose expansion was not itself classified: classify the expansion.
      const longPlace = lookupPlace(u.canonical);
      const kind: Kind = longPlace ? 'place' : 'org';
      add({ kind, text: u.text, canonical: longPlace?.name ?? u.canonical, sentence: u.sentence, strength: 2 });
      continue;
    }
    const p = personFor(u.text);
    if (p) {
      add({ ...u, kind: 'person' }, p);
      continue;
    }
    // A short form of a multi-word organization ("the Observatory" is too vague; "Syrian Observatory" joins).
    const orgMatch = clusters.filter((c) => c.kind === 'org' && [...c.forms.keys(), c.canonical ?? ''].some((f) => u.text.split(' ').length >= 2 && nameKey(f).startsWith(nameKey(u.text) + ' ')));
    if (orgMatch.length === 1) {
      add({ ...u, kind: 'org' }, orgMatch[0]);
      continue;
    }
    const words = u.text.split(' ');
    // "Tigist Alemu ... Alemu, 24, ran": a full name whose surname is a person elsewhere.
    if (words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) && !isDictionaryWord(w.toLowerCase()) && !isDemonym(w))) {
      const last = coreToken(words[words.length - 1]!);
      const single = clusters.find((c) => c.kind === 'person' && c.mentions > 0 && [...c.forms.keys()].every((f) => !f.includes(' ')) && [...c.forms.keys()].some((f) => coreToken(f) === last));
      if (single) {
        add({ ...u, kind: 'person' }, single);
        persons.push(single);
        continue;
      }
    }
    if (u.kind === 'unknown' && u.strength >= 1 && words.length >= 2 && words.length <= 4) {
      add({ ...u, kind: 'person' });
      continue;
    }
  }
  // Weak places ("in Sweida") and organizations ("Brightmart said") count only for names
  // nothing else claims.
  idx = aliasIndex();
  for (const u of unknowns) {
    if (u.kind !== 'place' && u.kind !== 'org' && u.kind !== 'person') continue;
    const exact = idx.get(nameKey(u.text)) ?? (u.canonical ? idx.get(nameKey(u.canonical)) : undefined);
    if (exact?.length === 1) add({ ...u, kind: exact[0]!.kind }, exact[0]);
    else if (u.strength === 0) continue;
    else if (!exact && personFor(u.text)) add({ ...u, kind: 'person' }, personFor(u.text));
    else if (!exact) {
      add({ ...u, kind: u.kind });
      idx = aliasIndex();
    }
  }

  // Merge organizations that differ by a generic last word ("Taliban" / "Taliban Movement").
  for (const c of clusters) {
    if (c.kind !== 'org' || c.mentions === 0) continue;
    const name = nameKey(c.canonical ?? topForm(c));
    for (const d of clusters) {
      if (d === c || d.kind !== 'org' || d.mentions === 0) continue;
      const dn = nameKey(d.canonical ?? topForm(d));
      const prefix = dn.endsWith(' ' + name) ? dn.slice(0, dn.length - name.length - 1) : '';
      const countryPrefix = prefix !== '' && (lookupPlace(prefix)?.kind === 'country' || isDemonym(prefix));
      if ((dn.startsWith(name + ' ') && dn.split(' ').length === name.split(' ').length + 1 && ORG_KEYWORDS.has(dn.split(' ').pop()!)) || countryPrefix) {
        for (const [f, n] of d.forms) c.forms.set(f, (c.forms.get(f) ?? 0) + n);
        c.mentions += d.mentions;
        for (const s of d.sentences) c.sentences.add(s);
        c.first = Math.min(c.first, d.first);
        d.mentions = 0;
      }
    }
  }

  // Shouty headlines: match known names and gazetteer entries by n-grams.
  const live = clusters.filter((c) => c.mentions > 0);
  const nameToCluster = new Map<string, Cluster>();
  for (const c of live) for (const n of [...c.forms.keys(), c.canonical ?? '']) if (n && n.length > 1) nameToCluster.set(nameKey(n), c);
  for (const c of live) {
    if (c.kind !== 'person') continue;
    const lastTok = topForm(c).split(' ').pop()!;
    const k = nameKey(stripPossessive(lastTok));
    if (k.length > 3 && !nameToCluster.has(k)) nameToCluster.set(k, c);
    const core = coreToken(lastTok);
    if (core.length > 3 && !nameToCluster.has(core)) nameToCluster.set(core, c);
  }
  for (let si = 0; si < sentences.length; si++) {
    if (!shouty[si]) continue;
    const toks = tokenized[si]!.filter((t) => isWord(t.w));
    let i = 0;
    while (i < toks.length) {
      let matched = 0;
      for (let n = Math.min(5, toks.length - i); n >= 1 && !matched; n--) {
        const phrase = toks
          .slice(i, i + n)
          .map((t) => stripPossessive(t.w))
          .join(' ');
        const k = nameKey(phrase);
        if (n === 1 && (STOP.has(k) || k.length < 2)) continue;
        const c = nameToCluster.get(k);
        if (c) {
          add({ kind: c.kind, text: c.canonical ?? topForm(c), sentence: sentences[si]!.index, strength: 2 }, c);
          matched = n;
          continue;
        }
        const p = lookupPlace(phrase);
        if (p && (p.kind !== 'city' || p.weight >= 1e6) && k.length > 2) {
          add({ kind: 'place', text: phrase, canonical: p.name, sentence: sentences[si]!.index, strength: 2 });
          matched = n;
          continue;
        }
        const o = lookupOrg(phrase);
        if (o && k.length > 2) {
          add({ kind: 'org', text: phrase, canonical: o, sentence: sentences[si]!.index, strength: 2 });
          matched = n;
        }
      }
      i += matched || 1;
    }
  }

  const result: Entities = { people: [], organizations: [], places: [] };
  for (const c of clusters) {
    if (c.mentions === 0) continue;
    if (c.kind === 'person' && c.strength < 1) continue;
    const name = canonicalName(c);
    const aliases = [...c.forms.keys()].filter((f) => f !== name).sort((a, b) => (c.forms.get(b) ?? 0) - (c.forms.get(a) ?? 0) || a.localeCompare(b));
    const entry: EntityEntry = { name, aliases, mentions: c.mentions, sentences: [...c.sentences].sort((a, b) => a - b) };
    (c.kind === 'person' ? result.people : c.kind === 'org' ? result.organizations : result.places).push(Object.assign(entry, { first: c.first }));
  }
  // Merge entries that ended up with the same canonical name.
  for (const key of ['people', 'organizations', 'places'] as const) {
    const merged = new Map<string, EntityEntry & { first: number }>();
    for (const e of result[key] as (EntityEntry & { first: number })[]) {
      const prev = merged.get(e.name);
      if (!prev) {
        merged.set(e.name, e);
        continue;
      }
      prev.mentions += e.mentions;
      prev.aliases = [...new Set([...prev.aliases, ...e.aliases])].filter((a) => a !== prev.name);
      prev.sentences = [...new Set([...prev.sentences, ...e.sentences])].sort((a, b) => a - b);
      prev.first = Math.min(prev.first, e.first);
    }
    result[key] = [...merged.values()]
      .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
      .map(({ name, aliases, mentions, sentences }) => ({ name, aliases, mentions, sentences }));
  }
  return result;
}

function topForm(c: Cluster): string {
  return [...c.forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? '';
}

/** Canonical name: the list's name, else (people) the fullest form, else the commonest. */
function canonicalName(c: Cluster): string {
  if (c.canonical) return c.canonical;
  const forms = [...c.forms.entries()];
  if (c.kind === 'person') {
    return forms.sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || b[1] - a[1] || b[0].length - a[0].length)[0]![0];
  }
  return forms.sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length)[0]![0];
}
