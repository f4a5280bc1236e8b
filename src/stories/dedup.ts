/**
 * Near-duplicate detection: the same report published by several outlets (wire copy),
 * possibly with another headline, boilerplate added or paragraphs cut.
 *
 * A new article's MinHash band keys look up candidates in hash buckets (cost independent
 * of how many articles are stored); each candidate is verified with the estimated Jaccard
 * similarity or, for a cut or extended copy, the estimated containment of the shorter
 * text in the longer. Duplicates form a group whose canonical copy is the wire's own
 * (source is a news agency) or else the earliest published.
 *
 * State sits behind `DedupStore`, so the same logic runs on the in-memory store here and
 * on tables later (a band table keyed by (band, key) with the article id).
 */
import { bandKeys, DEFAULT_MINHASH, estimateContainment, estimateJaccard, signature, type MinHashConfig } from './minhash.ts';
import { normalizeText } from './text.ts';

export interface DedupConfig {
  minhash: MinHashConfig;
  /** Verified duplicate when the estimated Jaccard similarity of the shingle sets is at least this. */
  minJaccard: number;
  /** ... or when the shorter text is at least this much contained in the longer one ... */
  minContainment: number;
  /** ... and the shorter text has at least this many shingles (a shared boilerplate line is not a copy). */
  minContainedShingles: number;
  /** Articles published more than this many days before the newest one are no longer candidates. */
  windowDays: number;
  /** Bucket entries kept per band key; a bucket shared by boilerplate cannot grow without bound. */
  maxBucket: number;
}

export const DEFAULT_DEDUP: DedupConfig = {
  minhash: DEFAULT_MINHASH,
  minJaccard: 0.5,
  minContainment: 0.8,
  minContainedShingles: 25,
  windowDays: 14,
  maxBucket: 64,
};

/** What the store keeps for one article while it can still be a duplicate's match. */
export interface DedupEntry {
  id: string;
  values: Uint32Array;
  shingles: number;
  publishedMs: number;
  isWire: boolean;
}

/** A set of copies of one report. `id` is stable (the first member's id); `canonical` may change. */
export interface DuplicateGroup {
  id: string;
  canonical: string;
  members: string[];
}

/** Storage for duplicate detection. Methods are synchronous: a database-backed store loads the window into memory or runs in a job's transaction. */
export interface DedupStore {
  /** Ids in one LSH bucket (may include articles already out of the window; the caller filters). */
  bucket(band: number, key: number): readonly string[];
  entry(id: string): DedupEntry | undefined;
  /** Stores an entry and its band keys; buckets keep at most `maxBucket` ids, newest last. */
  add(entry: DedupEntry, keys: Uint32Array, maxBucket: number): void;
  /** The group an article belongs to, if it has duplicates. */
  groupOf(id: string): DuplicateGroup | undefined;
  putGroup(group: DuplicateGroup): void;
  /** Drops entries published before `cutoffMs` from the buckets (groups are kept). */
  evictBefore(cutoffMs: number): void;
}

export interface DedupInput {
  id: string;
  title: string;
  text: string;
  publishedMs: number;
  source: string;
}

/**
 * The answer for one article. `duplicateOf` is the canonical copy it repeats, or null when
 * it has no copies or is itself the canonical copy. `group` is set whenever it has copies;
 * `canonicalChanged` when this article displaced the group's canonical copy (a wire's own
 * copy arriving after a republished one), so the caller updates the other members.
 */
export interface DedupResult {
  id: string;
  duplicateOf: string | null;
  group: DuplicateGroup | null;
  /** The stored article this one matched best, with the evidence. */
  match: { id: string; jaccard: number; containment: number } | null;
  canonicalChanged: { from: string; to: string } | null;
}

