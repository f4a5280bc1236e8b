/**
 * Answers a question about one read article with the shortest span that answers it
 * (a name, a date, a number, a phrase) and the sentences it comes from.
 *
 * 1. Question type from its wording: who / when / where / how many / how much / why /
 *    yes-no / what (anything else).
 * 2. Candidate sentences by BM25 over stemmed words, with synonym groups (said/told,
 *    killed/dead/died, wounded/injured ...). Names in the question that the article never
 *    uses, or too little of the question's weight found in any sentence, mean the
 *    article does not say.
 * 3. A span of the wanted type from the best sentences: a person or organization for who,
 *    a timeline date for when, a place for where, a figure for how many/much, a cause
 *    clause for why, else the part of the best clause that the question does not already
 *    contain.
 * An unanswered question gets exactly NO_ANSWER and no citations.
 */
import type { AskResult, EntityEntry, ReadResult } from './types.ts';
import { NO_ANSWER } from './types.ts';
import nlp from 'compromise';
import { stem } from './summary.ts';

export interface AskOptions {
  /** Share of the question's (IDF-weighted) words a sentence must contain; default 0.5. */
  minCoverage?: number;
}

type QType = 'who' | 'whois' | 'when' | 'where' | 'which-place' | 'howmany' | 'howmuch' | 'score' | 'why' | 'yesno' | 'what';

const QUESTION_WORDS = new Set(
  `who whom whose what which when where why how many much did do does is are was were will would can could has have had the a an of to in on at for
with by from about as that this it its their his her they he she be been being there and or according article story report say says said tell told
name named`.split(/\s+/),
);
const STOP = new Set(
  `a an the and or but if of to in on at by for with from as into over under about after before this that these those it its he she they his her
their is are was were be been being have has had do does did will would can could should may might not no than then so very also just such`.split(/\s+/),
);

/** Synonym groups on stems: a question word matches any member. */
const SYNONYMS: string[][] = [
  ['say', 'said', 'tell', 'told', 'stat', 'state', 'announc', 'claim', 'declar', 'add', 'post', 'writ', 'wrote', 'accus', 'call'],
  ['kill', 'dead', 'death', 'die', 'died', 'toll', 'killing', 'live', 'fatalit', 'bod', 'body'],
  ['wound', 'injur', 'injury', 'hurt', 'injuries'],
  ['arrest', 'detain', 'held', 'custody', 'jail', 'prison', 'imprison'],
  ['win', 'won', 'beat', 'defeat', 'victory', 'victor'],
  ['buy', 'bought', 'acquir', 'acquisition', 'purchas', 'takeover'],
  ['rise', 'rose', 'increas', 'grew', 'grow', 'gain', 'climb', 'jump', 'up'],
  ['fall', 'fell', 'drop', 'declin', 'decreas', 'lost', 'lose', 'down', 'slump', 'shrank', 'shrink'],
  ['start', 'began', 'begin', 'launch', 'open', 'commenc'],
  ['end', 'halt', 'stop', 'ceas', 'finish', 'conclud'],
  ['lead', 'led', 'head', 'chief', 'director', 'run'],
  ['cost', 'price', 'worth', 'valu', 'pay', 'paid', 'spend', 'spent'],
  ['help', 'assist', 'aid', 'sav', 'save', 'rescu'],
  ['recogniz', 'recognis', 'recognition', 'recogn'],
  ['fight', 'fought', 'clash', 'battl', 'combat', 'violence'],
  ['ceasefire', 'truce'],
  ['attack', 'strik', 'strike', 'airstrik', 'airstrike', 'bomb', 'shell'],
  ['elect', 'vot', 'vote', 'poll', 'ballot'],
  ['found', 'establish', 'creat', 'set'],
  ['hospital', 'clinic'],
  ['deep', 'depth'],
  ['high', 'height', 'tall'],
  ['long', 'length'],
  ['far', 'distance', 'away'],
  ['fast', 'speed'],
  ['old', 'age', 'aged'],
  ['wide', 'width'],
  ['heavy', 'weight', 'weigh'],
];
const SYN = new Map<string, Set<string>>();
for (const group of SYNONYMS) {
  const stems = new Set(group.map((w) => stem(w)));
  for (const s of stems) SYN.set(s, new Set([...(SYN.get(s) ?? []), ...stems]));
}

