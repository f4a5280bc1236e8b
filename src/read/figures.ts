// Figures: numbers in an article with what they count or measure, made comparable across
// the articles of one story ("at least 940 people killed" vs "At least 718 people have
// been killed" -> both { value, what: 'people killed' }).
//
// Conventions:
// - `value` is the plain number with multipliers applied ("$1.2 billion" -> 1200000000,
//   "Fifteen" -> 15, "two dozen" -> 24).
// - `unit` is a currency code ('USD', 'EUR', 'GBP', 'INR', ...), '%', 'percentage points'
//   or a measure ('km', 'kg', 'tonnes', 'barrels', ...); null for counts of things.
// - `what` for a count is the counted noun phrase, lower case, its head in the plural
//   ("146 Druze fighters" -> 'druze fighters'; "one soldier" -> 'soldiers'), followed by
//   the event when the sentence gives one, normalised: killed (dead, died, deaths, toll,
//   claimed the lives), injured (wounded, hurt), arrested (detained), displaced, missing,
//   evacuated, executed, abducted, rescued. A toll or "12 dead" with no noun counts
//   'people'. "165 of whom" counts the noun of the figure before it. For a measure, `what`
//   is the thing measured ("$2 billion in aid" -> 'aid', "inflation rose to 3.5%" ->
//   'inflation'), or '' when the sentence does not say.
// - `qualifier` is the hedge before the number, lower case as written: 'at least',
//   'nearly', 'more than', 'about', 'up to', 'over', 'almost', 'some', ...; else null.
// - Not figures: years and dates, times, durations ("for two days", "20 years"), ages
//   ("25-year-old", "aged 25"), ordinals, scores and ranges ("3-1", "10-15"), fractions,
//   phone numbers, numbers in names ("G7", "COVID-19", "Boeing 737", "Article 5"),
//   vague amounts ("hundreds", "dozens", "several"), and bare numbers with neither a unit
//   nor a counted noun. A bare number right after another count in its sentence counts
//   the same noun ("88 votes in favour, 56 against"); after "killing"/"injuring" it counts
//   people.
// - Other units: "magnitude 6.8" -> 'magnitude'; temperatures written glued ("41C",
//   "minus 170C") -> '°C'; hyphenated measures ("a 30-kilometre stretch") take the unit,
//   hyphenated counts ("a 4,000-seat stand") count the noun ('seats').

import { type Sentence, VERB_WORDS, isCapitalized } from './facts-common.ts';

export type { Sentence } from './facts-common.ts';

export type FigureEntry = {
  value: number;
  /** Currency code, '%', or measure unit; null for counts. */
  unit: string | null;
  /** What is counted or measured, normalised for comparison ('people killed'). */
  what: string;
  /** Hedge before the number ('at least', 'nearly', ...), or null. */
  qualifier: string | null;
  /** The figure as written, qualifier included. */
  text: string;
  sentence: number;
};

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SHORT_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12, trn: 1e12, crore: 1e7, crores: 1e7, lakh: 1e5, lakhs: 1e5, cr: 1e7 };

