/**
 * Extractive summary: the 3 to 5 body sentences a reader would pick, in article order.
 *
 * Score per candidate sentence = position prior (news puts the facts first) + centrality
 * (TF-IDF cosine to the whole article, so sentences about the main topic win) + overlap
 * with the title + coverage of the article's central entities. Selection is greedy with
 * redundancy removal (MMR): a sentence too similar to one already picked is passed over.
 * Not candidates: the title, questions, headings and list items without final
 * punctuation, very short or very long sentences, photo captions, author bios, and
 * lines that are mostly a quote with no reporting around it after better ones exist.
 */
import type { Entities, Sentence, SummaryEntry } from './types.ts';

export interface SummaryOptions {
  hasTitle: boolean;
  /** Wanted number of sentences (clamped to 3..5); default depends on article length. */
  count?: number;
  entities?: Entities;
}

const STOP = new Set(
  `a an the and or but if then so of to in on at by for with from as into onto over under about after before between during through
against among within without this that these those it its he she they them his her their we our you your i me my is are was were be been
being have has had do does did will would can could should may might must shall not no nor than too very just also only own same such
some any each all both few more most other which who whom whose what when where why how there here up down out off again further once
said says say told tell according says mr mrs ms one two new year years`.split(/\s+/),
);

/** A light stemmer: enough to match "clashes"/"clash", "killed"/"killing". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && /(?:ches|shes|sses|xes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && /([^aeiou])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  // "arrive"/"arrived", "force"/"forces" meet at "arriv", "forc".
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/['’]s$/, '');
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

type Vec = Map<string, number>;

function tfidf(terms: string[], idf: Map<string, number>): Vec {
  const v: Vec = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
  for (const [t, n] of v) v.set(t, (1 + Math.log(n)) * (idf.get(t) ?? 1));
  return v;
}

function cosine(a: Vec, b: Vec): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const BIO_RE = /\b(?:is|are) (?:a|an|the) (?:[\w-]+ ){0,3}(?:fellow|consultant|professor|lecturer|correspondent|editor|reporter|writer|author|columnist|analyst|researcher|director|contributor)\b/i;
const CAPTION_RE = /^(?:Photo|Picture|Image|File photo|Video|Watch|Read more|Related|Advertisement|Sign up|Subscribe|Click here|Follow us|Copyright|All rights reserved|By\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*$)/iu;
/** A sentence that leans on the one before it: a pronoun subject or a linking adverb. */
const DEPENDENT_RE = /^(?:["“‘']\s*)?(?:But|However|And|Or|So|Yet|Also|Still|Meanwhile|Instead|Nevertheless|Nonetheless|Moreover|Furthermore|Besides|Then|Thus|Therefore|Indeed|In addition|As a result|That|This|These|Those|It|Its|He|She|They|Them|His|Her|Their|We|Our|There|Here|Such)\b/;
/** "LONDON (Reuters) -", "PARIS, May 3 (AFP) —", "WASHINGTON —": a wire dateline before the lead. */
const DATELINE_RE = /^(?:\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}(?:,\s*[\p{L}.\d ]{1,30})?\s*(?:\([\p{L}\s.&]{2,30}\))?\s*[-–—]{1,2}\s+|\([\p{L}\s.&]{2,30}\)\s*[-–—]{1,2}\s+)/u;

/** The sentence without a wire dateline ("LONDON (Reuters) - "). */
export function stripDateline(text: string): string {
  const m = DATELINE_RE.exec(text);
  return m && /^\p{Lu}/u.test(text.slice(m[0].length)) ? text.slice(m[0].length) : text;
}

function isCandidate(s: Sentence, words: number): boolean {
  const t = s.text.trim();
  if (words < 6 || words > 70) return false;
  if (/\?["”’)]?$/.test(t)) return false;
  if (!/[.!"”’)]$/.test(t)) return false; // headings, list items, captions without a stop
  if (/^\p{Ll}/u.test(t)) return false; // continuation of a list
  if (CAPTION_RE.test(t)) return false;
  return true;
}

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last week|this week)';
/** ", prosecutors said on Thursday." / ", according to the fire service." at the end of a sentence. */
const TAIL_ATTRIBUTION_RE = new RegExp(
  `,\\s+(?:(?:[\\p{L}'’.-]+\\s+){0,7}?(?:said|says|told [\\p{L}\\s]{2,30}?|announced|reported|added|confirmed)(?:\\s+(?:on|late on|early on|in a statement(?: on)?)\\s+${WEEKDAY})?(?:\\s+in a statement)?|according to (?:[\\p{L}'’.-]+\\s*){1,8})\\s*([.!])$`,
  'u',
);
/** "In a statement, ..." and similar openers that carry no fact. */
const LEAD_FRAME_RE = /^(?:In a statement|In a post on [\p{L}\s]{2,20}|Speaking to reporters|On the other hand),\s+(?=\p{Ll}|\p{Lu})/u;

/**
 * The sentence as a summary line: no wire dateline, no trailing "X said on Thursday"
 * frame, no "In a statement," opener. Never shorter than six words, and quotations are
 * left whole (their attribution is part of what they say).
 */
export function compressSentence(text: string): string {
  let t = stripDateline(text.trim());
  if (!/["“”]/.test(t)) {
    const m = TAIL_ATTRIBUTION_RE.exec(t);
    if (m && t.slice(0, m.index).split(/\s+/).length >= 6) t = t.slice(0, m.index) + m[1];
  }
  // Short asides in brackets ("(APS)", "(0912 GMT)") are detail, not summary.
  t = t.replace(/\s\([^()]{1,25}\)(?=[\s,.;:])/gu, '');
  const lead = LEAD_FRAME_RE.exec(t);
  if (lead) {
    const rest = t.slice(lead[0].length);
    t = rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return t;
}

/** Picks the summary sentences; returns [] for an article without body sentences. */
export function summarize(sentences: Sentence[], opts: SummaryOptions): SummaryEntry[] {
  const body = sentences.filter((s) => !(opts.hasTitle && s.index === 0));
  if (!body.length) return [];
  const title = opts.hasTitle ? sentences[0] : undefined;
  const terms = body.map((s) => contentTerms(s.text));
  const df = new Map<string, number>();
  for (const ts of terms) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = body.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  const vecs = terms.map((ts) => tfidf(ts, idf));
  const titleTerms = new Set(title ? contentTerms(title.text) : []);

  // Central entities: the most mentioned of any kind; their words weigh more below.
  const entityTerms = new Set<string>();
  if (opts.entities) {
    const all = [...opts.entities.people, ...opts.entities.organizations, ...opts.entities.places].sort((a, b) => b.mentions - a.mentions).slice(0, 4);
    for (const e of all) if (e.mentions >= 2) for (const t of contentTerms(e.name)) entityTerms.add(t);
  }
  // Topic weight of a word (SumBasic-like): the share of sentences that use it, raised for
  // title words and central entities. A summary should cover the heavy words once.
  const weight = new Map<string, number>();
  for (const [t, d] of df) {
    let w = d / n;
    if (d === 1) w *= 0.5; // a word used once is detail, not topic
    if (titleTerms.has(t)) w += 0.25;
    if (entityTerms.has(t)) w += 0.1;
    weight.set(t, w);
  }
  const lastParagraph = body[body.length - 1]!.paragraph;
  const wordCounts = body.map((s) => s.text.split(/\s+/).filter(Boolean).length);

  interface Cand {
    i: number;
    prior: number;
  }
  const candidates: Cand[] = [];
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const s = body[i]!;
    if (!isCandidate(s, wordCounts[i]!)) continue;
    if (s.paragraph === lastParagraph && n > 5 && BIO_RE.test(s.text)) continue;
    let prior = 1 / (1 + 0.1 * rank);
    rank++;
    const t = s.text.trim();
    if (rank > 1 && DEPENDENT_RE.test(t)) prior *= 0.55;
    // Sentences that are only a quotation carry voice more than facts.
    if (/^["“‘']/.test(t)) prior *= 0.7;
    if (/\d/.test(t)) prior *= 1.1; // figures are what highlights keep
    candidates.push({ i, prior });
  }
  const wanted = Math.max(3, Math.min(5, opts.count ?? (n <= 40 ? 3 : n <= 80 ? 4 : 5)));
  // Few candidates (short or unpunctuated text): fall back to the first body sentences.
  if (candidates.length < Math.min(wanted, n)) {
    const have = new Set(candidates.map((c) => c.i));
    for (let i = 0; i < n && have.size < Math.min(wanted, n); i++) {
      if (!have.has(i) && wordCounts[i]! >= 3) {
        have.add(i);
        candidates.push({ i, prior: 0.01 });
      }
    }
  }
  if (!candidates.length) return [];
  // The lead (first candidate) is almost always in a good news summary.
  const picked: number[] = [candidates[0]!.i];
  const covered = new Set(terms[picked[0]!]);
  const gain = (i: number): number => {
    const seen = new Set<string>();
    let g = 0;
    for (const t of terms[i]!) {
      if (seen.has(t)) continue;
      seen.add(t);
      g += (weight.get(t) ?? 0) * (covered.has(t) ? 0.15 : 1);
    }
    // Normalise by length so long sentences do not win on size alone.
    return g / Math.sqrt(Math.max(8, wordCounts[i]!));
  };
  while (picked.length < wanted) {
    let best: { i: number; score: number } | null = null;
    for (const c of candidates) {
      if (picked.includes(c.i)) continue;
      if (picked.some((p) => cosine(vecs[p]!, vecs[c.i]!) > 0.5)) continue;
      const score = gain(c.i) * c.prior;
      if (!best || score > best.score) best = { i: c.i, score };
    }
    if (!best) break;
    picked.push(best.i);
    for (const t of terms[best.i]!) covered.add(t);
  }
  return picked.sort((a, b) => a - b).map((i) => ({ text: compressSentence(body[i]!.text), sentence: body[i]!.index }));
}