interface Tok {
  w: string;
  stem: string;
  start: number;
  end: number;
}

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*%?|\$|€|£/gu)) {
    const w = m[0];
    out.push({ w, stem: stem(w.toLowerCase().replace(/['’]s$/, '')), start: m.index!, end: m.index! + w.length });
  }
  return out;
}

function questionType(q: string): QType {
  const s = q.trim().toLowerCase();
  const rest = q.trim().split(/\s+/).slice(2).join(' ').replace(/\?$/, '');
  if (/^(?:who|whom)\s+(?:is|was|are|were)\s+(?!the\b|a\b|an\b)/.test(s) && /^(?:\p{Lu}[\p{L}.'’-]*\s*)+$/u.test(rest) && !/['’]s\b/.test(rest)) return 'whois';
  if (/^what\s+(?:is|was)\s+the\s+name\s+of\b|^(?:who|whom|whose)\b|^(?:which|what)\s+(?:[\p{L}-]+\s+){0,2}?(?:person|man|woman|official|leader|group|organi[sz]ation|company|agency|country's leader|minister|body|monitor|outlet|news agency|firm)\b|\bwho\b.*\?$/u.test(s) && !/^(?:when|where|how)\b/.test(s))
    return 'who';
  if (/^(?:which|what)\s+(?:countries|country|cities|city|counties|county|regions|region|states|nations|towns|town|villages|airport|airports|port|station|provinces|province|islands|island)\b/.test(s)) return 'which-place';
  if (/^when\b|^(?:on |in )?(?:what|which)\s+(?:day|date|year|month|time|week)\b|^since when\b/.test(s)) return 'when';
  if (/^where\b|^(?:in |to |from )?(?:what|which)\s+(?:city|country|town|region|place|province|village|area|state|capital|location|district)\b/.test(s)) return 'where';
  if (/\b(?:final )?score\b|\bwinning time\b|\bwhat time\b|\bfinishing time\b/.test(s) && /^(?:what|how)\b/.test(s)) return 'score';
  if (/^(?:(?:by|in|of|for|on|at|to|from|with)\s+)?how\s+much\b|^what\s+(?:amount|sum|share|percentage|proportion|price|value|premium|rate|salary)\b/.test(s)) return 'howmuch';
  if (/^what\s+(?:is|was|are|were|will|would)\s+(?:the\s+)?[^?]*\b(?:rate|price|cost|salary|premium|budget|value|percentage|amount|inflation|toll|magnitude|depth|height|speed|turnout|margin|population|temperature)\b/.test(s)) return 'howmuch';
  if (/^(?:(?:by|in|of|for|on|at|to|from|with)\s+)?how\s+many\b|^what\s+(?:number|toll|death toll|total)\b|^how\s+(?:large|big|high|long|far|old|tall|deep|fast|strong|heavy|wide|low|hot|cold)\b/.test(s)) return 'howmany';
  if (/^why\b|^for what reason\b|^what (?:caused|prompted|led to)\b/.test(s)) return 'why';
  if (/^(?:did|does|do|is|are|was|were|has|have|had|will|can|could|would|should)\b/.test(s)) return 'yesno';
  return 'what';
}

/** Forms under which an entity can appear in text: name and aliases, longest first. */
function forms(e: EntityEntry): string[] {
  return [e.name, ...e.aliases].filter((f) => f.length > 1).sort((a, b) => b.length - a.length);
}

function findForm(text: string, e: EntityEntry): { start: number; end: number; form: string } | null {
  for (const f of forms(e)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');
    const m = re.exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length, form: m[0] };
  }
  return null;
}

function mentionedInQuestion(q: string, e: EntityEntry): boolean {
  return findForm(q, e) !== null;
}

interface Scored {
  index: number;
  score: number;
  coverage: number;
  /** Character offsets of matched question words in the sentence. */
  hits: number[];
}

/** BM25 over sentences with synonym expansion; coverage = share of question IDF matched. */
function rankSentences(read: ReadResult, qTerms: string[], verbTerms: Set<string> = new Set()): Scored[] {
  const docs = read.sentences.map((s) => tokens(s));
  const n = docs.length;
  const avg = docs.reduce((a, d) => a + d.length, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const d of docs) for (const st of new Set(d.map((t) => t.stem))) df.set(st, (df.get(st) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const termIdf = qTerms.map((t) => {
    const syn = SYN.get(t);
    const best = Math.max(idf(t), ...(syn ? [...syn].map((x) => ((df.get(x) ?? 0) > 0 ? idf(x) : 0)) : [0]));
    // A word the article never uses still weighs: it is what makes a question unanswerable.
    // An absent verb weighs little: questions paraphrase verbs ("represent", "sent").
    if (!(df.get(t) ?? 0) && !(syn && [...syn].some((x) => (df.get(x) ?? 0) > 0))) return verbTerms.has(t) ? 0.3 : best;
    return Math.max(best, 0.3);
  });
  const totalIdf = termIdf.reduce((a, b) => a + b, 0) || 1;
  const matchedBy: Set<number>[] = [];
  const scored = docs.map((d, index) => {
    let score = 0;
    let covered = 0;
    const hits: number[] = [];
    const matched = new Set<number>();
    matchedBy.push(matched);
    qTerms.forEach((t, k) => {
      const syn = SYN.get(t);
      let tf = 0;
      let synTf = 0;
      for (const tok of d) {
        if (tok.stem === t) {
          tf++;
          hits.push(tok.start);
        } else if (syn?.has(tok.stem)) {
          synTf++;
          hits.push(tok.start);
        }
      }
      const f = tf + 0.8 * synTf;
      if (f > 0) {
        matched.add(k);
        covered += termIdf[k]!;
        score += (idf(t) || termIdf[k]!) * ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / avg)));
      }
    });
    return { index, score, coverage: covered / totalIdf, hits: hits.sort((a, b) => a - b) };
  });
  // Words of the question found only in the next or previous sentence, or in the title,
  // count half: "the Tsukimi lander" named in the title, "built by" in the lead.
  for (const sc of scored) {
    let extra = 0;
    qTerms.forEach((_, k) => {
      if (matchedBy[sc.index]!.has(k)) return;
      if (matchedBy[sc.index - 1]?.has(k) || matchedBy[sc.index + 1]?.has(k) || (read.sentences.length > 1 && sc.index !== 0 && matchedBy[0]!.has(k))) extra += termIdf[k]!;
    });
    sc.coverage += (0.5 * extra) / totalIdf;
  }
  return scored;
}

function distanceToHits(pos: number, hits: number[]): number {
  if (!hits.length) return 50;
  return Math.min(...hits.map((h) => Math.abs(h - pos)));
}

function stripPrep(s: string): string {
  return s.replace(/^(?:on|in|at|since|by|from|during|until|as of|early|late)\s+/i, '').trim();
}

const NUMBER_RE =
  /(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|fewer than|less than|roughly|approximately|an estimated)\s+)?(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand|bn|m|km|kilometres|kilometers|miles|metres|meters|tonnes|tons|kg))?|\b(?:(?:several|a few|some|many)\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozens?|hundreds?|thousands?)\b(?:\s+(?:hundred|thousand|million|billion))?/gi;
const DATE_RE =
  /\b(?:(?:on|in|since|by)\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|(?:last|this|next)\s+(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:19|20)\d{2}|yesterday|today)\b/g;

/** Figure answer: qualifier + number (+ unit word), without the counted noun. */
function trimFigure(text: string): string {
  // Units of measure stay ("38 km", "41C"); a counted noun ("runners") goes.
  const m = /^(.*?\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand|bn))?(?:\s?(?:km\/h|mph|km|kilometres|kilometers|miles|metres|meters|m|cm|mm|kg|tonnes|tons|hectares|acres|°C|°F|C|F|degrees(?: Celsius| Fahrenheit)?|knots)(?![\p{L}\d]))?)/iu.exec(text);
  return (m ? m[1]! : text).trim();
}

function answerWho(read: ReadResult, q: string, cand: Scored[]): { answer: string; sentence: number } | null {
  const wantsOrg = /\b(?:group|organi[sz]ation|company|agency|body|monitor|outlet|firm|ministry|department|newspaper|news agency|party)\b/i.test(q);
  const pool = wantsOrg ? [...read.entities.organizations, ...read.entities.people] : [...read.entities.people, ...read.entities.organizations];
  // Quotes carry their speaker: "Who said ...?"
  if (/\b(?:said|say|says|told|called|described|warned|posted|wrote)\b/i.test(q)) {
    for (const c of cand.slice(0, 3)) {
      const quote = read.quotes.find((x) => x.sentence === c.index && x.speaker);
      if (quote && !new RegExp(quote.speaker!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(q)) return { answer: quote.speaker!, sentence: c.index };
    }
  }
  for (const c of cand.slice(0, 3)) {
    const text = read.sentences[c.index]!;
    let best: { name: string; score: number } | null = null;
    for (const e of pool) {
      if (mentionedInQuestion(q, e)) continue;
      const at = findForm(text, e);
      if (!at) continue;
      const isPerson = read.entities.people.includes(e);
      const score = -distanceToHits(at.start, c.hits) / 10 + (isPerson !== wantsOrg ? 3 : 0);
      if (!best || score > best.score) best = { name: e.name, score };
    }
    if (best) return { answer: best.name, sentence: c.index };
    // "He criticised Israel ...": the pronoun stands for the last person named before.
    if (/^(?:He|She)\b|\b(?:he|she) (?:said|says|told|added)\b/.test(text)) {
      for (let i = c.index - 1; i >= Math.max(0, c.index - 3); i--) {
        const prev = read.sentences[i]!;
        const person = read.entities.people
          .map((e) => ({ e, at: findForm(prev, e) }))
          .filter((x) => x.at && !mentionedInQuestion(q, x.e))
          .sort((a, b) => b.at!.start - a.at!.start)[0];
        if (person) return { answer: person.e.name, sentence: c.index };
      }
    }
    // Unnamed speakers: "said a doctor in Sweida", "witnesses said".
    const m = /\b(?:said|says|told reporters|according to)\s+((?:a|an|the)\s+[\p{Ll}\s-]{3,40}?)(?=[,.;]|\s+(?:in|at|who|on)\b|$)/u.exec(text);
    // "said the school would stay open" is reported speech, not a speaker.
    if (m && !/\b(?:would|will|had|has|have|was|were|is|are|could|should|may|might|can|must|did|does|do)\b/.test(m[1]!)) return { answer: m[1]!.trim(), sentence: c.index };
  }
  return null;
}

function answerWhoIs(read: ReadResult, q: string): { answer: string; sentence: number } | null {
  const all = [...read.entities.people, ...read.entities.organizations];
  const e = all.find((x) => mentionedInQuestion(q, x));
  if (!e) return null;
  for (let i = 0; i < read.sentences.length; i++) {
    const text = read.sentences[i]!;
    for (const f of forms(e)) {
      const esc = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const app = new RegExp(`${esc}(?:['’]s)?,\\s+((?:a|an|the|who is|who was)\\s+[^,;.]+?|\\p{Ll}[^,;.]+?)(?:,|;|\\.|$)`, 'u').exec(text);
      if (app) return { answer: app[1]!.replace(/^who (?:is|was)\s+/, '').trim(), sentence: i };
      const title = new RegExp(`((?:[\\p{L}-]+\\s+){1,4})${esc}`, 'u').exec(text);
      if (title) {
        const words = title[1]!.trim().split(/\s+/);
        const keep: string[] = [];
        for (let k = words.length - 1; k >= 0; k--) {
          const w = words[k]!;
          if (STOP.has(w.toLowerCase()) || /^(?:said|says|told)$/i.test(w)) break;
          keep.unshift(w);
        }
        if (keep.length && keep.some((w) => /^(?:president|minister|envoy|spokesman|spokeswoman|spokesperson|director|chief|leader|ambassador|secretary|senator|governor|mayor|general|official|head|chairman|ceo|founder|judge|prosecutor|coach|captain|prime|foreign|interim)$/i.test(w)))
          return { answer: keep.join(' '), sentence: i };
      }
    }
  }
  return null;
}

function answerWhen(read: ReadResult, cand: Scored[]): { answer: string; sentence: number } | null {
  for (const c of cand.slice(0, 3)) {
    const text = read.sentences[c.index]!;
    const entries = read.timeline.filter((t) => t.sentence === c.index);
    if (entries.length) {
      const best = entries
        .map((t) => ({ t, d: distanceToHits(Math.max(0, text.indexOf(t.text)), c.hits) }))
        .sort((a, b) => a.d - b.d)[0]!.t;
      return { answer: stripPrep(best.text), sentence: c.index };
    }
    const found = [...text.matchAll(DATE_RE)];
    if (found.length) {
      const best = found.sort((a, b) => distanceToHits(a.index!, c.hits) - distanceToHits(b.index!, c.hits))[0]!;
      return { answer: stripPrep(best[0]), sentence: c.index };
    }
  }
  return null;
}

function answerWhere(read: ReadResult, q: string, cand: Scored[]): { answer: string; sentence: number } | null {
  for (const c of cand.slice(0, 3)) {
    const text = read.sentences[c.index]!;
    let best: { answer: string; score: number } | null = null;
    for (const e of read.entities.places) {
      if (mentionedInQuestion(q, e)) continue;
      const at = findForm(text, e);
      if (!at) continue;
      const before = text.slice(Math.max(0, at.start - 12), at.start).toLowerCase();
      const score = -distanceToHits(at.start, c.hits) / 10 + (/\b(?:in|at|near|to|from|into|outside)\s+(?:the\s+)?$/.test(before) ? 2 : 0);
      if (!best || score > best.score) best = { answer: at.form, score };
    }
    // "Where did Trump post his pledge?": a platform or publication, "in a post on Truth Social".
    if (/\b(?:post|posted|posts|publish|published|write|wrote|written|report|reported|announce|announced|say|said|appear|appeared)\b/i.test(q)) {
      const verbAt = text.search(/\b(?:post|posted|published|wrote|written|reported|announced|said|appeared)\b/i);
      const m = /\b(?:on|in)\s+((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})/u.exec(verbAt >= 0 ? text.slice(verbAt) : text);
      const name = m?.[1];
      if (name && read.entities.organizations.some((e) => forms(e).some((f) => name.includes(f))) && !q.includes(name)) {
        // A post or an article is on a platform; "where did she say it" may well be a place.
        const score = /\b(?:post|posted|posts|publish|published|write|wrote|written)\b/i.test(q) ? 5 : 1;
        if (!best || score > best.score) best = { answer: name, score };
      }
    }
    if (best) return { answer: best.answer, sentence: c.index };
  }
  return null;
}

const MONEY_Q = /\b(?:cost|costs|pay|paid|paying|spend|spent|price|worth|fine|fined|salary|budget|raise|raised|earn|earned|revenue|profit|loss|money|funding|demand|demanded|ransom|compensation|bill)\b/i;

const HARD_MONEY_Q = /\b(?:cost|costs|pay|paid|paying|spend|spent|price|salary|budget|ransom|fine|fined|money|cash|funding|funds|bonus|fee|fees|wages?|grant|compensation|investment)\b/i;

const LENGTH_UNIT = '(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m|feet|foot|ft|cm|mm|yards?|inches|nautical miles)';
const TIME_UNIT = '(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)';

/** "How deep / far / long / fast / heavy / hot": the unit the answer must carry, or null. */
export function measureUnit(q: string): RegExp | null {
  const m = /^how\s+(deep|far|high|tall|wide|long|fast|heavy|hot|cold|warm|old)\b/i.exec(q.trim());
  if (!m) return null;
  const unit = (u: string) =>
    new RegExp(`(?:\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|several|few))\\s?(?:-\\s?)?${u}(?![\\p{L}])`, 'iu');
  switch (m[1]!.toLowerCase()) {
    case 'long':
      return unit(`(?:${LENGTH_UNIT}|${TIME_UNIT})`);
    case 'fast':
      return unit('(?:km\\/h|kph|mph|knots|kilomet(?:re|er)s per hour|miles per hour)');
    case 'heavy':
      return unit('(?:kg|kilograms?|tonnes?|tons?|pounds|lb)');
    case 'hot':
    case 'cold':
    case 'warm':
      return unit('(?:°|degrees|C\\b|F\\b)');
    case 'old':
      return null;
    default:
      return unit(LENGTH_UNIT);
  }
}

/** How many / how much: the figure that best fits the question, over the best sentences. */
function answerNumber(read: ReadResult, q: string, cand: Scored[], qStems: Set<string>, minCoverage: number): { answer: string; sentence: number } | null {
  const wantsMoney = MONEY_Q.test(q) && !/\b(?:percent|percentage|share|rate)\b/i.test(q);
  const mustBeMoney = HARD_MONEY_Q.test(q) && /^how much\b/i.test(q.trim());
  const wantsPercent = /\b(?:percent|percentage|share|rate|inflation|premium|turnout|fall|fell|rise|rose|drop|dropped|grow|grew)\b/i.test(q);
  const perUnitQ = /\b(?:per|each|a share|apiece)\b/i.test(q);
  const wantUnit = measureUnit(q);
  // "fell to 20% from 21%", "up from $3,700 a year earlier": the old value only when asked.
  const wantsOld = /\b(?:before|previous(?:ly)?|earlier|a year ago|prior|original(?:ly)?|used to)\b/i.test(q);
  let best: { answer: string; sentence: number; score: number } | null = null;
  for (const [rank, c] of cand.slice(0, 3).entries()) {
    if (c.coverage < minCoverage * 0.8) continue;
    const text = read.sentences[c.index]!;
    const figures = read.figures.filter((f) => f.sentence === c.index);
    const options: { text: string; at: number; money: boolean; percent: boolean; what: string }[] = figures.map((f) => ({
      text: f.text,
      at: Math.max(0, text.indexOf(f.text)),
      money: /^(?:USD|EUR|GBP|JPY|CHF|CNY|INR|AUD|CAD|[A-Z]{3})$/.test(f.unit ?? '') || /[$€£¥]/.test(f.text),
      percent: f.unit === '%' || /%|per ?cent/.test(f.text),
      what: f.what ?? '',
    }));
    if (!options.length) {
      for (const m of text.matchAll(NUMBER_RE)) {
        const t = m[0].trim();
        const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 1);
        // Years, day numbers and clock times are not quantities.
        if (/^(?:19|20)\d{2}$/.test(t) || after === ':' || /:$/.test(text.slice(0, m.index)) || /(?:January|February|March|April|May|June|July|August|September|October|November|December)\s*$/.test(text.slice(0, m.index))) continue;
        options.push({ text: t, at: m.index!, money: /[$€£¥]|\b(?:dollars|euros|pounds|yen)\b/.test(t), percent: /%|percent|per cent/.test(t), what: '' });
      }
    }
    for (const o of options) {
      if (mustBeMoney && !o.money) continue;
      // The counted noun right after the number ("48,000 runners") or the figure's subject.
      // Time words after a figure ("21% next year") date it; they do not say what it counts.
      const nounAfter = tokens(text.slice(o.at + o.text.length, o.at + o.text.length + 40))
        .slice(0, 2)
        .filter((t) => !/^(?:next|last|this|a|year|years|month|months|week|weeks|day|days|earlier|later|ago)$/i.test(t.w))
        .map((t) => t.stem);
      const whatHits = new Set([...contentStems(o.what), ...contentStems(o.text), ...nounAfter].filter((w) => qStems.has(w))).size;
      const perUnit = /^\s*(?:a share|per share|each|apiece|per\b)/i.test(text.slice(o.at + o.text.length, o.at + o.text.length + 12));
      const score =
        rank * 15 +
        Math.min(distanceToHits(o.at, c.hits), 80) -
        25 * whatHits -
        (wantsMoney && o.money ? 20 : 0) -
        (wantsPercent && o.percent ? 20 : 0) +
        (perUnit && !perUnitQ ? 30 : 0) +
        (wantUnit ? (wantUnit.test(text.slice(o.at, o.at + o.text.length + 14)) ? -40 : 40) : 0) +
        (/\bfrom\s+$/i.test(text.slice(Math.max(0, o.at - 6), o.at)) ? (wantsOld ? -30 : 15) : wantsOld && /\bto\s+$/i.test(text.slice(Math.max(0, o.at - 4), o.at)) ? 15 : 0);
      if (!best || score < best.score) best = { answer: trimFigure(o.text), sentence: c.index, score };
    }
  }
  return best ? { answer: best.answer, sentence: best.sentence } : null;
}

function contentStems(text: string): string[] {
  return tokens(text)
    .filter((t) => !STOP.has(t.w.toLowerCase()))
    .map((t) => t.stem);
}

const SCORE_RE = /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,3}-\d{1,3}\b(?:\s+(?:after extra time|on penalties|aet))?/;

