/**
 * Cost of placing one article (near-duplicate lookup, then story assignment) as the number
 * of stored articles grows to 10,000, 100,000 and 1,000,000, with memory use.
 *
 * One synthetic stream is generated and placed in publication order; the articles just
 * before each checkpoint are timed one by one. Text comes from a vocabulary with topic
 * structure: general words (skewed frequencies), topic words shared by many stories, and
 * words and capitalised names specific to each story; 8% of articles are copies of an
 * earlier article of their story with a new headline and boilerplate. Articles arrive at
 * a steady rate (3,000 a day), so 1M articles span about 11 months.
 *
 * Baselines in the same run: brute-force duplicate comparison and a scan of every active
 * story, on the same state.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { table } from '../scripts/report.ts';
import { StoryEngine, type ArticleInput } from '../src/stories/cluster.ts';
import type { StoryRecord } from '../src/stories/cluster.ts';
import { placeDuplicate } from '../src/stories/dedup.ts';
import { createMemoryState, type MemoryState } from '../src/stories/memory-store.ts';
import { estimateJaccard, signature } from '../src/stories/minhash.ts';
import { stem } from '../src/stories/text.ts';
import { countTerms, dot, weigh } from '../src/stories/vectors.ts';

export const title = 'Stories: cost per article at 10k, 100k and 1M stored articles';

const PER_DAY = 3000;
const DAY_MS = 86_400_000;

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

const SYL = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vo', 'del', 'ni', 'gor', 'pe', 'zu', 'ta', 'mar', 'li', 'bo', 'ques', 'ra', 'fen', 'dri'];
function pseudoWord(i: number, minSyl: number): string {
  let w = '';
  let x = i;
  for (let k = 0; k < minSyl || x > 0; k++) {
    w += SYL[x % SYL.length];
    x = Math.floor(x / SYL.length);
  }
  return w;
}

interface SynthStory {
  topic: number;
  specific: string[];
  names: string[];
  lastText: string | null;
  lastWords: string[];
}

/** A fast generator of a realistic-looking stream (no I/O, seeded). */
export class Stream {
  private readonly rng = new Rng(12345);
  private readonly general: string[] = Array.from({ length: 8000 }, (_, i) => pseudoWord(i + 400, 2));
  private readonly topics: string[][] = Array.from({ length: 300 }, (_, t) => Array.from({ length: 40 }, (_, i) => pseudoWord(200_000 + t * 40 + i, 3)));
  private readonly recent: SynthStory[] = [];
  private storyCounter = 0;
  private n = 0;

  private newStory(): SynthStory {
    const id = this.storyCounter++;
    const r = this.rng;
    return {
      topic: r.int(this.topics.length),
      // Story words and names come from large finite pools, so the vocabulary grows ever more
      // slowly, as news vocabularies do (Heaps' law), instead of without bound.
      specific: Array.from({ length: 12 }, () => pseudoWord(10_000_000 + r.int(150_000), 3)),
      names: Array.from({ length: 3 }, () => {
        const w = pseudoWord(50_000_000 + r.int(60_000), 3);
        return w[0]!.toUpperCase() + w.slice(1);
      }),
      lastText: null,
      lastWords: [],
    };
  }

  private word(s: SynthStory): string {
    const r = this.rng;
    const x = r.next();
    if (x < 0.08) return s.names[r.int(s.names.length)]!;
    if (x < 0.35) return s.specific[r.int(s.specific.length)]!;
    if (x < 0.62) return this.topics[s.topic]![r.int(40)]!;
    // Skewed general vocabulary: small indexes are much more frequent.
    const u = r.next();
    return this.general[Math.floor(u * u * u * this.general.length)]!;
  }

  /** Lower-cased words of the last article generated (for loading history without tokenising). */
  lastWords: string[] = [];

