import { parseCommandArgs, intOption, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { Worker } from '../jobs/worker.ts';
import { pollSourceHandler, enqueuePoll } from '../jobs/poll-source.ts';
import { fetchArticleHandler } from '../jobs/fetch-article.ts';
import type { JobHandler } from '../jobs/types.ts';
import { findSource, getSource, listSources, setNextFetch, type Source } from '../store/sources.ts';
import { articleCountsSince, countPendingJobs } from '../store/articles.ts';
import { log } from '../log.ts';
import { closeFetcherFor } from '../ingest/fetch.ts';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';

export const help = `Usage: tidings fetch [SOURCE] [--timeout-s N] [--json]

Polls one outlet (SOURCE: its id, feed URL or site URL) or every active outlet now,
then fetches and extracts the new articles in this process, and prints what happened
to each outlet. Reading the articles (read-article jobs) is left to the worker of
\`tidings serve\` or \`tidings worker\`.

Options:
  --timeout-s N  stop waiting after N seconds (default 300); unfinished jobs stay queued
  --json         one JSON object per outlet
  -h, --help     show this help
`;

const KINDS = ['poll-source', 'fetch-article'];

/** Runs poll-source and fetch-article jobs in this process until none is due (or the timeout). */
export async function drainIngest(store: Store, config: Config, timeoutMs: number): Promise<boolean> {
  const handlers: Record<string, JobHandler> = { 'poll-source': pollSourceHandler as JobHandler, 'fetch-article': fetchArticleHandler as JobHandler };
  const worker = new Worker(store, config, handlers, log, { concurrency: Math.max(1, config.TIDINGS_WORKER_CONCURRENCY), leaseMs: config.TIDINGS_JOB_LEASE_MS, idleMs: 100 });
  worker.start();
  const until = Date.now() + timeoutMs;
  let idle = 0;
  try {
    while (idle < 3) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 150));
      // Jobs deferred for a busy host come back within seconds; count them as pending.
      const pending = await countPendingJobs(store, KINDS, Date.now() + Math.max(5000, config.TIDINGS_FETCH_HOST_DELAY_MS * 2));
      idle = pending === 0 && worker.activeCount === 0 ? idle + 1 : 0;
    }
    return true;
  } finally {
    await worker.stop(5000);
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { 'timeout-s': { type: 'string' }, json: { type: 'boolean' } }, help, { allowPositionals: true });
  if (!args) return 0;
  if (args.positionals.length > 1) throw new UsageError('fetch takes at most one SOURCE');
  const timeoutS = intOption(args.values['timeout-s'], 'timeout-s', { min: 1 }) ?? 300;
  const { config, store } = await openRuntime();
  try {
    let sources: Source[];
    if (args.positionals.length) {
      const s = await findSource(store, args.positionals[0]);
      if (!s) {
        console.error(`tidings fetch: no outlet "${args.positionals[0]}" (see tidings sources)`);
        return 1;
      }
      sources = [s];
    } else {
      sources = await listSources(store, { status: 'active' });
      if (!sources.length) {
        console.error('tidings fetch: no active outlets (tidings add URL)');
        return 1;
      }
    }
    const started = Date.now();
    for (const s of sources) {
      if (s.status !== 'active') {
        console.error(`tidings fetch: #${s.id} ${s.name} is ${s.status}; not polled`);
        continue;
      }
      await setNextFetch(store, s.id, started);
      await enqueuePoll(store, s.id, started);
    }
    const finished = await drainIngest(store, config, timeoutS * 1000);
    for (const s0 of sources) {
      const s = (await getSource(store, s0.id))!;
      const c = await articleCountsSince(store, s.id, started);
      const polled = (s.lastFetchedAt ?? 0) >= started;
      const state = !polled ? 'not polled' : s.errorStreak > 0 || s.status === 'gone' ? `FAILED (${s.status === 'gone' ? 'gone, ' : ''}${s.lastError})` : 'ok';
      if (args.values.json) console.log(JSON.stringify({ id: s.id, name: s.name, status: s.status, polled, ok: polled && s.errorStreak === 0 && s.status === 'active', lastError: s.lastError, newArticles: c.total, extracted: c.extracted, partial: c.partial, failed: c.failed, pending: c.pending, nextFetchAt: s.nextFetchAt }));
      else console.log(`#${s.id} ${s.name}: ${state}; ${c.total} new article(s): ${c.extracted} extracted (${c.partial} partial), ${c.failed} failed, ${c.pending} pending`);
    }
    if (!finished) console.error(`tidings fetch: stopped waiting after ${timeoutS}s; the remaining jobs stay queued`);
    return 0;
  } finally {
    await closeFetcherFor(config);
    await store.close();
  }
}