function answerScore(read: ReadResult, cand: Scored[]): { answer: string; sentence: number } | null {
  for (const c of cand.slice(0, 3)) {
    const m = SCORE_RE.exec(read.sentences[c.index]!);
    if (m) return { answer: m[0], sentence: c.index };
  }
  return null;
}

/** "Which countries ...?": the places of the best sentence, as a list when they form one. */
function answerPlaces(read: ReadResult, q: string, cand: Scored[]): { answer: string; sentence: number } | null {
  const plural = /^(?:which|what)\s+(?:countries|cities|counties|regions|states|nations|towns|villages|airports|provinces|islands)\b/i.test(q.trim());
  for (const c of cand.slice(0, 3)) {
    const text = read.sentences[c.index]!;
    const found = read.entities.places
      .filter((e) => !mentionedInQuestion(q, e))
      .map((e) => findForm(text, e))
      .filter((x): x is { start: number; end: number; form: string } => x !== null)
      .sort((a, b) => a.start - b.start);
    if (!found.length) continue;
    if (plural && found.length > 1) {
      // Extend over a run of places joined by commas and "and".
      // The first run of places joined by commas and "and" (a list starts at its run).
      let begin = 0;
      let end = 0;
      for (let k = 1; k < found.length; k++) {
        if (/^(?:,\s*|\s+and\s+|,\s*and\s+)(?:the\s+)?$/.test(text.slice(found[k - 1]!.end, found[k]!.start))) end = k;
        else if (end) break;
        else begin = k;
      }
      if (end) return { answer: text.slice(found[begin]!.start, found[end]!.end), sentence: c.index };
    }
    const best = found.sort((a, b) => distanceToHits(a.start, c.hits) - distanceToHits(b.start, c.hits))[0]!;
    return { answer: best.form, sentence: c.index };
  }
  return null;
}