const CURRENCY_PREFIX: [RegExp, string][] = [
  [/^US\$/, 'USD'], [/^\$US/, 'USD'], [/^A\$/, 'AUD'], [/^AU\$/, 'AUD'], [/^C\$/, 'CAD'], [/^CA\$/, 'CAD'], [/^HK\$/, 'HKD'], [/^S\$/, 'SGD'],
  [/^NZ\$/, 'NZD'], [/^R\$/, 'BRL'], [/^\$/, 'USD'], [/^€/, 'EUR'], [/^£/, 'GBP'], [/^¥/, 'JPY'], [/^₹/, 'INR'], [/^₩/, 'KRW'],
  [/^₺/, 'TRY'], [/^₽/, 'RUB'], [/^Rs\.?/, 'INR'], [/^(USD|EUR|GBP|INR|JPY|CNY|CHF|AUD|CAD|RUB|TRY|ZAR|NGN|KES|PKR|BRL|MXN|SAR|AED)\b/, ''],
];
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', yen: 'JPY', yuan: 'CNY',
  renminbi: 'CNY', rupee: 'INR', rupees: 'INR', rouble: 'RUB', roubles: 'RUB', ruble: 'RUB', rubles: 'RUB', lira: 'TRY',
  francs: 'CHF', rand: 'ZAR', naira: 'NGN', shillings: 'KES', riyals: 'SAR', dirhams: 'AED', won: 'KRW', pesos: 'MXN',
};
const MEASURES: Record<string, string> = {
  km: 'km', kilometre: 'km', kilometres: 'km', kilometer: 'km', kilometers: 'km', mile: 'miles', miles: 'miles',
  metre: 'm', metres: 'm', meter: 'm', meters: 'm', cm: 'cm', mm: 'mm', kg: 'kg', kilogram: 'kg', kilograms: 'kg', kilos: 'kg',
  tonne: 'tonnes', tonnes: 'tonnes', ton: 'tonnes', tons: 'tonnes', mt: 'tonnes', litre: 'litres', litres: 'litres', liter: 'litres',
  liters: 'litres', gallon: 'gallons', gallons: 'gallons', barrel: 'barrels', barrels: 'barrels', bpd: 'barrels per day',
  hectare: 'hectares', hectares: 'hectares', ha: 'hectares', acre: 'acres', acres: 'acres', feet: 'ft', foot: 'ft', ft: 'ft',
  inch: 'inches', inches: 'inches', mph: 'mph', 'km/h': 'km/h', kph: 'km/h', mw: 'MW', gw: 'GW', kw: 'kW', kwh: 'kWh',
  mwh: 'MWh', gwh: 'GWh', twh: 'TWh', degrees: 'degrees', '°c': '°C', '°f': '°F', sq: 'sq', square: 'sq',
  megawatts: 'MW', gigawatts: 'GW', celsius: '°C', fahrenheit: '°F',
};
/** Nouns after a year that make it a date, not a count ("the 2024 budget", "2022 World Cup"). */
const YEAR_NOUNS = /^(budget|budgets|election|elections|season|census|olympics|world|games|cup|law|act|plan|report|survey|agreement|deal|accord|protests?|war|crisis|uprising|earthquake|floods?|attack|attacks|invasion|revolution|campaign|race|vote|referendum|summit|conference|model|edition|version|fiscal|financial|general|presidential|midterm|midterms|championship|tournament|final|level|levels|figures?|data|rate|target|targets|deadline|goal|goals|peak|high|low|record|film|novel|book|album|study|paper|ceasefire|coup|tsunami|pandemic|outbreak|strategy|review)$/;
/** Units written glued to the number only ("41C", "1.5C"). */
const GLUED_ONLY: Record<string, string> = { c: '°C', f: '°F', '°c': '°C', '°f': '°F' };
const TIME_UNITS = /^(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century|hrs?|mins?|yrs?|weekends?|quarters?)$/i;
const VAGUE_PLURALS = /^(hundreds|thousands|millions|billions|dozens|scores|tens)$/i;
const QUALIFIER_RE = /(?:^|\s)(at least|at most|no fewer than|no less than|not more than|more than|fewer than|less than|just over|just under|well over|well above|over|under|nearly|almost|about|around|roughly|approximately|some|up to|as many as|as few as|close to|an estimated|estimated|upwards of|in excess of|below|above|past|a record|a further|another)\s+$/i;
const NOT_QUALIFIERS = new Set(['a record', 'a further', 'another']);
const MONTHS = /^(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\.?$/i;
const NAME_BEFORE_NUMBER = /^(no|no\.|number|nos|article|section|resolution|chapter|page|pages|room|version|category|level|phase|stage|season|episode|part|vol|volume|channel|route|flight|bus|platform|gate|terminal|line|ward|district|zone|sector|grade|class|rule|clause|paragraph|item|model|series|type|mark|code|figure|table|row|unit|block|apartment|highway|interstate|road|street|lot|pier|dock|berth|track|lane|exit|station|camp|tower|building|plot|case|file|bill|act|law|order|decree|verse|game|round|match|week|day|year|period|term|session|summit|stage|hole|lap|seed|ranked|rank|No)$/i;
const DETERMINERS = /^(the|these|those|its|their|his|her|our|my|your|both|all|each|every|first|last|next|other|which|whose)$/i;
const NP_STOP = new Set([
  'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'from', 'by', 'with', 'for', 'as', 'who', 'whom', 'which', 'that',
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'be', 'being', 'will', 'would', 'could', 'can', 'may', 'might',
  'must', 'should', 'shall', 'did', 'do', 'does', 'said', 'says', 'say', 'told', 'the', 'a', 'an', 'their', 'its', 'his',
  'her', 'this', 'these', 'those', 'than', 'among', 'including', 'since', 'after', 'before', 'during', 'while', 'when',
  'where', 'per', 'each', 'plus', 'into', 'onto', 'across', 'over', 'under', 'about', 'around', 'against', 'between',
  'through', 'within', 'without', 'towards', 'toward', 'until', 'via', 'despite', 'amid', 'also', 'still', 'now', 'then',
  'there', 'here', 'so', 'not', 'if', 'because', 'whose', 'what', 'how', 'why', 'it', 'they', 'he', 'she', 'we', 'you',
  'i', 'them', 'him', 'us', 'me', 'all', 'both', 'either', 'neither', 'such', 'only', 'just', 'even', 'more', 'most',
  'less', 'least', 'last', 'next', 'ago', 'earlier', 'later', 'yesterday', 'today', 'tomorrow', 'tonight', 'overnight',
  'up', 'down', 'out', 'off', 'away', 'back', 'again', 'too', 'very', 'while', 'whilst', 'though', 'although', 'unless',
  'remain', 'remained', 'remains', 'got', 'get', 'gets', 'went', 'came', 'left', 'made', 'took', 'fled', 'died', 'dead',
  'say', 'according', 'reported', 'lost', 'killed', 'injured', 'wounded', 'missing', 'held', 'set', 'put', 'each', 'apiece',
  'outside', 'inside', 'near', 'beside', 'behind', 'beyond', 'along', 'upon', 'like', 'following', 'ahead', 'aboard',
  'alongside', 'below', 'above', 'throughout', 'underneath', 'nearby', 'worth', 'respectively', 'instead', 'apart',
  'kills', 'kill', 'injures', 'hits', 'strikes', 'leaves', 'sees', 'gets', 'takes', 'makes', 'wins', 'loses',
  'together', 'alone', 'combined', 'altogether', 'overall', 'apiece', 'annually', 'daily', 'nationwide', 'worldwide',
]);
const SKIP_AFTER_NUMBER = new Set(['more', 'other', 'additional', 'further', 'new', 'extra', 'fresh', 'further']);

type EventRule = { re: RegExp; event: string };
/** Event words after a counted noun ("718 people have been killed", "among the dead"). */
const EVENT_AFTER: EventRule[] = [
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|also|later|since|so far|all|now|been confirmed|confirmed)\s+)*(?:killed|dead|died|slain|perished|massacred|shot dead|lost their lives|confirmed dead)\b/i, event: 'killed' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|also|seriously|critically|badly|slightly|all)\s+)*(?:injured|wounded|hurt)\b/i, event: 'injured' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|also|all)\s+)*(?:arrested|detained|jailed|imprisoned|taken into custody)\b/i, event: 'arrested' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|also|all)\s+)*(?:displaced|uprooted|forced from their homes|forced to flee|made homeless|left homeless)\b/i, event: 'displaced' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|still|also|all|remain|remained)\s+)*missing\b/i, event: 'missing' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|also|all)\s+)*evacuated\b/i, event: 'evacuated' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|summarily|also|all)\s+)*executed\b/i, event: 'executed' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|reportedly|also|all)\s+)*(?:abducted|kidnapped|taken hostage|seized)\b/i, event: 'abducted' },
  { re: /^(?:(?:have|has|had|were|was|are|is|being|been|also|all)\s+)*rescued\b/i, event: 'rescued' },
];
/** "among the dead" and friends, anywhere in the few words after a count. */
const EVENT_AMONG: EventRule[] = [
  { re: /\bamong (?:the )?(?:dead|killed|victims|fatalities|those killed)\b/i, event: 'killed' },
  { re: /\bamong (?:the )?(?:injured|wounded)\b/i, event: 'injured' },
];
/** Event verbs before a count ("had killed at least 940 people", "claimed the lives of 287 troops"). */
const EVENT_BEFORE: EventRule[] = [
  { re: /\b(?:killed|killing|kills|kill|claimed the lives of|claiming the lives of|cost the lives of|left|leaving|death toll (?:rose|climbed|reached|stood|jumped|rises|rose to|of|at)|toll (?:rose|climbed|reached|stood|of|at|to)|deaths? of)\b/i, event: 'killed' },
  { re: /\b(?:injured|injuring|injures|wounded|wounding|wounds|hurt|hurting)\b/i, event: 'injured' },
  { re: /\b(?:arrested|arresting|arrests|detained|detaining|detains)\b/i, event: 'arrested' },
  { re: /\b(?:displaced|displacing|displaces|uprooted)\b/i, event: 'displaced' },
  { re: /\b(?:evacuated|evacuating)\b/i, event: 'evacuated' },
  { re: /\b(?:executed|executing)\b/i, event: 'executed' },
  { re: /\b(?:abducted|abducting|kidnapped|kidnapping)\b/i, event: 'abducted' },
  { re: /\b(?:rescued|rescuing)\b/i, event: 'rescued' },
];
/** Words after a bare count that make it a count of people ("left 12 dead", "940 killed"). */
const BARE_EVENT_AFTER = /^\s*(?:people\s+)?(?:(?:have|has|had|were|was|are|is|been|being|reportedly)\s+)*(dead|killed|died|injured|wounded|hurt|missing|arrested|detained|displaced|evacuated)\b/i;

