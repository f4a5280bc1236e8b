/**
 * Scale-out on one machine (issue 8): how ingest throughput moves with 1, 2 and 4 worker
 * PROCESSES, and article-page throughput with 1 and 2 web processes while an ingest runs,
 * on SQLite and on PostgreSQL in the same run.
 *
 * Ingest: ~50 outlets on loopback (one fixture server each, so per-host politeness applies
 * per outlet as on the internet; host delay 0), each with a feed and its article pages
 * (test/faults/news-sites.ts). Time runs from queueing the first polls (workers already
 * started) until no pipeline job is running or queued: poll, fetch + extract, read, place,
 * index. Baseline: the same pages extracted and read in this process with no queue and no
 * database (the CPU floor of one process).
 *
 * Web: autocannon on GET /articles/:id (random ingested articles, 10 connections) against
 * `serve --workers 0` and `serve --workers 0 --cluster 2`, while two worker processes ingest
 * a second set of outlets; baseline: GET /healthz (no database) on one process, and the
 * article page with no ingest running.
 *
 * BENCH_SCALE_OUTLETS / BENCH_SCALE_ITEMS / BENCH_SCALE_WEB_S change the size.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from '../scripts/report.ts';
// @ts-ignore plain JS module
import { startPgServer, freePort } from '../test/support/pg-server.mjs';
import { openStore, migrateToLatest, type Store } from '../src/store/db.ts';
import { decodeHtmlPage } from '../src/extract/decode.ts';
import { extractArticle } from '../src/extract/index.ts';
import { readArticle } from '../src/read/index.ts';
import { startNewsSites, articleHtml, type NewsSites } from '../test/faults/news-sites.ts';
import { Children, startChild, childEnv, subscribeAll, waitQueueIdle, createDatabase, waitFor, sleep, ARTICLE_STAGES, type Child } from '../test/faults/harness.ts';

export const title = 'Scale-out: worker and web processes on one machine (SQLite and PostgreSQL)';

const OUTLETS = Number(process.env.BENCH_SCALE_OUTLETS ?? 50);
const ITEMS = Number(process.env.BENCH_SCALE_ITEMS ?? 4);
const WEB_S = Number(process.env.BENCH_SCALE_WEB_S ?? 8);
const WORKER_COUNTS = [1, 2, 4];
const CONCURRENCY = 4;

type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Target {
  name: string;
  kind: 'sqlite' | 'postgres';
  /** A fresh, empty database for each run. */
  fresh(label: string): Promise<string>;
}

async function startWorkerReady(children: Children, url: string): Promise<Child> {
  const c = children.add(startChild(`worker${children.all.length + 1}`, ['worker', '--concurrency', String(CONCURRENCY), '--drain-ms', '2000'], childEnv(url, { TIDINGS_LOG_LEVEL: 'info', TIDINGS_FETCH_TIMEOUT_MS: '15000' })));
  await waitFor(`${c.name} to start`, async () => {
    if (!c.isAlive()) throw new Error(`${c.name} exited: ${c.output().slice(-2000)}`);
    return c.output().includes('"msg":"worker started"');
  }, 120_000, 100);
  return c;
}

async function stopAll(children: Children): Promise<void> {
  for (const c of children.alive()) c.proc.kill('SIGTERM');
  await Promise.race([Promise.all(children.all.map((c) => c.exited)), sleep(8000)]);
  await children.killAll();
}

const secondsTo = (ms: number) => (ms / 1000).toFixed(1);

/** Seconds from t0 until the last job of each stage finished. */
async function stageEnds(store: Store, t0: number): Promise<Record<string, string>> {
  const rows = await store.db.selectFrom('jobs').select(['kind', (eb) => eb.fn.max('finished_at').as('last')]).where('state', '=', 'done').groupBy('kind').execute();
  const out: Record<string, string> = {};
  for (const r of rows) out[r.kind] = secondsTo(Number(r.last) - t0);
  return out;
}

interface KeptRun {
  url: string;
  store: Store;
  children: Children;
}

/**
 * One ingest with `workers` fresh worker processes on a fresh database. With `keep`, the
 * database and the (idle) workers are handed back for the web runs.
 */