  next(): ArticleInput {
    const r = this.rng;
    const i = this.n++;
    const publishedMs = Date.UTC(2024, 0, 1) + Math.floor((i / PER_DAY) * DAY_MS);
    let s: SynthStory;
    if (this.recent.length === 0 || r.next() < 0.3) {
      s = this.newStory();
      this.recent.push(s);
      if (this.recent.length > 1000) this.recent.shift();
    } else {
      // Recent stories get most follow-ups.
      const u = r.next();
      s = this.recent[this.recent.length - 1 - Math.floor(u * u * this.recent.length)]!;
    }
    const titleWords = Array.from({ length: 8 }, () => this.word(s));
    const title = titleWords.join(' ');
    this.lastWords = titleWords;
    let text: string;
    if (s.lastText && r.next() < 0.08 / 0.7) {
      text = `${s.lastText}\n\nSubscribe to our newsletter for the latest news. All rights reserved.`;
      this.lastWords = this.lastWords.concat(s.lastWords);
    } else {
      const sentences: string[] = [];
      for (let k = 0; k < 7; k++) {
        const ws = Array.from({ length: 11 }, () => this.word(s));
        sentences.push(`The ${ws.join(' ')}.`);
        for (const w of ws) this.lastWords.push(w);
      }
      text = sentences.join(' ');
      s.lastText = text;
      s.lastWords = this.lastWords.slice(8);
    }
    return { id: `a${i}`, title, text, publishedMs, source: r.next() < 0.1 ? 'Reuters' : `Outlet ${r.int(200)}` };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Full collection before reading memory, so heapUsed is live data rather than garbage not yet collected. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

/**
 * Loads articles older than both windows in the form the engine itself leaves them in:
 * counted in the document frequencies, mapped to a frozen story record, copies grouped.
 * The engine keeps nothing else for them (their signatures left the buckets after 14 days,
 * their stories left the index after 3), so this reaches the state at 1M articles without
 * spending minutes on text processing whose cost does not depend on the size.
 */
function fillHistory(state: MemoryState, stream: Stream, count: number): void {
  let story: StoryRecord | null = null;
  for (let i = 0; i < count; i++) {
    const d = stream.next();
    // The generator's own word list stands in for tokenising: same keys as the engine's terms and names.
    const keys = new Set<string>();
    for (const w of stream.lastWords) {
      const lower = w.toLowerCase();
      keys.add(stem(lower));
      if (lower !== w) keys.add(`e:${lower}`);
    }
    state.terms.addDoc(keys);
    // Stories of about three articles, frozen.
    if (!story || i % 3 === 0) {
      story = { id: d.id, headline: { id: d.id, title: d.title }, members: [], firstMs: d.publishedMs, lastMs: d.publishedMs, active: null };
      state.stories.put(story);
    }
    story.members.push(d.id);
    story.lastMs = d.publishedMs;
    state.stories.setStoryOf(d.id, story.id);
    if (i % 12 === 11) state.dedup.putGroup({ id: story.members[0]!, canonical: story.members[0]!, members: [story.members[0]!, d.id] });
  }
}

interface Timings {
  dup: number[];
  assign: number[];
  bruteDup: number[];
  scan: number[];
}

/** Brute force in place of the hash buckets: the new signature against every signature in the window. */
function bruteDuplicate(state: MemoryState, d: ArticleInput, entries: { values: Uint32Array }[]): number {
  const sig = signature(d.text)!;
  let best = 0;
  for (const e of entries) {
    const j = estimateJaccard(sig.values, e.values);
    if (j > best) best = j;
  }
  return best;
}

/** A scan in place of the inverted index: cosine of the article to every active story's centroid. */
function scanStories(state: MemoryState, d: ArticleInput, active: StoryRecord[]): number {
  const counts = countTerms(d.title, d.text, undefined, { titleWeight: 3, maxBodyWords: 400 });
  const v = weigh(counts.terms, state.terms, 60);
  let best = 0;
  for (const s of active) {
    const c = s.active!.centroid;
    let n = 0;
    for (const w of c.values()) n += w * w;
    const sim = dot(v, c) / (Math.sqrt(n) || 1);
    if (sim > best) best = sim;
  }
  return best;
}

async function measure(size: number, live: number, sample: number, baselineSample: number): Promise<{ row: (string | number)[]; base: (string | number)[]; t: Timings }> {
  const stream = new Stream();
  const state = createMemoryState();
  const engine = new StoryEngine(state);
  const history = Math.max(0, size - live);
  fillHistory(state, stream, history);
  const t: Timings = { dup: [], assign: [], bruteDup: [], scan: [] };
  for (let done = history; done < size; done++) {
    const d = stream.next();
    const timed = done >= size - sample;
    const t0 = performance.now();
    placeDuplicate(state.dedup, d, engine.config.dedup);
    const t1 = performance.now();
    // The engine repeats the lookup as a stored answer, so this times the story assignment.
    engine.place(d);
    const t2 = performance.now();
    if (timed) {
      t.dup.push((t1 - t0) * 1000);
      t.assign.push((t2 - t1) * 1000);
    }
  }
  // Baselines on the same state, with the next articles of the stream (read only).
  const entries = state.dedup.windowEntries();
  const active = [...state.stories.all()].filter((s) => s.active);
  for (let i = 0; i < baselineSample; i++) {
    const d = stream.next();
    const b0 = performance.now();
    bruteDuplicate(state, d, entries);
    const b1 = performance.now();
    scanStories(state, d, active);
    const b2 = performance.now();
    t.bruteDup.push((b1 - b0) * 1000);
    t.scan.push((b2 - b1) * 1000);
  }
  for (const k of ['dup', 'assign', 'bruteDup', 'scan'] as const) t[k].sort((a, b) => a - b);
  collectGarbage();
  const mem = process.memoryUsage();
  const st = state.stories.stats();
  const row = [
    size.toLocaleString('en'),
    `${Math.round(size / PER_DAY)} d`,
    percentile(t.dup, 0.5).toFixed(0),
    percentile(t.dup, 0.99).toFixed(0),
    percentile(t.assign, 0.5).toFixed(0),
    percentile(t.assign, 0.99).toFixed(0),
    state.dedup.size,
    st.active,
    st.postings,
    st.stories,
    state.terms.vocabulary,
    mb(mem.heapUsed),
    mb(mem.rss),
  ];
  const base = [size.toLocaleString('en'), entries.length, percentile(t.bruteDup, 0.5).toFixed(0), active.length, percentile(t.scan, 0.5).toFixed(0)];
  return { row, base, t };
}

export async function run(): Promise<string> {
  const sizes = (process.env.TIDINGS_BENCH_STORIES_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  // Live placement covers both windows (14 days of duplicates at 3,000 a day is 42,000 articles) before timing.
  const live = 45_000;
  const sample = 3000;
  const baselineSample = 200;
  const rows: (string | number)[][] = [];
  const baseRows: (string | number)[][] = [];
  const started = performance.now();
  for (const size of sizes) {
    const { row, base } = await measure(size, live, Math.min(sample, size), baselineSample);
    rows.push(row);
    baseRows.push(base);
    console.error(`[bench stories] ${size}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return [
    `Synthetic stream (${PER_DAY.toLocaleString('en')} articles a day, ~90 words each, 300 topics, 8% near-duplicate copies with new headlines and boilerplate), placed one by one in publication order. At each size the last ${live.toLocaleString('en')} articles are placed live through the engine (enough to fill the 3-day story window and the 14-day duplicate window); older articles are loaded in the frozen form the engine leaves them in (document frequencies, article-to-story map, frozen story records, duplicate groups). The last ${sample.toLocaleString('en')} live articles are timed one by one; times are microseconds per article; memory is the whole process after placement and a full garbage collection.`,
    '',
    table(
      ['stored articles', 'span', 'dup lookup p50 µs', 'dup lookup p99 µs', 'assign p50 µs', 'assign p99 µs', 'signatures in window', 'active stories', 'index postings', 'stories kept', 'vocabulary', 'heapUsed', 'rss'],
      rows,
    ),
    '',
    `Baseline in the same run, on the same state and ${baselineSample} further articles: the new signature compared with every signature in the duplicate window (what the LSH buckets avoid), and cosine to every active story centroid (what the inverted index avoids). Both are bounded by the windows too; without windows they would grow with every article stored.`,
    '',
    table(['stored articles', 'signatures compared', 'brute-force dup p50 µs', 'stories scanned', 'scan p50 µs'], baseRows),
    '',
    'Assignment and lookup stay flat because only stories active in the window are posted in the index and the duplicate lookup reads a fixed number of hash buckets. What grows with the stream is what is kept per article (article-to-story map, frozen story records, duplicate groups, the vocabulary): in the pipeline that lives in the database, not in the worker.',
  ].join('\n');
}