const CAUSE_RE = /\b(?:because(?: of)?|due to|as a result of|owing to|after|following|in order to|so that|since|amid)\s+([^,;.]+)/i;
const PURPOSE_RE = /\bto\s+(?:try\s+to\s+|help\s+)?[\p{Ll}]+(?:\s+[^,;.]+)?/u;

function answerWhy(read: ReadResult, cand: Scored[], qStems: Set<string> = new Set()): { answer: string; sentence: number } | null {
  for (const c of cand.slice(0, 2)) {
    const m = CAUSE_RE.exec(read.sentences[c.index]!);
    if (m) return { answer: m[0].trim(), sentence: c.index };
  }
  // "was unable to travel to collect the prize; her passport was confiscated": the clause
  // after a semicolon or colon that the question does not already say is the explanation.
  for (const c of cand.slice(0, 1)) {
    const parts = read.sentences[c.index]!.split(/;\s+|:\s+/);
    if (parts.length < 2) continue;
    const novelty = (p: string) => {
      const content = tokens(p).filter((t) => !STOP.has(t.w.toLowerCase()));
      return content.length ? content.filter((t) => !qStems.has(t.stem)).length / content.length : 0;
    };
    const rest = parts.slice(1).filter((p) => p.split(/\s+/).length >= 3).sort((a, b) => novelty(b) - novelty(a))[0];
    if (rest && novelty(rest) > novelty(parts[0]!)) return { answer: rest.replace(/[\s.;:]+$/, '').trim(), sentence: c.index };
  }
  for (const c of cand.slice(0, 1)) {
    const m = PURPOSE_RE.exec(read.sentences[c.index]!);
    if (m) return { answer: m[0].trim(), sentence: c.index };
  }
  return null;
}