async function ingestRun(target: Target, sites: NewsSites, workers: number, keep = false): Promise<{ row: (string | number)[]; kept: KeptRun | null }> {
  const url = await target.fresh(`ingest${workers}`);
  const store = openStore(url, { poolSize: 2, onPoolError: () => undefined });
  const children = new Children();
  let kept: KeptRun | null = null;
  try {
    await migrateToLatest(store);
    await Promise.all(Array.from({ length: workers }, () => startWorkerReady(children, url)));
    const t0 = Date.now();
    await subscribeAll(store, sites);
    await waitQueueIdle(store, 600_000);
    const elapsed = Date.now() - t0;
    const articles = Number((await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'placed').executeTakeFirstOrThrow()).n);
    const dead = Number((await store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'dead').executeTakeFirstOrThrow()).n);
    const ends = await stageEnds(store, t0);
    if (keep) kept = { url, store, children };
    return { row: [target.name, `${workers} × ${CONCURRENCY}`, articles, secondsTo(elapsed), (articles / (elapsed / 1000)).toFixed(1), ends['fetch-article'] ?? '-', ends['read-article'] ?? '-', ends['place-article'] ?? '-', ends['index-article'] ?? '-', dead], kept };
  } finally {
    if (!kept) {
      await stopAll(children);
      await store.close();
    }
  }
}

async function startServe(children: Children, url: string, port: number, cluster: number): Promise<Child> {
  const args = ['serve', '--workers', '0', '--port', String(port), '--host', '127.0.0.1'];
  if (cluster > 1) args.push('--cluster', String(cluster));
  const c = children.add(startChild(`web${children.all.length + 1}`, args, childEnv(url, { TIDINGS_DB_POOL_SIZE: '8' })));
  await waitFor(`serve on ${port}`, async () => {
    if (!c.isAlive()) throw new Error(`serve exited: ${c.output().slice(-2000)}`);
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
  }, 120_000, 200);
  // With --cluster, /readyz answering means one process is up; give the others a moment.
  if (cluster > 1) await sleep(4000);
  return c;
}

async function hammer(port: number, paths: string[]): Promise<{ rps: number; p50: number; p99: number; bad: number }> {
  let i = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    duration: WEB_S,
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
}

/** Article pages on the database of an ingest run, whose two workers ingest more outlets during the "busy" rows. */
async function webRuns(target: Target, kept: KeptRun, extraSites: NewsSites[]): Promise<(string | number)[][]> {
  const { url, store, children } = kept;
  const rows: (string | number)[][] = [];
  try {
    const ids = (await store.db.selectFrom('articles').select('id').where('status', '=', 'placed').execute()).map((r) => Number(r.id));
    const paths = ids.sort(() => Math.random() - 0.5).map((id) => `/articles/${id}`);
    const port = await freePort();

    const one = await startServe(children, url, port, 1);
    const health = await hammer(port, ['/healthz']);
    rows.push([target.name, 1, 'GET /healthz (baseline: no database)', 'no', Math.round(health.rps), health.p50, health.p99, health.bad]);
    const idle = await hammer(port, paths);
    rows.push([target.name, 1, 'GET /articles/:id', 'no', Math.round(idle.rps), idle.p50, idle.p99, idle.bad]);
    await subscribeAll(store, extraSites[0]!);
    const busy1 = await hammer(port, paths);
    rows.push([target.name, 1, 'GET /articles/:id', 'yes, 2 workers', Math.round(busy1.rps), busy1.p50, busy1.p99, busy1.bad]);
    one.proc.kill('SIGTERM');
    await Promise.race([one.exited, sleep(5000)]);
    await children.kill(one);

    const two = await startServe(children, url, port, 2);
    await subscribeAll(store, extraSites[1]!);
    const busy2 = await hammer(port, paths);
    rows.push([target.name, '2 (--cluster 2)', 'GET /articles/:id', 'yes, 2 workers', Math.round(busy2.rps), busy2.p50, busy2.p99, busy2.bad]);
    two.proc.kill('SIGTERM');
    await Promise.race([two.exited, sleep(5000)]);
  } finally {
    await stopAll(children);
    await store.close();
  }
  return rows;
}