const IRREGULAR_PLURALS: Record<string, string> = {
  person: 'people', man: 'men', woman: 'women', child: 'children', foot: 'feet', tooth: 'teeth', mouse: 'mice',
  policeman: 'policemen', fisherman: 'fishermen', gunman: 'gunmen', militiaman: 'militiamen', tribesman: 'tribesmen',
  serviceman: 'servicemen', servicewoman: 'servicewomen', businessman: 'businessmen', spokesman: 'spokesmen',
  crisis: 'crises', medium: 'media', datum: 'data', criterion: 'criteria', life: 'lives', wife: 'wives', knife: 'knives',
};
const UNCOUNTABLE = new Set(['people', 'police', 'staff', 'personnel', 'cattle', 'livestock', 'sheep', 'fish', 'deer', 'aircraft', 'equipment', 'military', 'youth', 'clergy', 'infantry', 'media', 'data', 'news', 'series', 'species', 'crew', 'militia']);

/** Puts the head of a counted noun phrase in the plural so 'soldier' and 'soldiers' compare equal. */
function pluralHead(np: string): string {
  const words = np.split(' ');
  const head = words[words.length - 1];
  let p = head;
  if (IRREGULAR_PLURALS[head]) p = IRREGULAR_PLURALS[head];
  else if (UNCOUNTABLE.has(head) || /(men|women|children|people|ies|[^s]s|ss)$/.test(head) && !/ss$/.test(head)) p = head;
  else if (/[^aeiou]y$/.test(head)) p = head.slice(0, -1) + 'ies';
  else if (/(s|x|z|ch|sh)$/.test(head)) p = head + 'es';
  else p = head + 's';
  words[words.length - 1] = p;
  return words.join(' ');
}