const WORK_NOUN = '(?:film|movie|documentary|book|novel|memoir|album|song|single|series|show|play|opera|painting|poem|title|report|exhibition|game)';
const WORK_Q = new RegExp(`^(?:which|what)\\s+(?:[\\p{L}-]+\\s+)?${WORK_NOUN}s?\\b|^what\\s+(?:is|was)\\s+the\\s+(?:title|name)\\s+of\\b`, 'iu');

/**
 * "Which film won ...?", "What is the title of her novel?": a title, quoted ("The Well
 * Keepers") or set off after its noun ("her third novel, The Salt Orchard, ...").
 */
function answerTitle(read: ReadResult, q: string, cand: Scored[]): { answer: string; sentence: number } | null {
  for (const c of cand.slice(0, 3)) {
    const text = read.sentences[c.index]!;
    const quoted = /["“‘']((?:\p{Lu}|\d)[^"“”‘’']{1,60}?)[,.]?["”’']/u.exec(text);
    if (quoted && quoted[1]!.split(/\s+/).length <= 10 && !q.toLowerCase().includes(quoted[1]!.toLowerCase())) return { answer: quoted[1]!.trim(), sentence: c.index };
    const set = new RegExp(`\\b${WORK_NOUN},\\s+((?:The|A|An)?\\s*\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:(?:of|the|and|in|on|for|a|to)\\s+)?\\p{Lu}[\\p{L}'’-]*)*),`, 'u').exec(text);
    if (set && !q.includes(set[1]!)) return { answer: set[1]!.trim(), sentence: c.index };
  }
  return null;
}

