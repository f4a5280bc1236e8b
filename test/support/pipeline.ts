/** Runs an in-process worker until no job of the handled kinds is queued or running. */
import type { Store } from '../../src/store/db.ts';
import type { Config } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { allHandlers } from '../../src/jobs/handlers.ts';
import type { JobHandler } from '../../src/jobs/types.ts';
import { log } from '../../src/log.ts';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: 'true', TIDINGS_FETCH_HOST_DELAY_MS: '0', TIDINGS_SAMPLES: '0', ...overrides }, { configFile: '' });
}

export async function runUntilIdle(store: Store, config: Config, opts: { handlers?: Record<string, JobHandler>; timeoutMs?: number; concurrency?: number } = {}): Promise<void> {
  const handlers = opts.handlers ?? allHandlers();
  const kinds = Object.keys(handlers);
  const worker = new Worker(store, config, handlers, log, { concurrency: opts.concurrency ?? 2, leaseMs: 30_000, idleMs: 30 });
  worker.start();
  const until = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    for (;;) {
      const now = Date.now();
      const pending = await store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb('state', '=', 'running'), eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now + 2000)])]))
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0 && worker.activeCount === 0) return;
      if (Date.now() > until) throw new Error(`queue not idle after ${opts.timeoutMs ?? 60_000} ms (${pending.n} jobs pending)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await worker.stop(5_000);
  }
}
