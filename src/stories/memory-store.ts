/**
 * In-memory `StoryStore`, and a helper that builds a complete in-memory state. Used by the
 * CLI, the evaluation, the benchmark and tests; the pipeline backs the same interfaces with tables.
 */
import type { StoriesState, StoryRecord, StoryStore } from './cluster.ts';
import { MemoryDedupStore } from './dedup.ts';
import { MemoryTermStats } from './vectors.ts';

export class MemoryStoryStore implements StoryStore {
  private readonly stories = new Map<string, StoryRecord>();
  private readonly redirects = new Map<string, string>();
  private readonly articleStory = new Map<string, string>();
  private readonly index = new Map<string, Map<string, number>>();
  // Expiry queue: a binary min-heap on lastMs (touches come in arrival order, which is not
  // publication order); stale entries (story touched again later) are skipped by the engine.
  private readonly heap: { id: string; lastMs: number }[] = [];

  get(id: string): StoryRecord | undefined {
    return this.stories.get(id);
  }
  put(story: StoryRecord): void {
    this.stories.set(story.id, story);
  }
  remove(id: string): void {
    this.stories.delete(id);
  }
  redirect(from: string, to: string): void {
    this.redirects.set(from, to);
  }
  resolve(id: string): string {
    let cur = id;
    const seen: string[] = [];
    for (let next = this.redirects.get(cur); next !== undefined && seen.length < 1000; next = this.redirects.get(cur)) {
      seen.push(cur);
      cur = next;
    }
    // Path compression: later lookups take one step.
    for (const s of seen.slice(0, -1)) this.redirects.set(s, cur);
    return cur;
  }
  storyOf(articleId: string): string | undefined {
    return this.articleStory.get(articleId);
  }
  setStoryOf(articleId: string, storyId: string): void {
    this.articleStory.set(articleId, storyId);
  }
  postings(key: string): ReadonlyMap<string, number> | undefined {
    return this.index.get(key);
  }
  post(key: string, storyId: string, weight: number): void {
    let p = this.index.get(key);
    if (!p) this.index.set(key, (p = new Map()));
    p.set(storyId, weight);
  }
  unpost(key: string, storyId: string): void {
    const p = this.index.get(key);
    if (!p) return;
    p.delete(storyId);
    if (p.size === 0) this.index.delete(key);
  }
  touch(storyId: string, lastMs: number): void {
    const h = this.heap;
    h.push({ id: storyId, lastMs });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.lastMs <= h[i]!.lastMs) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  expiring(cutoffMs: number): string[] {
    const out: string[] = [];
    const h = this.heap;
    while (h.length > 0 && h[0]!.lastMs < cutoffMs) {
      out.push(h[0]!.id);
      const last = h.pop()!;
      if (h.length === 0) break;
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.lastMs < h[m]!.lastMs) m = l;
        if (r < h.length && h[r]!.lastMs < h[m]!.lastMs) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return out;
  }

  /** All live stories (merged-away ids excluded). */
  all(): IterableIterator<StoryRecord> {
    return this.stories.values();
  }
  /** Sizes for benchmarks: live stories, active ones, index keys and postings. */
  stats(): { stories: number; active: number; indexKeys: number; postings: number } {
    let active = 0;
    for (const s of this.stories.values()) if (s.active) active++;
    let postings = 0;
    for (const p of this.index.values()) postings += p.size;
    return { stories: this.stories.size, active, indexKeys: this.index.size, postings };
  }
}

export interface MemoryState extends StoriesState {
  dedup: MemoryDedupStore;
  stories: MemoryStoryStore;
  terms: MemoryTermStats;
}

export function createMemoryState(): MemoryState {
  return { dedup: new MemoryDedupStore(), stories: new MemoryStoryStore(), terms: new MemoryTermStats() };
}