/** The part of the best clause that the question does not already say. */
function answerWhat(read: ReadResult, qStems: Set<string>, c: Scored): string {
  const text = read.sentences[c.index]!;
  const clauses: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[,;:()—–]|\s-\s|\s(?=(?:which|who|while|whereas|but)\s)/g)) {
    clauses.push({ start, end: m.index! });
    start = m.index! + m[0].length;
  }
  clauses.push({ start, end: text.length });
  let best: { start: number; end: number; score: number } | null = null;
  for (const cl of clauses) {
    const toks = tokens(text.slice(cl.start, cl.end));
    const content = toks.filter((t) => !STOP.has(t.w.toLowerCase()));
    if (!content.length) continue;
    const overlap = content.filter((t) => qStems.has(t.stem) || [...(SYN.get(t.stem) ?? [])].some((s) => qStems.has(s))).length;
    const novel = content.length - overlap;
    if (!novel) continue;
    const score = overlap * 2 + Math.min(novel, 6) * 0.2;
    if (!best || score > best.score) best = { ...cl, score };
  }
  if (!best) return text;
  const piece = text.slice(best.start, best.end);
  const toks = tokens(piece);
  const matched = toks.map((t, i) => ({ i, hit: qStems.has(t.stem) || [...(SYN.get(t.stem) ?? [])].some((s) => qStems.has(s)) })).filter((x) => x.hit);
  let span = piece;
  if (matched.length) {
    const first = matched[0]!.i;
    const last = matched[matched.length - 1]!.i;
    const tail = toks.slice(last + 1);
    const head = toks.slice(0, first);
    const tailContent = tail.filter((t) => !STOP.has(t.w.toLowerCase())).length;
    const headContent = head.filter((t) => !STOP.has(t.w.toLowerCase())).length;
    if (tailContent >= 1 && tailContent >= headContent) span = piece.slice(tail[0]!.start);
    else if (headContent >= 1) span = piece.slice(0, head[head.length - 1]!.end);
  }
  span = span
    .trim()
    .replace(/^(?:(?:said|says|told|that|to|from|of|and|was|were|is|are|had|has|have|been)\s+)+(?=\S)/i, '').replace(/[\s,;:.]+$/, '');
  const words = span.split(/\s+/);
  return words.length > 18 ? words.slice(0, 18).join(' ') : span || text;
}