type Num = { start: number; end: number; value: number; unit: string | null; isWritten: boolean; isCurrency: boolean };

/** Parses "two", "twenty-five", "three hundred", "a dozen", "two dozen" starting at `words[i]`. */
function parseWritten(words: { w: string; start: number; end: number }[], i: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  if (words[j]?.w.toLowerCase() === 'a' && /^(dozen|hundred|thousand)$/i.test(words[j + 1]?.w ?? '')) {
    current = 1;
    any = true;
    j++;
  }
  for (; j < words.length; j++) {
    const w = words[j].w.toLowerCase();
    const parts = w.split('-');
    if (parts.length === 2 && TENS[parts[0]] !== undefined && SMALL[parts[1]] !== undefined && SMALL[parts[1]] < 10) {
      current += TENS[parts[0]] + SMALL[parts[1]];
      any = true;
    } else if (SMALL[w] !== undefined) {
      current += SMALL[w];
      any = true;
    } else if (TENS[w] !== undefined) {
      current += TENS[w];
      any = true;
    } else if (w === 'dozen' && any) {
      current *= 12;
    } else if (w === 'hundred' && any) {
      current *= 100;
    } else if ((w === 'thousand' || w === 'million' || w === 'billion' || w === 'trillion') && any) {
      total += current * SCALES[w];
      current = 0;
    } else if (w === 'and' && any && j + 1 < words.length && (SMALL[words[j + 1].w.toLowerCase()] !== undefined || TENS[words[j + 1].w.toLowerCase().split('-')[0]] !== undefined) && /^(hundred|thousand)$/i.test(words[j - 1].w)) {
      continue;
    } else break;
  }
  if (!any) return null;
  return { value: total + current, next: j };
}

function wordsOf(text: string): { w: string; start: number; end: number }[] {
  return [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.\-/]*[\p{L}\p{N}]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu)].map((m) => ({ w: m[0], start: m.index!, end: m.index! + m[0].length }));
}

/** Every number in the sentence that could be a figure, with its unit, before context checks. */
const CURRENCY_BEFORE = /(\$US|US\$|AU?\$|CA?\$|HK\$|S\$|NZ\$|R\$|\$|€|£|¥|₹|₩|₺|₽|Rs\.?\s?|(?:USD|EUR|GBP|INR|JPY|CNY|CHF|AUD|CAD|RUB|TRY|ZAR|NGN|KES|PKR|BRL|MXN|SAR|AED)\s?)$/;
const SCALE_AFTER = /^\s?(trillion|billion|million|thousand|crores?|lakhs?|bn|mn|mln|tn|trn|cr|[kmb])(?![\p{L}\p{N}])/u;
const NUMBER_WORD = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen)\b/i;

function findNumbers(text: string): Num[] {
  const out: Num[] = [];
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) {
    let start = m.index!;
    let end = start + m[0].length;
    const curMatch = CURRENCY_BEFORE.exec(text.slice(Math.max(0, start - 5), start));
    const cur = curMatch?.[1].trim();
    if (curMatch) start -= curMatch[1].length;
    let value = Number(m[0].replace(/,/g, ''));
    const sm = SCALE_AFTER.exec(text.slice(end, end + 12));
    const scaleWord = sm?.[1].toLowerCase();
    // A bare "m"/"b"/"k" is a multiplier only after a currency: "€50m", not "100m sprint".
    if (sm && scaleWord && !(/^[kmb]$/.test(scaleWord) && !cur)) {
      value *= SCALES[scaleWord] ?? SHORT_SCALES[scaleWord];
      end += sm[0].length;
    }
    let unit: string | null = null;
    if (cur) {
      for (const [re, code] of CURRENCY_PREFIX) if (re.test(cur)) { unit = code || cur.toUpperCase(); break; }
    }
    out.push({ start, end, value, unit, isWritten: false, isCurrency: !!cur });
  }
  if (!NUMBER_WORD.test(text)) return out;
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    const lw = words[i].w.toLowerCase();
    if (!(lw in SMALL) && !(lw.split('-')[0] in TENS) && !(lw === 'a' && /^(dozen|hundred|thousand)$/i.test(words[i + 1]?.w ?? ''))) continue;
    const r = parseWritten(words, i);
    if (!r || r.next === i) continue;
    // "a hundred" alone is vague enough; "a dozen" is 12.
    out.push({ start: words[i].start, end: words[r.next - 1].end, value: r.value, unit: null, isWritten: true, isCurrency: false });
    i = r.next - 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The words after `end` up to the sentence end, lower case, with offsets. */
function wordsAfter(text: string, end: number) {
  return wordsOf(text.slice(end)).map((x) => ({ ...x, start: x.start + end, end: x.end + end }));
}

