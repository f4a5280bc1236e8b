/**
 * Queue throughput: jobs per second through enqueue + lease + complete, on SQLite and on
 * PostgreSQL in one run. Baseline: the same three writes per job as plain statements
 * (insert, update, update by id) without the queue's conditions, the floor for any
 * table-backed queue on that database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, migrateToLatest, type Store } from '../src/store/db.ts';
import { enqueue, enqueueMany, leaseJobs, completeJob } from '../src/store/jobs.ts';
import { table } from '../scripts/report.ts';
// @ts-ignore plain JS module
import { startPgServer } from '../test/support/pg-server.mjs';

export const title = 'Job queue throughput';

async function oneByOne(store: Store, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await enqueue(store, { kind: 'bench', payload: { i }, dedupeKey: `one-${i}` });
    const [job] = await leaseJobs(store, { owner: 'bench', limit: 1, leaseMs: 60_000, kinds: ['bench'] });
    await completeJob(store, job);
  }
  return n / ((performance.now() - t0) / 1000);
}

async function batched(store: Store, n: number, workers: number): Promise<number> {
  const t0 = performance.now();
  await enqueueMany(store, Array.from({ length: n }, (_, i) => ({ kind: 'bench2', payload: { i }, dedupeKey: `b-${i}` })));
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (;;) {
        const jobs = await leaseJobs(store, { owner: `w${w}`, limit: 10, leaseMs: 60_000, kinds: ['bench2'] });
        if (!jobs.length) return;
        for (const j of jobs) if (await completeJob(store, j)) done++;
      }
    }),
  );
  if (done !== n) throw new Error(`completed ${done} of ${n}`);
  return n / ((performance.now() - t0) / 1000);
}

async function baseline(store: Store, n: number): Promise<number> {
  const now = Date.now();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await store.db.insertInto('jobs').values({ kind: 'base', payload: '{}', state: 'queued', max_attempts: 1, run_at: now, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await store.db.updateTable('jobs').set({ state: 'running' }).where('id', '=', r.id).execute();
    await store.db.updateTable('jobs').set({ state: 'done' }).where('id', '=', r.id).execute();
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<string> {
  const n = Number(process.env.BENCH_QUEUE_N ?? 2000);
  const rows: (string | number)[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  let server: any = null;
  try {
    const targets: { name: string; url: string }[] = [{ name: 'SQLite (WAL, file)', url: `sqlite:${join(dir, 'q.db')}` }];
    try {
      server = await startPgServer();
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      await c.query('CREATE DATABASE bench TEMPLATE template0');
      await c.end();
      targets.push({ name: 'PostgreSQL 1 server (fsync off)', url: server.url.replace(/\/postgres$/, '/bench') });
    } catch (err) {
      rows.push(['PostgreSQL', 'unavailable', (err as Error).message.split('\n')[0], '', '']);
    }
    for (const target of targets) {
      const store = openStore(target.url, { poolSize: 8 });
      await migrateToLatest(store);
      const base = await baseline(store, Math.min(n, 1000));
      const single = await oneByOne(store, Math.min(n, 1000));
      const batch1 = await batched(store, n, 1);
      await store.db.deleteFrom('jobs').execute();
      const batch4 = await batched(store, n, 4);
      rows.push([target.name, Math.round(base), Math.round(single), Math.round(batch1), Math.round(batch4)]);
      await store.close();
    }
  } finally {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `Jobs per second (higher is better). ${n} jobs per batched run; 1,000 for the one-by-one runs.`,
    '',
    table(['database', 'baseline: 3 plain writes/job', 'one by one (enqueue, lease 1, complete)', 'batched: enqueue 200s, lease 10s, 1 worker', 'batched, 4 concurrent workers'], rows),
    '',
    'The one-by-one figure is the queue overhead per job (each call is its own transaction); the batched figures are what a worker pool sees. On SQLite every write serialises on one writer, so more workers in one process add little; on PostgreSQL concurrent leases skip each other\'s rows (`FOR UPDATE SKIP LOCKED`).',
  ].join('\n');
}
