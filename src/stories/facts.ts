/**
 * Story facts: what the articles of one story say together. Outlets with their first and
 * latest report, one timeline with every citation, quotes grouped by speaker, and the
 * figures on which sources disagree (each value cited to outlet, article and sentence).
 *
 * Input is each article's reading result (sentences, timeline, quotes, figures); the shapes
 * are declared here structurally so the module depends on no other stage.
 */
import { normalizeText, stem, terms } from './text.ts';

export interface FactFigure {
  value: number;
  unit: string | null;
  what: string | null;
  qualifier: string | null;
  text: string;
  sentence: number;
}

export interface FactTimelineEntry {
  date: string;
  text?: string;
  event: string;
  sentence: number;
}

export interface FactQuote {
  speaker: string | null;
  text: string;
  sentence: number;
}

export interface FactArticle {
  id: string;
  source: string;
  publishedMs: number;
  title?: string;
  /** The article body as extracted: its first and last lines carry an agency credit that sentence splitting may drop. */
  text?: string;
  /** The agency this article republishes, when known; otherwise detected from the sentences or `text`. */
  credit?: string | null;
  read: {
    sentences: readonly string[];
    timeline?: readonly FactTimelineEntry[];
    quotes?: readonly FactQuote[];
    figures?: readonly FactFigure[];
  };
}

/** A pointer to one sentence of one article. */
export interface Citation {
  article: string;
  /** The outlet that published the article. */
  source: string;
  /** The news agency the article credits ("(Reuters)" at its end), when it republishes one. */
  via: string | null;
  sentence: number;
  text: string;
}

export interface OutletFacts {
  source: string;
  articles: string[];
  firstMs: number;
  latestMs: number;
}

export interface TimelineFact {
  date: string;
  event: string;
  citations: Citation[];
}

export interface SpeakerQuotes {
  speaker: string | null;
  quotes: { text: string; citations: Citation[] }[];
}

export interface FigureValue {
  value: number;
  unit: string | null;
  qualifier: string | null;
  /** The figure as written in the first citation. */
  text: string;
  /** Who reported it: the credited agency of a republished report, else the outlet. */
  sources: string[];
  citations: Citation[];
}

export interface Disagreement {
  /** Normalised measure: "people killed", "troops killed", "people injured", ... */
  measure: string;
  values: FigureValue[];
}

export interface StoryFacts {
  articleCount: number;
  outletCount: number;
  outlets: OutletFacts[];
  first: { article: string; source: string; publishedMs: number } | null;
  latest: { article: string; source: string; publishedMs: number } | null;
  timeline: TimelineFact[];
  quotes: SpeakerQuotes[];
  disagreements: Disagreement[];
}

/** Computes the facts of one story from its articles. Bad entries (sentence out of range, non-finite value) are skipped, never thrown. */
export function storyFacts(articles: readonly FactArticle[]): StoryFacts {
  const sorted = [...articles].sort((a, b) => a.publishedMs - b.publishedMs || a.id.localeCompare(b.id));
  const outlets = new Map<string, OutletFacts>();
  for (const a of sorted) {
    const key = outletKey(a.source);
    const o = outlets.get(key);
    if (!o) outlets.set(key, { source: a.source, articles: [a.id], firstMs: a.publishedMs, latestMs: a.publishedMs });
    else {
      o.articles.push(a.id);
      o.firstMs = Math.min(o.firstMs, a.publishedMs);
      o.latestMs = Math.max(o.latestMs, a.publishedMs);
    }
  }
  const first = sorted[0];
  const latest = sorted[sorted.length - 1];
  return {
    articleCount: sorted.length,
    outletCount: outlets.size,
    outlets: [...outlets.values()].sort((a, b) => a.firstMs - b.firstMs),
    first: first ? { article: first.id, source: first.source, publishedMs: first.publishedMs } : null,
    latest: latest ? { article: latest.id, source: latest.source, publishedMs: latest.publishedMs } : null,
    timeline: mergeTimeline(sorted),
    quotes: quotesBySpeaker(sorted),
    disagreements: disagreements(sorted),
  };
}

function outletKey(source: string): string {
  return normalizeText(source).replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
}

function cite(a: FactArticle, sentence: number): Citation | null {
  if (!Number.isInteger(sentence) || sentence < 0 || sentence >= a.read.sentences.length) return null;
  return { article: a.id, source: a.source, via: creditOf(a), sentence, text: a.read.sentences[sentence]! };
}

const creditCache = new WeakMap<FactArticle, string | null>();
function creditOf(a: FactArticle): string | null {
  if (a.credit !== undefined) return a.credit;
  let c = creditCache.get(a);
  if (c === undefined) {
    const body = a.text?.trim() ?? '';
    c = wireCredit(a.read.sentences) ?? (body ? wireCredit([body.slice(0, 200), body.slice(-200)]) : null);
    creditCache.set(a, c);
  }
  return c;
}