function eventAfter(rest: string): string | null {
  // "three Bedouin "who were summarily executed"": quote marks and a relative pronoun come first.
  const s = rest.replace(/^[\s,"“”'‘’]+/, '').replace(/^(who|that|which)\s+/i, '');
  for (const r of EVENT_AFTER) if (r.re.test(s)) return r.event;
  const window = s.split(/[.;:!?]/)[0].split(/\s+/).slice(0, 12).join(' ');
  for (const r of EVENT_AMONG) if (r.re.test(window)) return r.event;
  return null;
}

function eventBefore(before: string): string | null {
  const clause = before.split(/[.;:!?]|,\s(?=\p{Ll})/u).pop() ?? '';
  const words = clause.trim().split(/\s+/);
  const window = words.slice(-10).join(' ');
  let best: { at: number; event: string } | null = null;
  for (const r of EVENT_BEFORE) {
    const re = new RegExp(r.re.source, 'gi');
    for (const m of window.matchAll(re)) if (!best || m.index! > best.at) best = { at: m.index!, event: r.event };
  }
  if (!best) return null;
  // "left" counts as killing only with "dead" after the count; handled by the caller.
  if (/^(left|leaving)\b/i.test(window.slice(best.at))) return null;
  return best.event;
}

/** The noun phrase counted by a number, from the words right after it. */
function countedNoun(after: { w: string; start: number; end: number }[]): { np: string; used: number } | null {
  const take: string[] = [];
  let k = 0;
  while (k < after.length && SKIP_AFTER_NUMBER.has(after[k].w.toLowerCase())) k++;
  for (; k < after.length && take.length < 4; k++) {
    const w = after[k].w;
    const lw = w.toLowerCase().replace(/[’']s$/, '');
    if (!/^[\p{L}][\p{L}'’\-]*$/u.test(w)) break;
    if (NP_STOP.has(lw) || MONTHS.test(lw) || VERB_WORDS.has(lw)) break;
    if (/ly$/.test(lw) && lw.length > 4 && !['family', 'italy', 'ally', 'rally', 'assembly', 'anomaly', 'supply', 'july', 'bully'].includes(lw)) break;
    const nextW = after[k + 1]?.w.toLowerCase() ?? '';
    const nextIsNoun = !!nextW && /^[\p{L}][\p{L}'’\-]*$/u.test(after[k + 1].w) && !NP_STOP.has(nextW);
    if (/(ed|ing)$/.test(lw) && lw.length > 4 && !nextIsNoun) break;
    take.push(lw);
    if (/[’']s$/.test(w)) break;
  }
  if (!take.length) return null;
  return { np: take.join(' '), used: k };
}

const MONEY_VERBS = /^(owns|own|holds|hold|has|have|controls|control|takes|gets|wants|needs|expects|sees|says|said|is|are|was|were|cut|paid|pays|pay|spent|spend|spends|raised|raise|set|put|cost|lost|lose|won|win|sold|sell|bought|buy|made|make|gave|give|got|get|took|take|owed|owe|borrowed|borrow|lent|lend|pledged|pledge|approved|approve|received|receive|earned|earn|invested|invest|collected|allocated|promised|offered|offer|sought|seek|seeking|needs|need|wants|want|asked|ask|fined|fine|charged|charge|seized|seize|transferred|secured|secure|saw|see|sees)$/i;

/** The thing a measure measures: "of/in NOUN" after it, else the nearest noun before it. */
function measuredThing(text: string, n: { start: number; end: number }): string {
  const after = wordsAfter(text, n.end);
  let k = 0;
  if (after[k] && /^(of|in|on)$/i.test(after[k].w) && !(/^(in|on)$/i.test(after[k].w) && /^\p{Lu}/u.test(after[k + 1]?.w ?? ''))) {
    k++;
    while (after[k] && /^(the|a|an|new|its|their)$/i.test(after[k].w)) k++;
    const np = countedNoun(after.slice(k));
    if (np) return np.np;
  } else {
    const np = countedNoun(after);
    if (np && !/^(a|an|the)$/.test(np.np)) return np.np;
  }
  // "inflation rose to 3.5%", "a budget of $1.2bn", "the economy shrank by 5%".
  const before = text.slice(0, n.start).split(/[.;:!?,]/).pop() ?? '';
  const words = before.trim().split(/\s+/).filter(Boolean);
  const skip = /^(to|by|of|at|for|from|below|above|minus|under|over|past|fall|falls|rise|rises|reach|reaches|drop|drops|climb|climbs|grow|grows|jump|jumps|hit|hits|top|tops|topped|exceed|exceeds|exceeded|near|nears|neared|rose|fell|grew|shrank|increased|decreased|climbed|dropped|jumped|declined|slipped|slid|surged|soared|plunged|reached|hit|stood|was|is|were|are|be|been|worth|valued|totaling|totalling|cost|costs|costing|about|around|nearly|almost|some|over|under|least|at|more|than|up|down|just|roughly|approximately|an|estimated|a|record|expected|forecast|projected|will|would|could|has|have|had|s|’s|'s)$/i;
  for (let k2 = words.length - 1, n2 = 0; k2 >= 0 && n2 < 7; k2--, n2++) {
    const w = words[k2].replace(/[’']s$/, '');
    if (skip.test(w)) continue;
    if (!/^[\p{L}][\p{L}\-]*$/u.test(w) || /^(and|or|but|while|as|then)$/i.test(w)) return '';
    // "paid €50m", "was cut by $2m": a verb, not the thing measured.
    if (MONEY_VERBS.test(w) || /ed$/i.test(w)) return '';
    // A name ("Ferrovia Cargo for €6.4 billion") is who pays or owns, not what is measured.
    if (isCapitalized(w) && k2 > 0) return '';
    return w.toLowerCase();
  }
  return '';
}

/**
 * Figures in the sentences, in text order. Never throws; a sentence that is not a string
 * gives nothing.
 */
export function extractFigures(sentences: Sentence[]): FigureEntry[] {
  const out: FigureEntry[] = [];
  for (const s of Array.isArray(sentences) ? sentences : []) {
    if (!s || typeof s.text !== 'string' || !s.text) continue;
    const text = s.text;
    let lastCount: { np: string; at: number } | null = null;
    for (const n of findNumbers(text)) {
      const fig = readFigure(text, n, lastCount);
      if (!fig) continue;
      if (fig.unit === null && fig.np) lastCount = { np: fig.np, at: n.start };
      out.push({ value: fig.value, unit: fig.unit, what: fig.what, qualifier: fig.qualifier, text: fig.text, sentence: s.index });
    }
  }
  return out;
}

type Read = { value: number; unit: string | null; what: string; np: string; qualifier: string | null; text: string };

function readFigure(text: string, n: Num, lastCount: { np: string; at: number } | null): Read | null {
  const before = text.slice(0, n.start);
  const after = text.slice(n.end);
  const raw = text.slice(n.start, n.end);
  const prevChar = before.slice(-1);
  const nextChar = after[0] ?? '';
  const prevWord = /([\p{L}\p{N}.#]+)\s*$/u.exec(before)?.[1] ?? '';
  const afterWords = wordsAfter(text, n.end);
  const nextWord = afterWords[0]?.w ?? '';
  const lowerNext = nextWord.toLowerCase();

  if (!n.isWritten) {
    // Glued to letters or another number: names, codes, ordinals, decades, times, scores.
    if (/[\p{L}\p{N}_.,]/u.test(prevChar) && !n.isCurrency) return null;
    if (prevChar === '-' && /[\p{L}\p{N}]/u.test(before.slice(-2, -1))) return null;
    if (/^[\p{L}]/u.test(nextChar)) {
      const glued = /^[\p{L}/°]+/u.exec(after)![0].toLowerCase();
      if (!MEASURES[glued] && !GLUED_ONLY[glued]) return null;
    }
    if (/^[-–]\d/.test(after) || /^\s?[-–]\s?\d/.test(after) && !n.isCurrency) return null;
    if (/^[:/]\d/.test(after) || /\d[:/]$/.test(before)) return null;
    // "25-year-old", "10-day" are ages and spans; "30-kilometre", "4,000-seat" measure or count.
    const hy = /^-([\p{L}]+)/u.exec(after);
    if (hy && (TIME_UNITS.test(hy[1]) || /^-\p{L}+-old\b/u.test(after) || !(MEASURES[hy[1].toLowerCase()] || /^[a-z]{3,}$/.test(hy[1])))) return null;
    if (/^\s?(a\.m\.|p\.m\.|am|pm|gmt|utc|hrs|h|o'clock)\b/i.test(after)) return null;
    if (/^\+|\d[\s-]$/.test(before.slice(-2)) || /^[\s-]\d{3,}/.test(after)) return null; // phone numbers
    if (/^[#№]$/.test(prevChar)) return null;
  } else {
    if (n.value === 1 && !/^(person|man|woman|child|soldier|civilian|officer|policeman|journalist|worker|fighter|militant|patient|student|resident|police)$/i.test(nextWord)) return null;
    if (/^(of|in)$/i.test(nextWord) && !/^(of\s+(whom|them|those|these))/i.test(after.trim())) {
      // "two of the hostages" stays; "one in five" is a ratio.
      if (/^in$/i.test(nextWord)) return null;
    }
  }
  if (MONTHS.test(prevWord) || MONTHS.test(nextWord) || /^(st|nd|rd|th)$/.test(lowerNext)) return null;
  if (TIME_UNITS.test(nextWord) || /^(years?|months?|days?)[-\s]old\b/i.test(after.trim())) return null;
  if (/^(aged?|ages)$/i.test(prevWord) || /^\s*,\s*$/.test(after.slice(0, 2)) && /\p{Lu}[\p{L}]+,\s*$/u.test(before) && n.value < 120) return null;
  if (/^\(\s*$/.test(before.slice(-1)) && /^\)/.test(after) && n.value < 120) return null;
  if (NAME_BEFORE_NUMBER.test(prevWord)) return null;
  if (/^\p{Lu}/u.test(prevWord) && !n.isCurrency && !n.isWritten && before.trim().length > prevWord.length && !MONTHS.test(prevWord) && !/^(At|Some|About|Over|Nearly|Almost|More|Around|Up|Only|Just|And|But|With|The|Of|For|By|In|On|To|From|Among|Including|Than|All|Another|Those|These|Its|Their|His|Her|Our|Roughly|Approximately|Fewer|Less|Least|Killing|Only|Exactly|Between|Under|Below|Above|Almost|Nearly|Plus|Of)$/.test(prevWord)) return null;

  // Years: a four-digit number in the calendar range, unless it has a unit or counts a noun.
  if (!n.isWritten && !n.isCurrency && /^\d{4}$/.test(raw) && n.value >= 1500 && n.value <= 2100) {
    const isUnitNext = !!MEASURES[lowerNext] || !!CURRENCY_WORDS[lowerNext] || /^(%|percent|per)$/i.test(lowerNext) || /^%/.test(after);
    const np = countedNoun(afterWords);
    // A count has a plural noun ("2000 people"); "a 2009 interview" is a date.
    const head = np?.np.split(' ')[0] ?? '';
    const countsSomething = !!np && !YEAR_NOUNS.test(head) && !isCapitalized(nextWord) && (/[^s]s$/.test(head) || UNCOUNTABLE.has(head) || !!IRREGULAR_PLURALS[head] === false && /(men|children|people)$/.test(head));
    const isTemporal = /\b(in|since|from|until|till|by|for|during|before|after|of|to|between|year|and|mid|post|pre|late|early|summer|winter|spring|autumn)\s*$/i.test(before);
    if (!isUnitNext && (!countsSomething || isTemporal)) return null;
  }

  // Qualifier and the text as written.
  // "magnitude 6.8": the scale goes before the number; a qualifier may go before the scale.
  const mag = /\bmagnitude\s+$/i.exec(before);
  const minus = /\bminus\s+$/i.exec(before);
  const qualBefore = mag ? before.slice(0, mag.index) : minus ? before.slice(0, minus.index) : before;
  const q = QUALIFIER_RE.exec(qualBefore);
  let qualifierRaw = q ? q[1].toLowerCase() : null;
  // "arrest four over €3m heist": "over" after a verb of dispute means "about".
  if (qualifierRaw === 'over' && /\b(?:arrest|arrested|arrests|charged|charges|jailed|sued|sues|fined|protest|protests|protested|row|rows|dispute|clash|clashes|probe|investigation|quit|quits|resign|resigns|resigned|sacked|fired|detained|questioned|strike|strikes|killed|held)\s+(?:\S+\s+){0,3}over\s+$/i.test(qualBefore)) qualifierRaw = null;
  if (qualifierRaw === 'past') qualifierRaw = 'more than';
  const qualifier = qualifierRaw && !NOT_QUALIFIERS.has(qualifierRaw) ? qualifierRaw : null;
  let textStart = q && qualifier ? n.start - (before.length - q.index - (q[0].startsWith(' ') ? 1 : 0)) : mag ? n.start - mag[0].length : n.start;

  // Units: currency prefix, then %, currency words and measures after.
  let unit = n.unit;
  let value = n.value;
  let end = n.end;
  let rest = afterWords;
  if (!unit) {
    const pm = /^\s?(%|per cent\b|percent\b|percentage points?\b|pct\b)/i.exec(after);
    const magAfter = /^[\s-]magnitude\b/i.exec(after);
    if (mag || magAfter) {
      unit = 'magnitude';
      if (magAfter) end += magAfter[0].length;
    } else if (/^[\p{L}]/u.test(nextChar) && GLUED_ONLY[/^[\p{L}]+/u.exec(after)![0].toLowerCase()]) {
      unit = GLUED_ONLY[/^[\p{L}]+/u.exec(after)![0].toLowerCase()];
      end += /^[\p{L}]+/u.exec(after)![0].length;
      if (/\bminus\s+$/i.test(before)) { value = -value; textStart = Math.min(textStart, n.start - /\bminus\s+$/i.exec(before)![0].length); }
    } else if (pm) {
      unit = /point/i.test(pm[1]) ? 'percentage points' : '%';
      end += pm[0].length;
    } else if (CURRENCY_WORDS[lowerNext] && !(lowerNext === 'pounds' && /^\s*pounds?\s+of\b/i.test(after))) {
      unit = CURRENCY_WORDS[lowerNext];
      end = afterWords[0].end;
    } else {
      const glued = /^([\p{L}/°]+)/u.exec(after)?.[1]?.toLowerCase();
      const two = `${lowerNext} ${afterWords[1]?.w.toLowerCase() ?? ''}`;
      const hyUnit = /^-([\p{L}]+)/u.exec(after)?.[1]?.toLowerCase();
      if (glued && MEASURES[glued]) { unit = MEASURES[glued]; end += glued.length; }
      else if (hyUnit && MEASURES[hyUnit]) { unit = MEASURES[hyUnit]; end += hyUnit.length + 1; }
      else if (/^(sq|square) (km|kilometres|kilometers|miles|metres|meters)$/.test(two)) { unit = `sq ${MEASURES[afterWords[1].w.toLowerCase()]}`; end = afterWords[1].end; }
      else if (MEASURES[lowerNext] && !/^(sq|square|mt|ha|degrees)$/.test(lowerNext) || lowerNext === 'degrees' && /^(celsius|fahrenheit|c|f)$/i.test(afterWords[1]?.w ?? '')) {
        unit = MEASURES[lowerNext];
        end = afterWords[0].end;
        if (lowerNext === 'degrees' && afterWords[1]) { unit = MEASURES[afterWords[1].w.toLowerCase()] ?? '°C'; end = afterWords[1].end; }
      }
    }
    rest = wordsAfter(text, end);
  } else if (n.isCurrency) {
    // "$5 million dollars" is rare; "US$" and "Rs" already carry the currency.
    rest = wordsAfter(text, end);
  }
  const shown = text.slice(textStart, end);

  if (unit) {
    return { value, unit, what: measuredThing(text, { start: textStart, end }), np: '', qualifier, text: shown };
  }

  // Counts.
  if (n.isWritten && VAGUE_PLURALS.test(text.slice(n.start, n.end))) return null;
  let np = countedNoun(rest);
  let nounEnd = np ? rest[np.used - 1].end : end;
  const hyNoun = /^-([a-z]{3,})\b/.exec(after);
  if (hyNoun) {
    // "a 4,000-seat stand" counts seats.
    np = { np: hyNoun[1], used: 0 };
    nounEnd = end + hyNoun[0].length;
  }
  if (np && /^(of)$/.test(rest[0]?.w.toLowerCase() ?? '') === false && np.np.split(' ').some((w) => VAGUE_PLURALS.test(w))) return null;
  if (!np && /^\s*of\s+(whom|them|those|these|which)\b/i.test(text.slice(end))) {
    // "165 of whom": the noun of the count before it in the sentence.
    if (!lastCount) return null;
    np = { np: lastCount.np, used: 0 };
    nounEnd = end + /^\s*of\s+\w+/i.exec(text.slice(end))![0].length;
  }
  let event: string | null = null;
  if (!np && /^\s*of\s+(the\s+)?/i.test(text.slice(end))) {
    // "12 of the hostages", "6,500 of its 8,000 members", "27 of the dead".
    const m = /^\s*of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\d,.]+\s+)?/i.exec(text.slice(end))!;
    const deadM = /^(dead|killed|injured|wounded|victims|missing)\b/i.exec(text.slice(end + m[0].length));
    if (deadM) {
      np = { np: 'people', used: 0 };
      event = /dead|killed|victims/i.test(deadM[1]) ? 'killed' : /missing/i.test(deadM[1]) ? 'missing' : 'injured';
      nounEnd = end + m[0].length + deadM[0].length;
    } else {
      const inner = countedNoun(wordsAfter(text, end + m[0].length));
      if (inner) { np = inner; nounEnd = end + m[0].length; }
    }
  }
  const tail = text.slice(nounEnd);
  event = event ?? eventAfter(tail) ?? eventBefore(text.slice(0, textStart));
  if (!np && /\b(killing|injuring|wounding|arresting|detaining|displacing|evacuating|rescuing|killed|injured|wounded|arrested|detained)\s+$/i.test(text.slice(0, textStart))) {
    // "killing at least 41 people and injuring more than 300".
    np = { np: 'people', used: 0 };
  }
  if (!np && lastCount && n.start - lastCount.at < 80 && !/^\s*(per|a|an|each|times|to|-)\b/i.test(after)) {
    // "88 votes in favour, 56 against"; "312 cases ..., compared with 1,108 in the control group".
    np = { np: lastCount.np, used: 0 };
  }
  if (!np) {
    const bare = BARE_EVENT_AFTER.exec(text.slice(end));
    const toll = /\b(death toll|toll|deaths|dead|fatalities|casualties|killed|killing|kills)\b[^.;:]{0,30}$/i.test(text.slice(0, textStart));
    if (bare) {
      event = ({ dead: 'killed', died: 'killed', killed: 'killed', wounded: 'injured', hurt: 'injured', injured: 'injured', detained: 'arrested' } as Record<string, string>)[bare[1].toLowerCase()] ?? bare[1].toLowerCase();
      np = { np: 'people', used: 0 };
    } else if (toll && /\b(death toll|toll|killed|killing|kills)\b/i.test(text.slice(0, textStart))) {
      np = { np: 'people', used: 0 };
      event = event ?? 'killed';
    } else return null;
  } else if (/^\s*dead\b/i.test(tail) && /\b(left|leaving|leaves)\b/i.test(text.slice(0, textStart))) {
    event = 'killed';
  }
  if (np.np === 'people' && /^(left|leaving)$/.test(event ?? '')) event = null;
  let noun = np.np;
  if (!/^(a|an|the)$/.test(noun)) noun = pluralHead(noun);
  else return null;
  // The toll of a "left 12 dead" clause.
  if (event === null && /^\s*dead\b/i.test(tail)) event = 'killed';
  const written = text.slice(textStart, Math.max(end, nounEnd)).replace(/[\s,]+$/, '');
  return { value, unit: null, what: event ? `${noun} ${event}` : noun, np: noun, qualifier, text: written };
}
