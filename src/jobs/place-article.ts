/**
 * `place-article`: near-duplicate lookup and story assignment, then the story's facts.
 *
 * Placement is sequential by nature (each decision depends on the ones before), so it runs
 * under a database lock, one article at a time across all processes. Each process keeps
 * the story engine's working state (the active window) in memory and brings it up to date
 * before deciding by replaying the placement log from where it left off; a process that
 * starts fresh replays the log for the active window only. Nothing in memory is needed for
 * correctness: the log and the story rows in the database are the truth.
 */
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { defineHandler, DeferJobError, PermanentJobError } from './types.ts';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import { StoryEngine, DEFAULT_STORIES, type StoriesConfig, type Placement } from '../stories/cluster.ts';
import { createMemoryState } from '../stories/memory-store.ts';
import { storyFacts, type FactArticle } from '../stories/facts.ts';
import { withLock } from '../store/locks.ts';
import { clearPlacementsSince, deleteEmptyStories, latestPlacement, placementInputs, placementOf, placementsAfter, recordPlacement, resolveStoryId, saveStoryFacts, storyArticlesWithReads, type PlacementInput } from '../store/stories.ts';
import { enqueue } from '../store/jobs.ts';

const DAY_MS = 86_400_000;
export const PLACEMENT_LOCK = 'story-placement';
const LOCK = PLACEMENT_LOCK;
/** Short, because a worker killed while placing holds up every placement until it runs out; withLock renews it. */
export const PLACEMENT_LOCK_LEASE_MS = 15_000;
const holder = `${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * The in-memory engine remembers every article it placed; a long-running process starts
 * afresh from the window after this many, which bounds its memory.
 */
const MAX_REMEMBERED = 300_000;

interface EngineState {
  engine: StoryEngine;
  /** Placements replayed or made since the engine was built. */
  placed: number;
  lastSeq: number;
  store: Store;
  /** The placement generation this state was built from; `stories rebuild` starts a new one. */
  generation: number;
}
let cached: EngineState | null = null;

function storiesConfig(config: Config): StoriesConfig {
  return { ...DEFAULT_STORIES, cluster: { ...DEFAULT_STORIES.cluster, windowDays: config.TIDINGS_STORY_WINDOW_DAYS } as typeof DEFAULT_STORIES.cluster };
}

function toEngineInput(a: PlacementInput) {
  return { id: String(a.id), title: a.title, text: a.text, publishedMs: a.publishedMs, source: a.source, entities: a.entities };
}

const GENERATION = 'story-generation';

/** The current placement generation, kept in the locks table (its `until` column). */
export async function placementGeneration(store: Store): Promise<number> {
  const r = await store.db.selectFrom('locks').select('until').where('name', '=', GENERATION).executeTakeFirst();
  return r ? Number(r.until) : 0;
}

async function bumpGeneration(store: Store): Promise<void> {
  await store.db.insertInto('locks').values({ name: GENERATION, holder: null, until: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  await store.db.updateTable('locks').set((eb) => ({ until: eb('until', '+', 1) })).where('name', '=', GENERATION).execute();
}

/** Brings this process's engine up to date with the placement log. */
async function syncEngine(store: Store, config: Config): Promise<StoryEngine> {
  const generation = await placementGeneration(store);
  if (!cached || cached.store !== store || cached.generation !== generation || cached.placed > MAX_REMEMBERED) {
    const latest = await latestPlacement(store);
    // Stories stay findable for late (backlog) articles for the engine's retention, so a fresh
    // process replays that much of the log.
    const windowMs = (storiesConfig(config).cluster.retentionDays + 1) * DAY_MS;
    cached = { engine: new StoryEngine(createMemoryState(), storiesConfig(config)), placed: 0, lastSeq: 0, store, generation };
    if (latest) {
      // Start from the retention before the newest placement; older stories no longer absorb articles.
      await replay(store, cached, latest.publishedMs - windowMs);
      return cached.engine;
    }
  }
  await replay(store, cached, undefined);
  return cached.engine;
}

async function replay(store: Store, state: EngineState, sinceMs: number | undefined): Promise<void> {
  for (;;) {
    const rows = await placementsAfter(store, state.lastSeq, { sinceMs, limit: 2000 });
    if (!rows.length) return;
    const inputs = await placementInputs(store, rows.map((r) => r.articleId));
    for (const r of rows) {
      const input = inputs.get(r.articleId);
      if (input) state.engine.place(toEngineInput(input));
      state.lastSeq = r.seq;
      state.placed++;
    }
  }
}

function duplicateChanges(p: Placement): { articleId: number; duplicateOf: number | null }[] {
  if (!p.canonicalChanged) return [];
  const to = Number(p.canonicalChanged.to);
  const group = new Set<string>([p.canonicalChanged.from, p.canonicalChanged.to]);
  return [...group].filter((id) => id !== String(p.id)).map((id) => ({ articleId: Number(id), duplicateOf: Number(id) === to ? null : to }));
}

export async function refreshStoryFacts(store: Store, storyId: number): Promise<void> {
  const rows = await storyArticlesWithReads(store, storyId);
  const articles: FactArticle[] = rows.map((r) => {
    const read = r.result ? JSON.parse(r.result) : { sentences: [] };
    // The body's first and last lines carry an agency credit ("(Reuters)") that tells which report a figure comes from.
    const text = r.text ? `${r.text.slice(0, 300)}\n${r.text.slice(-300)}` : undefined;
    return { id: String(r.id), source: r.source_name ?? r.site_name ?? '', publishedMs: Number(r.published_at ?? r.created_at), title: r.title, text, read };
  });
  await saveStoryFacts(store, storyId, storyFacts(articles));
}

/** Places one article (idempotent: an article already placed keeps its placement). */
export async function placeArticle(store: Store, config: Config, articleId: number): Promise<{ storyId: number; duplicateOf: number | null } | 'busy'> {
  const outcome = await withLock(store, LOCK, holder, { leaseMs: PLACEMENT_LOCK_LEASE_MS, waitMs: 5_000 }, () => placeLocked(store, config, articleId));
  if (!outcome.acquired) return 'busy';
  await refreshStoryFacts(store, outcome.value.storyId);
  return outcome.value;
}

async function placeLocked(store: Store, config: Config, articleId: number): Promise<{ storyId: number; duplicateOf: number | null }> {
  const already = await placementOf(store, articleId);
    if (already) return { storyId: already.storyId, duplicateOf: already.duplicateOf };
    const engine = await syncEngine(store, config);
    const input = (await placementInputs(store, [articleId])).get(articleId);
    if (!input) throw new PermanentJobError(`article ${articleId} does not exist`);
    const p = engine.place(toEngineInput(input));
    const storyId = Number(p.story);
    let seq: number;
    try {
      seq = await recordPlacement(store, {
        articleId,
        storyId,
        duplicateOf: p.duplicateOf === null ? null : Number(p.duplicateOf),
        publishedMs: input.publishedMs,
        headline: p.headline ? { articleId: Number(p.headline.id), title: p.headline.title } : p.isNewStory ? { articleId, title: input.title } : null,
        merged: p.merged.map((m) => ({ from: Number(m.from), into: Number(m.into) })),
        duplicateChanges: duplicateChanges(p),
      });
    } catch (err) {
      // The engine already holds a placement the database does not: forget the engine, so
      // the retry rebuilds it from the log. See test/faults/placement-rollback.test.ts.
      cached = null;
      throw err;
    }
    if (cached && seq > cached.lastSeq) {
      cached.lastSeq = seq;
      cached.placed++;
    }
    return { storyId, duplicateOf: p.duplicateOf === null ? null : Number(p.duplicateOf) };
}

/**
 * Re-clusters every article published since `sinceMs`: forgets their placements, starts a
 * new placement generation (every process rebuilds its engine from the log), and places
 * them again in publication order, holding the placement lock throughout.
 */
export async function rebuildStories(store: Store, config: Config, sinceMs: number, onProgress?: (done: number, total: number) => void): Promise<{ articles: number; stories: number }> {
  const outcome = await withLock(store, LOCK, holder, { leaseMs: 30 * 60_000, waitMs: 60_000 }, async () => {
    await clearPlacementsSince(store, sinceMs);
    await bumpGeneration(store);
    cached = null;
    const rows = await store.db
      .selectFrom('articles')
      .select(['id'])
      .where((eb) => eb.or([eb('published_at', '>=', sinceMs), eb.and([eb('published_at', 'is', null), eb('created_at', '>=', sinceMs)])]))
      .where('status', 'in', ['read', 'placed'])
      .orderBy('published_at')
      .orderBy('id')
      .execute();
    const storyIds = new Set<number>();
    for (let i = 0; i < rows.length; i++) {
      const r = await placeLocked(store, config, Number(rows[i]!.id));
      storyIds.add(r.storyId);
      onProgress?.(i + 1, rows.length);
    }
    return { articles: rows.length, storyIds };
  });
  if (!outcome.acquired) throw new Error('stories rebuild: story placement stayed busy for a minute; try again');
  const live = new Set<number>();
  for (const id of outcome.value.storyIds) live.add(await resolveStoryId(store, id));
  for (const id of live) await refreshStoryFacts(store, id);
  await deleteEmptyStories(store);
  return { articles: outcome.value.articles, stories: live.size };
}

/** Drops this process's engine (after `stories rebuild`, or in tests). */
export function resetStoryEngine(): void {
  cached = null;
}

export const placeArticleHandler = defineHandler({
  payload: z.object({ articleId: z.number().int().positive() }),
  async run({ articleId }, ctx) {
    const r = await placeArticle(ctx.store, ctx.config, articleId);
    if (r === 'busy') throw new DeferJobError(Date.now() + 500 + Math.random() * 1000, 'story placement busy');
    await enqueue(ctx.store, { kind: 'index-article', payload: { articleId }, dedupeKey: `index:${articleId}` });
  },
});