/** Words that only frame a typed question ("what was the final *score*"), not its content. */
const FRAME_WORDS: Partial<Record<QType, RegExp>> = {
  score: /^(?:score|scores|time|result|winning|finishing)$/i,
  'which-place': /^(?:countries|country|cities|city|counties|county|regions|region|states|nations|towns|town|villages|provinces|province|islands|island)$/i,
  when: /^(?:date|day|year|month|time|week)$/i,
  where: /^(?:place|location|city|country|town|region|area)$/i,
  howmany: /^(?:number|total)$/i,
  howmuch: /^(?:amount|sum|total)$/i,
};

let lexicon: Record<string, string | string[]> | null = null;
/** A verb by compromise's lexicon or its form. */
function isVerb(w: string): boolean {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const tags = lexicon[w];
  if (tags) return (Array.isArray(tags) ? tags : [tags]).some((t) => /^(?:Infinitive|PresentTense|PastTense|Gerund|Participle|PhrasalVerb|Verb)$/.test(t));
  return /(?:ed|ize|ise|ify)$/.test(w);
}

/** Words that name the kind of answer, not a fact the article must contain. */
const META_NOUNS = new Set(
  `title name number amount total date day year month time result score outcome reason cause purpose role job position age place location size
figure sum share percentage rate value level people persons money funds`.split(/\s+/),
);
const AUX = '(?:did|do|does|is|are|was|were|has|have|had|will|would|can|could|should)';

/**
 * The thing a question asks about, which the answer's sentence (or the one beside it)
 * must mention: the counted noun of "how many Chega deputies", the measured noun of
 * "what is the teacher's salary", the role of "who is the ministry spokesperson", the
 * verb of "how much did she spend" and what it was spent "on". Names are checked
 * elsewhere; words that only name the answer's kind ("title", "number") are skipped.
 * Returns stems; [] when the question has no such focus.
 */
