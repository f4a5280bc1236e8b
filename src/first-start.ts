/**
 * Run by `tidings serve` at every start (not in cluster children):
 *
 * 1. On a first start with an empty database (no outlets, no articles), follow the bundled
 *    sample outlets of samples/outlets.json (TIDINGS_SAMPLES=0 turns this off). They are
 *    sources of kind 'sample', read from files (see ingest/sample-fetch.ts), and go through
 *    the normal pipeline, so a new installation shows articles within seconds, offline.
 * 2. Re-arm polling: make sure every active source has its next poll queued. Each poll
 *    queues the next one, so normally this finds nothing to do; it matters after a poll
 *    job was lost (dead-lettered after repeated database errors, or pruned by hand). The
 *    dedupe key (source id + due time) makes it a no-op when the poll is already queued.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Store } from './store/db.ts';
import type { Config } from './config.ts';
import { log } from './log.ts';
import { addSource, countSources } from './store/sources.ts';
import { countArticles } from './store/articles.ts';
import { enqueuePoll } from './jobs/poll-source.ts';
import { rearmLostPolls } from './jobs/maintenance.ts';
import { SAMPLES_DIR, isSampleUrl } from './ingest/sample-fetch.ts';

const sampleOutlets = z.array(
  z.object({
    name: z.string().min(1),
    feedUrl: z.string().refine(isSampleUrl, 'a sample URL (https://<folder>.sample.invalid/...)'),
    siteUrl: z.string().refine(isSampleUrl).optional(),
    folder: z.string().optional(),
    rules: z.object({ keep: z.array(z.string()).optional(), drop: z.array(z.string()).optional() }).optional(),
  }),
);

/** Follows the sample outlets; returns how many were added. */
export async function loadSamples(store: Store, dir = SAMPLES_DIR, now = Date.now()): Promise<number> {
  const file = join(dir, 'outlets.json');
  const parsed = sampleOutlets.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`samples: ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let added = 0;
  for (const o of parsed.data) {
    const { source, created } = await addSource(store, { name: o.name, feedUrl: o.feedUrl, siteUrl: o.siteUrl ?? null, kind: 'sample', folder: o.folder ?? null, rules: o.rules ?? null, nextFetchAt: now }, now);
    if (created) {
      added++;
      await enqueuePoll(store, source.id, now);
    }
  }
  return added;
}

export async function onFirstStart(deps: { store: Store; config: Config }): Promise<void> {
  const { store, config } = deps;
  const isEmpty = (await countSources(store)) === 0 && (await countArticles(store)) === 0;
  if (isEmpty && config.TIDINGS_SAMPLES) {
    try {
      const added = await loadSamples(store);
      log.info({ outlets: added }, 'empty database: following the bundled sample outlets (TIDINGS_SAMPLES=0 turns this off)');
    } catch (err) {
      // A broken samples folder must not stop the server; say so and go on without them.
      log.warn({ err: (err as Error).message }, 'could not load the sample outlets; starting without them');
    }
  }
  const rearmed = await rearmLostPolls(store);
  if (rearmed) log.info({ sources: rearmed }, 'queued polls for sources that had none queued');
}