const WIRES = [
  'reuters', 'associated press', 'ap', 'ap news', 'apnews', 'afp', 'agence france-presse', 'agence france presse',
  'dpa', 'deutsche presse-agentur', 'efe', 'agencia efe', 'ansa', 'kyodo', 'kyodo news', 'xinhua', 'pa media',
  'press association', 'upi', 'united press international', 'anadolu', 'anadolu agency', 'pti', 'press trust of india',
  'ani', 'yonhap', 'interfax', 'tass', 'jiji', 'jiji press', 'aap', 'australian associated press', 'the canadian press',
  'canadian press', 'bloomberg', 'bernama', 'antara', 'ians', 'europa press', 'belga', 'apa', 'ntb', 'tt', 'ritzau', 'stt',
];
const WIRE_SET = new Set(WIRES);

/** Whether a source name (or host) is a news agency whose copy is the original of what others republish. */
export function isWireSource(source: string): boolean {
  const s = normalizeText(source).trim().replace(/^www\./, '');
  if (WIRE_SET.has(s)) return true;
  const host = s.match(/^([a-z0-9-]+)\.(?:com|org|net|de|fr|it|es|jp|cn|in|ru|au|ca|co\.uk|co)(?:\/.*)?$/);
  if (host && WIRE_SET.has(host[1]!)) return true;
  // "Reuters via Yahoo" is a republisher; only the agency's own name counts.
  const stripped = s.replace(/\b(?:news agency|news|agency|wire|newswire)\b/g, '').replace(/\s+/g, ' ').trim();
  return WIRE_SET.has(stripped);
}

/** True when `a` should be the canonical copy rather than `b`: a wire copy first, then the earliest, then the smaller id. */
function betterCanonical(a: DedupEntry, b: DedupEntry): boolean {
  if (a.isWire !== b.isWire) return a.isWire;
  if (a.publishedMs !== b.publishedMs) return a.publishedMs < b.publishedMs;
  return a.id < b.id;
}

/**
 * The text that is compared: the body, with the title in front when the body is short, so that
 * a bodiless item still has a signature and two different items with the same stub body
 * ("Subscribe to continue reading") are not copies of each other.
 */
function comparableText(input: DedupInput): string {
  const body = input.text.trim();
  return body.split(/\s+/).length >= 50 ? body : `${input.title}\n${body}`;
}

/**
 * Finds whether `input` is a near-duplicate of a stored article, then stores it.
 * Calling it twice with the same id returns the stored answer without adding again.
 */
export function placeDuplicate(store: DedupStore, input: DedupInput, config: DedupConfig = DEFAULT_DEDUP): DedupResult {
  const unique: DedupResult = { id: input.id, duplicateOf: null, group: null, match: null, canonicalChanged: null };
  if (store.entry(input.id)) {
    // Placed before: the same answer again, matched to another member of its group.
    const g = store.groupOf(input.id) ?? null;
    const other = g ? (g.canonical !== input.id ? g.canonical : g.members.find((m) => m !== input.id)) : undefined;
    return { ...unique, group: g, duplicateOf: g && g.canonical !== input.id ? g.canonical : null, match: other ? { id: other, jaccard: 1, containment: 1 } : null };
  }
  const sig = signature(comparableText(input), config.minhash);
  if (!sig) return unique;
  const keys = bandKeys(sig.values, config.minhash);
  const windowMs = config.windowDays * 86_400_000;

  let best: { entry: DedupEntry; jaccard: number; containment: number; score: number } | null = null;
  const checked = new Set<string>();
  for (let b = 0; b < keys.length; b++) {
    for (const id of store.bucket(b, keys[b]!)) {
      if (checked.has(id) || id === input.id) continue;
      checked.add(id);
      const e = store.entry(id);
      if (!e || Math.abs(e.publishedMs - input.publishedMs) > windowMs) continue;
      const jaccard = estimateJaccard(sig.values, e.values);
      const containment = estimateContainment(jaccard, sig.shingles, e.shingles);
      const isDup =
        jaccard >= config.minJaccard ||
        (containment >= config.minContainment && Math.min(sig.shingles, e.shingles) >= config.minContainedShingles);
      if (!isDup) continue;
      const score = Math.max(jaccard, containment * 0.99);
      if (!best || score > best.score) best = { entry: e, jaccard, containment, score };
    }
  }

  const entry: DedupEntry = { id: input.id, values: sig.values, shingles: sig.shingles, publishedMs: input.publishedMs, isWire: isWireSource(input.source) };
  store.add(entry, keys, config.maxBucket);
  if (!best) return unique;

  const group: DuplicateGroup = store.groupOf(best.entry.id) ?? { id: best.entry.id, canonical: best.entry.id, members: [best.entry.id] };
  group.members.push(input.id);
  const current = store.entry(group.canonical);
  let canonicalChanged: DedupResult['canonicalChanged'] = null;
  // A canonical copy that has left the window keeps its place unless the newcomer is a wire copy.
  if (current ? betterCanonical(entry, current) : entry.isWire) {
    canonicalChanged = { from: group.canonical, to: input.id };
    group.canonical = input.id;
  }
  store.putGroup(group);
  return {
    id: input.id,
    duplicateOf: group.canonical === input.id ? null : group.canonical,
    group,
    match: { id: best.entry.id, jaccard: best.jaccard, containment: best.containment },
    canonicalChanged,
  };
}

