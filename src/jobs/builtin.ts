/**
 * Job kinds that belong to the queue itself rather than to the pipeline.
 * `maintenance.prune` keeps the jobs table small; `test.sleep` holds a lease for a while
 * (used by the queue's crash tests and by benchmarks; harmless in production).
 */
import { z } from 'zod';
import { defineHandler } from './types.ts';
import { pruneJobs } from '../store/jobs.ts';

export const pruneHandler = defineHandler({
  payload: z.object({ olderThanDays: z.number().int().min(1).default(7) }),
  async run(p, ctx) {
    const n = await pruneJobs(ctx.store, p.olderThanDays * 86_400_000);
    ctx.log.info({ deleted: n }, 'pruned finished jobs');
  },
});

export const sleepHandler = defineHandler({
  payload: z.object({ ms: z.number().int().min(0).max(600_000).default(0), fail: z.string().optional() }),
  async run(p, ctx) {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, p.ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(t);
        reject(ctx.signal.reason);
      });
    });
    if (p.fail) throw new Error(p.fail);
  },
});
