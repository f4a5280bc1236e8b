/**
 * `maintenance.tick`: a recurring job (every TICK_MS) that keeps a long-running system
 * healthy without a restart: it re-queues the poll of any active outlet that lost its
 * poll job (e.g. dead-lettered after repeated database errors) and prunes finished jobs.
 * Each tick queues the next one; the dedupe key (the time bucket) makes sure that any
 * number of workers starting at once queue it only once.
 */
import { z } from 'zod';
import { defineHandler } from './types.ts';
import type { Store } from '../store/db.ts';
import { enqueue, pruneJobs } from '../store/jobs.ts';
import { listSources } from '../store/sources.ts';
import { enqueuePoll } from './poll-source.ts';

export const TICK_MS = 5 * 60_000;
const KEEP_DONE_MS = 3 * 86_400_000;

/** Queues the next tick (idempotent per time bucket). */
export async function scheduleTick(store: Store, now = Date.now()): Promise<void> {
  const next = (Math.floor(now / TICK_MS) + 1) * TICK_MS;
  await enqueue(store, { kind: 'maintenance.tick', dedupeKey: `tick:${next}`, runAt: next, maxAttempts: 2 }, now);
}

/**
 * Queues the due poll of every active outlet with no poll queued or running; returns how
 * many were queued. Run at every `serve` start and by each maintenance tick.
 */
export async function rearmLostPolls(store: Store, now = Date.now()): Promise<number> {
  const pending = await store.db.selectFrom('jobs').select('payload').where('kind', '=', 'poll-source').where('state', 'in', ['queued', 'running']).execute();
  const covered = new Set<number>();
  for (const j of pending) {
    const id = Number((JSON.parse(j.payload) as { sourceId?: unknown }).sourceId);
    if (Number.isInteger(id)) covered.add(id);
  }
  let queued = 0;
  for (const s of await listSources(store, { status: 'active' })) {
    if (covered.has(s.id)) continue;
    const due = s.nextFetchAt ?? now;
    // The poll due then may have run and died: its dedupe key is taken, so queue one due now.
    if ((await enqueuePoll(store, s.id, due)) !== null || (await enqueuePoll(store, s.id, Math.max(now, due + 1))) !== null) queued++;
  }
  return queued;
}

export const tickHandler = defineHandler({
  payload: z.object({}).passthrough(),
  async run(_p, ctx) {
    const rearmed = await rearmLostPolls(ctx.store);
    const pruned = await pruneJobs(ctx.store, KEEP_DONE_MS);
    if (rearmed || pruned) ctx.log.info({ rearmed, pruned }, 'maintenance tick');
    await scheduleTick(ctx.store);
  },
});