/** The CPU floor: decode, extract and read the same pages in this process, no queue, no database. */
function baseline(sites: NewsSites, limit = 100): { articles: number; perSecond: string } {
  const pages = sites.outlets.flatMap((o) => o.items.map((it) => ({ html: articleHtml({ name: o.name, origin: o.server.origin }, it), url: o.server.origin + it.path, it }))).slice(0, limit);
  const once = () => {
    for (const p of pages) {
      const html = decodeHtmlPage(Buffer.from(p.html), 'text/html; charset=utf-8').text;
      const ext = extractArticle(html, { url: p.url });
      if ('error' in ext) throw new Error(`baseline: ${p.url}: ${ext.error}`);
      readArticle({ title: ext.title ?? p.it.title, text: ext.text, published: new Date(p.it.publishedMs) });
    }
  };
  once(); // warm up (a worker process is warm after its first articles too)
  const t0 = performance.now();
  once();
  const s = (performance.now() - t0) / 1000;
  return { articles: pages.length, perSecond: (pages.length / s).toFixed(1) };
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-scale-'));
  let server: { url: string; stop(): void } | null = null;
  const sites = await startNewsSites({ outlets: OUTLETS, itemsPerOutlet: ITEMS });
  const extra = [await startNewsSites({ outlets: 10, itemsPerOutlet: ITEMS, firstItem: OUTLETS * ITEMS }), await startNewsSites({ outlets: 10, itemsPerOutlet: ITEMS, firstItem: (OUTLETS + 10) * ITEMS })];
  const ingestRows: (string | number)[][] = [];
  const webRows: (string | number)[][] = [];
  const notes: string[] = [];
  const loadStart = os.loadavg()[0]!.toFixed(1);
  try {
    const targets: Target[] = [{ name: 'SQLite (WAL, one file)', kind: 'sqlite', fresh: async (label) => `sqlite:${join(dir, `${label}.db`)}` }];
    try {
      server = await startPgServer();
      let n = 0;
      targets.push({ name: 'PostgreSQL 15 (same machine, fsync off)', kind: 'postgres', fresh: async (label) => createDatabase(server!.url, `scale_${label}_${n++}`) });
    } catch (err) {
      notes.push(`PostgreSQL unavailable: ${(err as Error).message.split('\n')[0]}`);
    }
    const base = baseline(sites);
    ingestRows.push(['baseline: extract + read in one process, no queue, no database', '1', base.articles, '-', base.perSecond, '-', '-', '-', '-', '-']);
    for (const target of targets) {
      let kept: KeptRun | null = null;
      for (const w of WORKER_COUNTS) {
        console.error(`[bench] scale: ingest ${target.name}, ${w} worker processes`);
        const r = await ingestRun(target, sites, w, w === 2);
        ingestRows.push(r.row);
        kept ??= r.kept;
      }
      console.error(`[bench] scale: web ${target.name}`);
      if (kept) webRows.push(...(await webRuns(target, kept, extra)));
    }
    notes.push(`Load average (1 min) of the machine at the start and end of the run: ${loadStart} and ${os.loadavg()[0]!.toFixed(1)} (other processes share these 2 cores).`);
  } finally {
    await sites.close();
    for (const e of extra) await e.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `Ingest of ${OUTLETS} outlets × ${ITEMS} items (${OUTLETS * ITEMS} articles) from loopback fixture servers, one host per outlet, host delay 0. Each worker process runs ${CONCURRENCY} jobs at once. Time from queueing the polls (workers already up) until no ${ARTICLE_STAGES.filter((k) => k !== 'extract-article').join(' / ')} job is running or queued; the stage columns are the seconds until the last job of that stage finished.`,
    '',
    table(['database', 'worker processes × jobs', 'articles placed', 'seconds', 'articles/s', 'fetch done at', 'read done at', 'place done at', 'index done at', 'dead jobs'], ingestRows),
    '',
    `Article pages (GET /articles/:id over the ingested articles, autocannon, 10 connections, ${WEB_S} s per row; autocannon runs on the same 2 cores). "Ingest running": two worker processes ingest another 10 outlets × ${ITEMS} items meanwhile.`,
    '',
    table(['database', 'web processes', 'request', 'ingest running', 'requests/s', 'p50 ms', 'p99 ms', 'errors + non-2xx'], webRows),
    ...(notes.length ? ['', ...notes] : []),
    '',
    'What the figures say and how a deployment grows from them: docs/SCALING.md.',
  ].join('\n');
}
