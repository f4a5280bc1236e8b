/**
 * Related articles for one article: first the other articles of its story, then similar
 * articles from other stories (shared entities and terms, recent ones ahead), never the
 * article itself nor any copy of it, and one copy per group of near-duplicates.
 *
 * `relatedArticles` is a pure function over a candidate set; `RelatedIndex` is a small
 * inverted index that supplies candidates (the pipeline can supply them from the search
 * index or the entity link table instead).
 */
import { dot, type SparseVector } from './vectors.ts';

export interface RelatedArticle {
  id: string;
  story: string | null;
  /** Canonical copy when this article is a near-duplicate, else null. */
  duplicateOf: string | null;
  publishedMs: number;
  /** Unit-length TF-IDF vector of terms. */
  vector: SparseVector;
  /** Unit-length IDF-weighted vector of entity keys. */
  entities: SparseVector;
}

export interface RelatedOptions {
  limit: number;
  /** Articles from other stories need at least this similarity. */
  minSimilarity: number;
  /** Similarity halves for an article this many days older than the target... */
  halfLifeDays: number;
  entityWeight: number;
}

export const DEFAULT_RELATED: RelatedOptions = { limit: 10, minSimilarity: 0.12, halfLifeDays: 14, entityWeight: 0.4 };

export interface RelatedResult {
  id: string;
  /** "story": same story; "similar": another story sharing entities and terms. */
  kind: 'story' | 'similar';
  /** Similarity in [0, 1] (time-discounted for "similar"). */
  score: number;
}

const DAY_MS = 86_400_000;

function similarity(a: RelatedArticle, b: RelatedArticle, entityWeight: number): number {
  const text = dot(a.vector, b.vector);
  if (a.entities.size === 0 || b.entities.size === 0) return text * (1 - entityWeight);
  return (1 - entityWeight) * text + entityWeight * dot(a.entities, b.entities);
}

/** The copy group an article belongs to: its canonical copy's id, or its own. */
function copyGroup(a: RelatedArticle): string {
  return a.duplicateOf ?? a.id;
}

/**
 * Ranks `candidates` as related to `target`. Same-story articles come first (by similarity),
 * then others above `minSimilarity`, scored by similarity times a recency factor.
 */
export function relatedArticles(target: RelatedArticle, candidates: Iterable<RelatedArticle>, options: Partial<RelatedOptions> = {}): RelatedResult[] {
  const o = { ...DEFAULT_RELATED, ...options };
  const own = copyGroup(target);
  const best = new Map<string, RelatedResult & { rank: number }>();
  for (const c of candidates) {
    if (c.id === target.id) continue;
    const group = copyGroup(c);
    if (group === own || c.duplicateOf === target.id || target.duplicateOf === c.id) continue;
    const sim = similarity(target, c, o.entityWeight);
    const isSameStory = target.story !== null && c.story === target.story;
    let result: RelatedResult & { rank: number };
    if (isSameStory) {
      result = { id: c.id, kind: 'story', score: clamp(sim), rank: 1 + clamp(sim) };
    } else {
      if (sim < o.minSimilarity) continue;
      const ageDays = Math.abs(target.publishedMs - c.publishedMs) / DAY_MS;
      const score = clamp(sim * Math.pow(0.5, ageDays / o.halfLifeDays));
      result = { id: c.id, kind: 'similar', score, rank: score };
    }
    // One entry per copy group: the best-ranked copy stands for the others.
    const prev = best.get(group);
    if (!prev || result.rank > prev.rank) best.set(group, result);
  }
  return [...best.values()]
    .sort((a, b) => b.rank - a.rank || a.id.localeCompare(b.id))
    .slice(0, o.limit)
    .map(({ id, kind, score }) => ({ id, kind, score }));
}

function clamp(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/**
 * Inverted index from the heaviest terms and entities of each article to the most recent
 * articles that have them (at most `maxPerKey`), so finding candidates costs the same at
 * any size.
 */
export class RelatedIndex {
  private readonly articles = new Map<string, RelatedArticle>();
  private readonly postings = new Map<string, string[]>();
  constructor(
    private readonly keysPerArticle = 12,
    private readonly maxPerKey = 200,
  ) {}

  add(a: RelatedArticle): void {
    this.articles.set(a.id, a);
    for (const k of this.keys(a)) {
      const p = this.postings.get(k) ?? this.postings.set(k, []).get(k)!;
      p.push(a.id);
      if (p.length > this.maxPerKey) p.shift();
    }
  }

  get(id: string): RelatedArticle | undefined {
    return this.articles.get(id);
  }

  /** Articles sharing a heavy term or entity with `target`, plus the given story members. */
  candidates(target: RelatedArticle, storyMembers: readonly string[] = [], max = 300): RelatedArticle[] {
    const rough = new Map<string, number>();
    for (const k of this.keys(target)) {
      const w = target.vector.get(k) ?? target.entities.get(k) ?? 0;
      for (const id of this.postings.get(k) ?? []) rough.set(id, (rough.get(id) ?? 0) + w);
    }
    const ids = [...rough].sort((a, b) => b[1] - a[1]).slice(0, max).map(([id]) => id);
    const out = new Map<string, RelatedArticle>();
    for (const id of [...storyMembers, ...ids]) {
      const a = this.articles.get(id);
      if (a) out.set(id, a);
    }
    return [...out.values()];
  }

  private keys(a: RelatedArticle): string[] {
    const top = (v: SparseVector, n: number) => [...v].sort((x, y) => y[1] - x[1]).slice(0, n).map(([k]) => k);
    return [...top(a.vector, this.keysPerArticle), ...top(a.entities, Math.ceil(this.keysPerArticle / 2))];
  }
}