export function focusTerms(question: string): string[] {
  const q = question
    .trim()
    .replace(/\?+$/, '')
    .replace(/^\S+/, (w) => w.toLowerCase());
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const keep = (ws: string[]) =>
    ws
      .map((w) => w.replace(/['’]s$/, ''))
      .filter((w) => /^\p{Ll}[\p{Ll}-]+$/u.test(w) && !STOP.has(w) && !QUESTION_WORDS.has(w) && !META_NOUNS.has(w) && !META_NOUNS.has(w.replace(/s$/, '')))
      .map((w) => stem(w));
  let m = /^how\s+(?:many|much)\s+(.*)$/i.exec(q);
  if (m) {
    const rest = words(m[1]!);
    if (rest.length && !new RegExp(`^${AUX}$`, 'i').test(rest[0]!)) {
      // "how many Chega deputies voted ...": the noun phrase up to its verb.
      const np: string[] = [];
      for (const w of rest) {
        if (np.length && (isVerb(w.toLowerCase()) || /^\p{Ll}+ed$/u.test(w) || STOP.has(w.toLowerCase()) || new RegExp(`^${AUX}$`, 'i').test(w))) break;
        np.push(w);
        if (np.length === 3) break;
      }
      return keep(np.map((w) => (/^\p{Lu}/u.test(w) ? w : w.toLowerCase())).filter((w) => /^\p{Ll}/u.test(w)));
    }
    // "how much is the course record bonus": the head of the noun phrase.
    const be = new RegExp(`^(?:is|was|are|were)\\s+(?:the|a|an|his|her|its|their)\\s+((?:[\\p{Ll}-]+\\s*){1,4})$`, 'u').exec(m[1]!);
    if (be) return keep(words(be[1]!).slice(-1));
    // "how much did Lindqvist spend on her campaign": the verb and what it was spent on.
    const out: string[] = [];
    // The verb ends the run of words after the auxiliary; the word before it is the
    // subject's head: "how much does the automation *project* *cost*".
    const run: string[] = [];
    for (const w of rest.slice(1)) {
      if (/^(?:the|a|an|his|her|its|their)$/i.test(w) && !run.length) continue;
      if (STOP.has(w.toLowerCase()) || /^(?:per|to)$/i.test(w) || (run.length && /^\p{Lu}/u.test(w))) break;
      run.push(w);
    }
    const verb = run.length >= 2 ? run[run.length - 1] : undefined;
    // Only for verbs of price and size, whose subject is the thing measured; an agent
    // ("the hackers demand") is often named otherwise in the text ("a ransomware group").
    if (verb && /^(?:cost|costs|weigh|weighs|measure|measures)$/.test(verb) && /^\p{Ll}/u.test(run[run.length - 2]!)) out.push(...keep([run[run.length - 2]!]));
    const pp = /\b(?:on|for)\s+(?:(?:the|a|an|his|her|its|their)\s+)?((?:\p{Ll}[\p{Ll}-]+\s*){1,2})$/u.exec(m[1]!);
    if (pp) out.push(...keep(words(pp[1]!).slice(-1)));
    return out;
  }
  // "what is the teacher's salary", "what was the budget of The Well Keepers"
  m = new RegExp(`^what\\s+(?:is|was|are|were|will\\s+be)\\s+(?:the\\s+)?(?:[\\p{L}'’ -]+?['’]s?\\s+)?([\\p{Ll}-]+)(?:\\s+(?:of|for|in|at|on)\\b.*)?$`, 'u').exec(q);
  if (m) {
    // The possessor too: "the *ferry's* price" must be about the ferry.
    const owner = /\bthe\s+(\p{Ll}[\p{Ll}-]+)['’]s?\s+\p{Ll}/u.exec(q);
    return keep([...(owner ? [owner[1]!] : []), m[1]!]);
  }
  // "who is Daniel Kiptoo's coach", "who is the interior ministry spokesperson"
  m = new RegExp(`^who\\s+(?:is|was|are|were)\\s+(?:the\\s+|[\\p{L}'’ -]+?['’]s?\\s+)(?:[\\p{Ll}-]+\\s+){0,3}?([\\p{Ll}-]+)(?:\\s+(?:of|for|in|at|on)\\b.*)?$`, 'u').exec(q);
  if (m) return keep([m[1]!]);
  return [];
}

/** Whether a focus stem (or a synonym) is in sentence `i` or one beside it. */
function focusNear(read: ReadResult, i: number, focus: string[]): boolean {
  const near = [i - 1, i, i + 1].filter((k) => k >= 0 && k < read.sentences.length).flatMap((k) => tokens(read.sentences[k]!).map((t) => t.stem));
  const have = new Set(near);
  return focus.every((f) => have.has(f) || [...(SYN.get(f) ?? [])].some((x) => have.has(x)) || near.some((x) => x.length > 4 && f.length > 4 && (x.startsWith(f) || f.startsWith(x))));
}

/** Answers `question` from `read`; NO_ANSWER with no citations when the article does not say. */
export function askArticle(read: ReadResult, question: string, opts: AskOptions = {}): AskResult {
  const none: AskResult = { answer: NO_ANSWER, citations: [] };
  const q = typeof question === 'string' ? question.trim() : '';
  if (!q || !read || !Array.isArray(read.sentences) || !read.sentences.length) return none;
  const type = questionType(q);

  // Names in the question that the article never uses: it cannot be about them.
  const all = read.sentences.join(' \n ').toLowerCase();
  const qWords = q.replace(/^\s*\S+/, '').match(/\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*/gu) ?? [];
  for (const name of qWords) {
    const parts = name.replace(/['’]s$/, '').split(/\s+/).filter((p) => p.length > 2);
    if (parts.length && !parts.some((p) => all.includes(p.toLowerCase()))) return none;
  }

  const frame = FRAME_WORDS[type] ?? null;
  // "take part" is one light verb ("participate"), not the noun "part".
  const qBody = q.replace(/\b(?:take|takes|took|taking|taken)\s+part\b/gi, 'participated');
  const qTokens = tokens(qBody).filter((t) => !QUESTION_WORDS.has(t.w.toLowerCase()) && !STOP.has(t.w.toLowerCase()) && !frame?.test(t.w));
  const qTerms = [...new Set(qTokens.map((t) => t.stem))];
  if (!qTerms.length && type !== 'whois') return none;
  const verbTerms = new Set(qTokens.filter((t) => isVerb(t.w.toLowerCase())).map((t) => t.stem));
  const ranked = rankSentences(read, qTerms, verbTerms).sort((a, b) => b.score - a.score || a.index - b.index);
  const minCoverage = opts.minCoverage ?? 0.5;
  // Typed questions are checked again by their span (a figure, a date, a name must be
  // there), so they may go with less of the question found.
  const typed = type !== 'what' && type !== 'why' && type !== 'yesno';
  const need = typed ? minCoverage * 0.8 : minCoverage;
  const cand = ranked.filter((r) => r.score > 0 && r.coverage >= need * 0.8);
  if (type !== 'whois' && (!cand.length || cand[0]!.coverage < need)) return none;
  const cite = (i: number) => [{ sentence: i, text: read.sentences[i]! }];
  let found: { answer: string; sentence: number } | null = null;
  switch (type) {
    case 'whois':
      found = answerWhoIs(read, q) ?? (cand.length ? answerWho(read, q, cand) : null);
      break;
    case 'who':
      found = answerWho(read, q, cand);
      break;
    case 'when':
      found = answerWhen(read, cand);
      break;
    case 'where':
      found = answerWhere(read, q, cand);
      break;
    case 'howmany':
    case 'howmuch':
      found = answerNumber(read, q, cand, new Set(qTerms), minCoverage);
      break;
    case 'score':
      found = answerScore(read, cand);
      break;
    case 'which-place':
      found = answerPlaces(read, q, cand);
      break;
    case 'why':
      found = answerWhy(read, cand, new Set(qTerms)) ?? { answer: answerWhat(read, new Set(qTerms), cand[0]!), sentence: cand[0]!.index };
      break;
    case 'yesno': {
      const text = read.sentences[cand[0]!.index]!;
      const negative = /\b(?:not|no|never|n't|denied|refused|rejected|without)\b/i.test(text) !== /\b(?:not|no|never|n't)\b/i.test(q);
      found = { answer: negative ? 'No' : 'Yes', sentence: cand[0]!.index };
      break;
    }
    default: {
      if (WORK_Q.test(q)) {
        found = answerTitle(read, q, cand);
        if (found) break;
      }
      let answer = answerWhat(read, new Set(qTerms), cand[0]!);
      // "Which website ...?": a name at the start of the span is the answer.
      if (/^(?:which|what)\s+(?!(?:did|do|does|is|was|are|were|has|have|had|will|would|can|could|happened)\b)[\p{L}-]+/iu.test(q)) {
        const name = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|the|for|and)\s+)?\p{Lu}[\p{L}'’.-]*)*/u.exec(answer);
        if (name) answer = name[0];
      }
      found = { answer, sentence: cand[0]!.index };
    }
  }
  if (!found || !found.answer.trim()) return none;
  const focus = focusTerms(q);
  if (focus.length && !focusNear(read, found.sentence, focus)) return none;
  return { answer: found.answer.trim(), citations: cite(found.sentence) };
}