const AGENCY = String.raw`Reuters|AFP|AP|Associated Press|Agence France-Presse|Bloomberg|dpa|Xinhua|Kyodo|EFE|ANSA|PTI|ANI|IANS|Anadolu|Yonhap|TASS|Interfax|UPI|AAP|Bernama|Antara`;
const CREDIT_END = new RegExp(String.raw`[(\[]\s*(${AGENCY})\s*[)\]]\s*$|[-–—]\s*(${AGENCY})\s*$`);
const CREDIT_START = new RegExp(String.raw`^[^.]{0,60}?[(]\s*(${AGENCY})\s*[)]\s*[-–—:]`);

/**
 * The agency a republished report credits: "... overnight. (AFP)" at the end, or a dateline
 * "SWEIDA, Syria (Reuters) -" at the start. Two outlets running one agency's copy are one
 * source, and one outlet running two agencies' copies is two.
 */
export function wireCredit(sentences: readonly string[]): string | null {
  const tail = sentences.slice(-2).join(' ').trim();
  const end = tail.match(CREDIT_END);
  if (end) return end[1] ?? end[2] ?? null;
  const start = (sentences[0] ?? '').match(CREDIT_START) ?? (sentences[1] ?? '').match(CREDIT_START);
  return start ? start[1]! : null;
}