/** The canonical copy an article duplicates, or null when it is itself canonical or has no copies. */
export function duplicateOf(store: DedupStore, id: string): string | null {
  const g = store.groupOf(id);
  return g && g.canonical !== id ? g.canonical : null;
}

/**
 * In-memory `DedupStore`: one Map per band from 30-bit key to ids, a FIFO of entries
 * by publication time for eviction. Memory is bounded by the window, not by the stream:
 * evicted entries lose their signature; only groups with two or more members stay.
 */
export class MemoryDedupStore implements DedupStore {
  private readonly bands: Map<number, string | string[]>[] = [];
  private readonly entries = new Map<string, { entry: DedupEntry; keys: Uint32Array }>();
  private readonly groups = new Map<string, DuplicateGroup>();
  private queue: DedupEntry[] = [];
  private queueHead = 0;

  bucket(band: number, key: number): readonly string[] {
    const v = this.bands[band]?.get(key);
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  }

  entry(id: string): DedupEntry | undefined {
    return this.entries.get(id)?.entry;
  }

  add(entry: DedupEntry, keys: Uint32Array, maxBucket: number): void {
    this.entries.set(entry.id, { entry, keys });
    for (let b = 0; b < keys.length; b++) {
      const map = (this.bands[b] ??= new Map());
      const v = map.get(keys[b]!);
      if (v === undefined) map.set(keys[b]!, entry.id);
      else if (typeof v === 'string') map.set(keys[b]!, [v, entry.id]);
      else {
        v.push(entry.id);
        if (v.length > maxBucket) v.shift();
      }
    }
    this.queue.push(entry);
  }

  groupOf(id: string): DuplicateGroup | undefined {
    return this.groups.get(id);
  }

  putGroup(group: DuplicateGroup): void {
    for (const m of group.members) this.groups.set(m, group);
  }

  evictBefore(cutoffMs: number): void {
    // The queue is in arrival order, which is publication order for the pipeline; a late
    // article is evicted when the entries before it are.
    while (this.queueHead < this.queue.length && this.queue[this.queueHead]!.publishedMs < cutoffMs) {
      const e = this.queue[this.queueHead++]!;
      const stored = this.entries.get(e.id);
      if (!stored) continue;
      this.entries.delete(e.id);
      for (let b = 0; b < stored.keys.length; b++) {
        const map = this.bands[b]!;
        const k = stored.keys[b]!;
        const v = map.get(k);
        if (v === e.id) map.delete(k);
        else if (Array.isArray(v)) {
          const i = v.indexOf(e.id);
          if (i >= 0) v.splice(i, 1);
          if (v.length === 1) map.set(k, v[0]!);
          else if (v.length === 0) map.delete(k);
        }
      }
    }
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  /** The entries currently in the window (for benchmarks). */
  windowEntries(): DedupEntry[] {
    return [...this.entries.values()].map((x) => x.entry);
  }

  /** Entries currently in the window (for benchmarks and tests). */
  get size(): number {
    return this.entries.size;
  }
}
