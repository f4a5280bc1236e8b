/**
 * Sparse TF-IDF vectors for story clustering, with document frequencies learned from the
 * stream itself (`TermStats`), so no background corpus has to ship.
 */
import { capitalisedNames, normalizeText, terms, words } from './text.ts';

/** Document frequencies, learned incrementally. A database-backed version is a (term, df) table plus a counter. */
export interface TermStats {
  docs(): number;
  df(term: string): number;
  /** Counts one document containing each of `keys` once. */
  addDoc(keys: Iterable<string>): void;
}

export class MemoryTermStats implements TermStats {
  private n = 0;
  private readonly counts = new Map<string, number>();
  docs(): number {
    return this.n;
  }
  df(term: string): number {
    return this.counts.get(term) ?? 0;
  }
  addDoc(keys: Iterable<string>): void {
    this.n++;
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  get vocabulary(): number {
    return this.counts.size;
  }
}

/**
 * Smoothed IDF. The prior of `PRIOR_DOCS` pseudo-documents in which no term occurs keeps the
 * first articles of a stream from treating every word as equally rare: while the stream is
 * short, all weights sit near ln(1 + PRIOR_DOCS), and they separate as it grows.
 */
const PRIOR_DOCS = 50;
export function idf(stats: TermStats, term: string): number {
  return Math.log(1 + (stats.docs() + PRIOR_DOCS) / (stats.df(term) + 1));
}

export type SparseVector = Map<string, number>;

export function norm(v: SparseVector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) {
    const u = large.get(k);
    if (u !== undefined) s += w * u;
  }
  return s;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const na = norm(a);
  const nb = norm(b);
  return na && nb ? dot(a, b) / (na * nb) : 0;
}

/** Keeps the `k` heaviest entries (all when there are fewer). */
export function topK(v: SparseVector, k: number): SparseVector {
  if (v.size <= k) return v;
  const entries = [...v].sort((x, y) => y[1] - x[1]).slice(0, k);
  return new Map(entries);
}

export function normalize(v: SparseVector): SparseVector {
  const n = norm(v);
  if (!n) return v;
  const out: SparseVector = new Map();
  for (const [k, w] of v) out.set(k, w / n);
  return out;
}

export interface TermCounts {
  /** Term -> weighted count (title occurrences count `titleWeight` times). */
  terms: Map<string, number>;
  /** Entity key ("e:" + lower-cased name) -> mentions. */
  entities: Map<string, number>;
  /** Terms of the title alone, for choosing a story's headline. */
  titleTerms: Map<string, number>;
}

export interface CountOptions {
  titleWeight: number;
  /** Body words beyond this are ignored: the lead of a news report says what it is about. */
  maxBodyWords: number;
}

/**
 * Counts the terms and entities of an article. `entities` (names from the reading engine)
 * replace the cheap capitalised-name extraction when given.
 */
export function countTerms(title: string, text: string, entities: readonly string[] | undefined, opts: CountOptions): TermCounts {
  const bodyWords = text.split(/\s+/);
  const body = bodyWords.length > opts.maxBodyWords ? bodyWords.slice(0, opts.maxBodyWords).join(' ') : text;
  const t = new Map<string, number>();
  const titleTerms = new Map<string, number>();
  for (const w of terms(title)) {
    titleTerms.set(w, (titleTerms.get(w) ?? 0) + 1);
    t.set(w, (t.get(w) ?? 0) + opts.titleWeight);
  }
  for (const w of terms(body)) t.set(w, (t.get(w) ?? 0) + 1);
  const e = new Map<string, number>();
  const names = entities ?? capitalisedNames(isTitleCase(title) ? body : `${title}.\n${body}`);
  for (const raw of names) {
    const name = normalizeText(raw).replace(/\s+/g, ' ').trim();
    if (name.length < 2) continue;
    const key = `e:${name}`;
    e.set(key, (e.get(key) ?? 0) + 1);
  }
  return { terms: t, entities: e, titleTerms };
}

/** A headline in Title Case capitalises ordinary words, which would all look like names. */
function isTitleCase(title: string): boolean {
  const ws = words(title);
  if (ws.length < 4) return false;
  const raw = title.split(/\s+/).filter((w) => /^[\p{L}]/u.test(w));
  const caps = raw.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / Math.max(1, raw.length) > 0.6;
}

/** Sublinear TF times IDF, cut to the `k` heaviest terms, unit length. */
export function weigh(counts: Map<string, number>, stats: TermStats, k: number): SparseVector {
  const v: SparseVector = new Map();
  for (const [term, tf] of counts) v.set(term, (1 + Math.log(tf)) * idf(stats, term));
  return normalize(topK(v, k));
}

/** Binary presence times IDF: an entity named once counts as much as one named ten times. */
export function weighEntities(counts: Map<string, number>, stats: TermStats, k: number): SparseVector {
  const v: SparseVector = new Map();
  for (const [key, n] of counts) v.set(key, (1 + 0.25 * Math.log(n)) * idf(stats, key));
  return normalize(topK(v, k));
}