function termSet(text: string): Set<string> {
  return new Set(terms(text));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Entries with the same date and nearly the same event (term Jaccard >= 0.5) become one, keeping every citation. */
function mergeTimeline(articles: readonly FactArticle[]): TimelineFact[] {
  const byDate = new Map<string, { fact: TimelineFact; terms: Set<string> }[]>();
  for (const a of articles) {
    for (const e of a.read.timeline ?? []) {
      const c = cite(a, e.sentence);
      if (!c || !e.date) continue;
      const ts = termSet(e.event);
      const list = byDate.get(e.date) ?? byDate.set(e.date, []).get(e.date)!;
      const same = list.find((x) => jaccard(x.terms, ts) >= 0.5);
      if (same) {
        if (!same.fact.citations.some((x) => x.article === c.article && x.sentence === c.sentence)) same.fact.citations.push(c);
      } else list.push({ fact: { date: e.date, event: e.event, citations: [c] }, terms: ts });
    }
  }
  return [...byDate.values()].flat().map((x) => x.fact).sort((a, b) => a.date.localeCompare(b.date));
}

function speakerKey(speaker: string | null): string {
  return speaker ? normalizeText(speaker).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim() : '';
}

/** Quotes grouped by speaker across articles; the same words quoted by several outlets are one quote with several citations. */
function quotesBySpeaker(articles: readonly FactArticle[]): SpeakerQuotes[] {
  const groups = new Map<string, SpeakerQuotes & { keys: Map<string, number> }>();
  for (const a of articles) {
    for (const q of a.read.quotes ?? []) {
      const c = cite(a, q.sentence);
      if (!c || !q.text.trim()) continue;
      const sk = speakerKey(q.speaker);
      const g = groups.get(sk) ?? groups.set(sk, { speaker: q.speaker, quotes: [], keys: new Map() }).get(sk)!;
      const qk = normalizeText(q.text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const at = g.keys.get(qk);
      if (at !== undefined) g.quotes[at]!.citations.push(c);
      else {
        g.keys.set(qk, g.quotes.length);
        g.quotes.push({ text: q.text, citations: [c] });
      }
    }
  }
  return [...groups.values()]
    .map(({ speaker, quotes }) => ({ speaker, quotes }))
    .sort((a, b) => (a.speaker === null ? 1 : b.speaker === null ? -1 : b.quotes.length - a.quotes.length));
}

// What happened to those counted, by the words reports use for it.
const OUTCOMES: [RegExp, string][] = [
  [/\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|death toll|toll|lives|fatalit(?:y|ies)|bodies|perished|slain|executed|executions?)\b/, 'killed'],
  [/\b(?:wounded|injur(?:ed|ies|y)|hurt|casualties)\b/, 'injured'],
  [/\b(?:missing|unaccounted)\b/, 'missing'],
  [/\b(?:displaced|fled|homeless|refugees)\b/, 'displaced'],
  [/\b(?:evacuated|evacuees|evacuation)\b/, 'evacuated'],
  [/\b(?:arrested|detained|arrests|detentions|held)\b/, 'arrested'],
  [/\b(?:rescued|saved)\b/, 'rescued'],
];

// Who is counted, folded to one word per kind.
const SUBJECTS: [RegExp, string][] = [
  [/\b(?:troops|soldiers?|servicem[ae]n|service members|military personnel|security forces|security personnel)\b/, 'troops'],
  [/\b(?:police(?:m[ae]n| officers)?|officers)\b/, 'police'],
  [/\b(?:civilians?)\b/, 'civilians'],
  [/\b(?:children|minors|kids)\b/, 'children'],
  [/\b(?:fighters?|militants?|rebels?|gunmen|insurgents?|combatants?)\b/, 'fighters'],
  [/\b(?:passengers?)\b/, 'passengers'],
  [/\b(?:migrants?)\b/, 'migrants'],
  [/\b(?:workers?|miners?)\b/, 'workers'],
  [/\b(?:people|persons?|individuals|residents?|villagers?)\b/, 'people'],
];

/**
 * Folds a figure's description into a measure that different outlets share: "killed",
 * "people have been killed" and "death toll" become "people killed"; "government troops"
 * in a sentence about deaths becomes "troops killed". A capitalised group name before the
 * subject is kept ("druze fighters killed"), so that counts of different sides are not compared.
 * Returns null for a figure that counts nothing recognisable (a year, a bare number).
 */
export function normaliseMeasure(f: Pick<FactFigure, 'what' | 'unit' | 'text'>, sentence: string): string | null {
  const what = normalizeText(f.what ?? '');
  const written = normalizeText(f.text);
  const own = `${what} ${written}`;
  let outcome = OUTCOMES.find(([re]) => re.test(own))?.[1] ?? null;
  if (!outcome) {
    // The outcome is often outside the figure: "claimed the lives of 287 government troops".
    const inSentence = new Set(OUTCOMES.filter(([re]) => re.test(normalizeText(sentence))).map(([, o]) => o));
    if (inSentence.size === 1) outcome = [...inSentence][0]!;
  }
  const subjectMatch = SUBJECTS.find(([re]) => re.test(own));
  let subject = subjectMatch?.[1] ?? null;
  if (subject && subject !== 'people') {
    const modifier = groupModifier(f.what ?? f.text, subjectMatch![0]);
    if (modifier) subject = `${modifier} ${subject}`;
  } else if (!subject) {
    // An unlisted group ("three Bedouin" -> what "bedouins executed"): its own words are the subject.
    const rest = terms(what).filter((w) => !OUTCOMES.some(([re]) => re.test(w)) && !/^(?:more|least|than|about|around|some|over|under)$/.test(w));
    if (rest.length) subject = rest.join(' ');
  }
  const unit = f.unit ? normalizeText(f.unit) : null;
  const isCount = !unit || /^(?:people|persons?)$/.test(unit) || SUBJECTS.some(([re]) => re.test(unit));
  if (outcome && isCount) return `${subject ?? 'people'} ${outcome}`;
  const base = terms(what).map(stem).join(' ');
  if (!base) return null;
  return unit && !isCount ? `${base} (${unit})` : base;
}

/** A capitalised word right before the subject noun ("Druze fighters", "Israeli soldiers"), lower-cased; "Government" does not count. */
function groupModifier(raw: string, subjectRe: RegExp): string | null {
  const m = raw.match(new RegExp(`(\\p{Lu}[\\p{L}-]+)\\s+(?=${subjectRe.source.replace(/\\b/g, '')})`, 'iu'));
  if (!m || !/^\p{Lu}/u.test(m[1]!)) return null;
  const w = m[1]!.toLowerCase();
  return w === 'government' || w === 'the' || w === 'at' ? null : w;
}

/** Measures for which two outlets report different values. */
function disagreements(articles: readonly FactArticle[]): Disagreement[] {
  const byMeasure = new Map<string, Map<number, FigureValue>>();
  for (const a of articles) {
    for (const f of a.read.figures ?? []) {
      if (!Number.isFinite(f.value)) continue;
      const c = cite(a, f.sentence);
      if (!c) continue;
      const measure = normaliseMeasure(f, c.text);
      if (!measure) continue;
      const values = byMeasure.get(measure) ?? byMeasure.set(measure, new Map()).get(measure)!;
      const v = values.get(f.value);
      const reporter = c.via ?? a.source;
      if (v) {
        if (!v.citations.some((x) => x.article === c.article && x.sentence === c.sentence)) v.citations.push(c);
        if (!v.sources.some((o) => outletKey(o) === outletKey(reporter))) v.sources.push(reporter);
      } else values.set(f.value, { value: f.value, unit: f.unit, qualifier: f.qualifier, text: f.text, sources: [reporter], citations: [c] });
    }
  }
  const out: Disagreement[] = [];
  for (const [measure, values] of byMeasure) {
    if (values.size < 2) continue;
    const list = [...values.values()];
    // Different sources with different values: some value comes from a source that does not give another one.
    const outletSets = list.map((v) => new Set(v.sources.map(outletKey)));
    const isDisputed = outletSets.some((s, i) => outletSets.some((t, j) => j !== i && [...t].some((o) => !s.has(o))));
    if (!isDisputed) continue;
    out.push({ measure, values: list.sort((a, b) => b.value - a.value) });
  }
  return out.sort((a, b) => a.measure.localeCompare(b.measure));
}
