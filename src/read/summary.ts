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
const CAPTION_RE = /^(?:Photo|Picture|Image|File photo|Video|Watch|Read more|Related|Advertisement|Sign up|Subscribe)\b/i;

function isCandidate(s: Sentence, words: number): boolean {
  const t = s.text.trim();
  if (words < 6 || words > 70) return false;
  if (/\?["”’)]?$/.test(t)) return false;
  if (!/[.!"”’)]$/.test(t)) return false; // headings, list items, captions without a stop
  if (/^\p{Ll}/u.test(t)) return false; // continuation of a list
  if (CAPTION_RE.test(t)) return false;
  return true;
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
  const doc = tfidf(terms.flat(), idf);
  const titleTerms = new Set(title ? contentTerms(title.text) : []);

  // Central entities: the three most mentioned of any kind.
  const central: string[][] = [];
  if (opts.entities) {
    const all = [...opts.entities.people, ...opts.entities.organizations, ...opts.entities.places].sort((a, b) => b.mentions - a.mentions).slice(0, 4);
    for (const e of all) if (e.mentions >= 2) central.push([e.name, ...e.aliases].map((x) => x.toLowerCase()));
  }
  const lastParagraph = body[body.length - 1]!.paragraph;

  const wordCounts = body.map((s) => s.text.split(/\s+/).filter(Boolean).length);
  const candidates: { i: number; score: number }[] = [];
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const s = body[i]!;
    if (!isCandidate(s, wordCounts[i]!)) continue;
    if (s.paragraph === lastParagraph && n > 5 && BIO_RE.test(s.text)) continue;
    const position = 1 / (1 + 0.35 * rank);
    rank++;
    const centrality = cosine(vecs[i]!, doc);
    let titleOverlap = 0;
    if (titleTerms.size) {
      const set = new Set(terms[i]);
      let hit = 0;
      for (const t of titleTerms) if (set.has(t)) hit++;
      titleOverlap = hit / titleTerms.size;
    }
    const lower = s.text.toLowerCase();
    const entityCover = central.length ? central.filter((forms) => forms.some((f) => lower.includes(f))).length / central.length : 0;
    // Sentences that are only a quotation carry voice more than facts.
    const quoteShare = (s.text.match(/["“”]/g)?.length ?? 0) >= 2 && /^["“']/.test(s.text.trim()) ? 0.1 : 0;
    const score = 0.45 * position + 0.3 * centrality + 0.15 * titleOverlap + 0.1 * entityCover - quoteShare;
    candidates.push({ i, score });
  }
  const wanted = Math.max(3, Math.min(5, opts.count ?? (n <= 40 ? 3 : n <= 80 ? 4 : 5)));
  // Few candidates (short or unpunctuated text): fall back to the first body sentences.
  if (candidates.length < Math.min(wanted, n)) {
    const have = new Set(candidates.map((c) => c.i));
    for (let i = 0; i < n && have.size < Math.min(wanted, n); i++) {
      if (!have.has(i) && wordCounts[i]! >= 3) {
        have.add(i);
        candidates.push({ i, score: -1 });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: number[] = [];
  for (const c of candidates) {
    if (picked.length >= wanted) break;
    const redundant = picked.some((p) => cosine(vecs[p]!, vecs[c.i]!) > 0.5);
    if (!redundant) picked.push(c.i);
  }
  return picked.sort((a, b) => a - b).map((i) => ({ text: body[i]!.text, sentence: body[i]!.index }));
}
