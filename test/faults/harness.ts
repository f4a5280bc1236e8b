/**
 * Child processes and database checks shared by the fault tests and the scale bench:
 * real `tidings worker` / `tidings serve` processes started with `node --import tsx`,
 * killed with SIGKILL at chosen moments, and the queries that say whether anything was
 * lost or left behind afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Store } from '../../src/store/db.ts';
import { addSource } from '../../src/store/sources.ts';
import { enqueuePoll } from '../../src/jobs/poll-source.ts';
import type { NewsSites } from './news-sites.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Environment for every child: loopback outlets allowed, no host delay, short timeouts, quiet logs. */
export function childEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    TIDINGS_DATABASE_URL: databaseUrl,
    TIDINGS_FETCH_ALLOW_PRIVATE: 'true',
    TIDINGS_FETCH_HOST_DELAY_MS: '0',
    TIDINGS_FETCH_TIMEOUT_MS: '3000',
    TIDINGS_FETCH_CONNECT_TIMEOUT_MS: '2000',
    // One poll per outlet during a run: the next one is an hour away.
    TIDINGS_POLL_MIN_S: '3600',
    TIDINGS_POLL_MAX_S: '7200',
    TIDINGS_SAMPLES: 'false',
    TIDINGS_DB_POOL_SIZE: '4',
    TIDINGS_LOG_LEVEL: 'warn',
    ...extra,
  };
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  name: string;
  /** Everything the child wrote (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isAlive(): boolean;
}

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  return { proc, pid: proc.pid!, name, output: () => out, exited, isAlive: () => alive };
}

/** A set of children that is always cleaned up: `killAll()` belongs in t.after. */
export class Children {
  readonly all: Child[] = [];
  add(c: Child): Child {
    this.all.push(c);
    return c;
  }
  alive(): Child[] {
    return this.all.filter((c) => c.isAlive());
  }
  async kill(c: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (c.isAlive()) c.proc.kill(signal);
    await c.exited;
  }
  async killAll(): Promise<void> {
    for (const c of this.all) if (c.isAlive()) c.proc.kill('SIGKILL');
    await Promise.all(this.all.map((c) => c.exited));
  }
}

export function startWorker(children: Children, databaseUrl: string, opts: { concurrency?: number; leaseMs?: number; env?: Record<string, string> } = {}): Child {
  const n = children.all.length + 1;
  return children.add(startChild(`worker${n}`, ['worker', '--concurrency', String(opts.concurrency ?? 4), '--lease-ms', String(opts.leaseMs ?? 1500), '--drain-ms', '2000'], childEnv(databaseUrl, opts.env)));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Adds every outlet as a source and queues its first poll, due now. Returns when they were queued. */
export async function subscribeAll(store: Store, sites: NewsSites): Promise<number> {
  const now = Date.now();
  for (const o of sites.outlets) {
    const { source } = await addSource(store, { name: o.name, feedUrl: o.feedUrl, siteUrl: o.server.origin + '/', nextFetchAt: now }, now);
    await enqueuePoll(store, source.id, now);
  }
  return now;
}

const n = (v: unknown) => Number(v ?? 0);

/** The stages after a poll: a queued one is owed whenever it is due. */
export const ARTICLE_STAGES = ['fetch-article', 'extract-article', 'read-article', 'place-article', 'index-article'];

/**
 * Jobs the ingest still owes: running ones, queued ones due soon, and queued article stages
 * whenever they are due (a job backing off after a failure, or deferred behind a host slot
 * a killed worker held, is still owed). The next polls of the outlets (an hour away) and
 * the next maintenance tick are not.
 */
export async function pendingJobs(store: Store, horizonMs = 5_000): Promise<number> {
  const now = Date.now();
  const r = await store.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('state', '=', 'running'), eb.and([eb('state', '=', 'queued'), eb.or([eb('kind', 'in', ARTICLE_STAGES), eb('run_at', '<=', now + horizonMs)])])]))
    .executeTakeFirstOrThrow();
  return n(r.n);
}

/** Jobs not done, with their last error, for failure messages. */
export async function unfinishedJobs(store: Store, limit = 30): Promise<string[]> {
  const now = Date.now();
  const rows = await store.db
    .selectFrom('jobs')
    .select(['id', 'kind', 'state', 'attempts', 'run_at', 'last_error', 'payload'])
    .where('state', '!=', 'done')
    .where((eb) => eb.or([eb('kind', 'in', ARTICLE_STAGES), eb('run_at', '<=', now + 60_000)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((j) => `job ${j.id} ${j.kind} ${j.payload} ${j.state} attempts ${j.attempts} due in ${Math.round((Number(j.run_at) - now) / 1000)} s: ${j.last_error ?? ''}`);
}

/**
 * Waits until the ingest owes no job (see pendingJobs), three checks in a row (a job that
 * finishes enqueues the next stage, so one empty look is not enough).
 */
export async function waitQueueIdle(store: Store, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    let pending = -1;
    try {
      pending = await pendingJobs(store);
    } catch {
      pending = -1; // the database may be restarting
    }
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return;
    if (Date.now() > until) {
      const detail = await Promise.all([jobSummary(store), unfinishedJobs(store)]).catch((e) => String(e));
      throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(detail, null, 1)}`);
    }
    await sleep(250);
  }
}

export async function jobSummary(store: Store): Promise<Record<string, Record<string, number>>> {
  const rows = await store.db.selectFrom('jobs').select(['kind', 'state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['kind', 'state']).execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.kind] ??= {})[r.state] = n(r.n);
  return out;
}

export async function countDone(store: Store, since = 0): Promise<number> {
  const r = await store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'done').where('finished_at', '>=', since).executeTakeFirstOrThrow();
  return n(r.n);
}

export async function countRows(store: Store, table: 'articles' | 'article_bodies' | 'placements' | 'sources'): Promise<number> {
  const r = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return n(r.n);
}

/** Values of a column that occur more than once in articles (should be none). */
export async function duplicateArticleKeys(store: Store): Promise<{ canonicalUrls: number; guids: number }> {
  const urls = await store.db.selectFrom('articles').select('canonical_url').groupBy('canonical_url').having((eb) => eb.fn.countAll(), '>', 1).execute();
  const guids = await store.db.selectFrom('articles').select(['source_id', 'guid']).where('guid', 'is not', null).groupBy(['source_id', 'guid']).having((eb) => eb.fn.countAll(), '>', 1).execute();
  return { canonicalUrls: urls.length, guids: guids.length };
}

/** Done jobs finished at or after `since`, by the pid in their lease owner (`host:pid:rand`). */
export async function doneByPid(store: Store, since: number): Promise<Map<number, number>> {
  const rows = await store.db.selectFrom('jobs').select('lease_owner').where('state', '=', 'done').where('finished_at', '>=', since).execute();
  const out = new Map<number, number>();
  for (const r of rows) {
    const pid = Number(/:(\d+):[0-9a-f]+$/.exec(r.lease_owner ?? '')?.[1]);
    if (pid) out.set(pid, (out.get(pid) ?? 0) + 1);
  }
  return out;
}

/** Closes every other connection to the database (as a failover or an admin would). */
export async function terminateBackends(databaseUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}

/** Creates a database in the server behind `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.href;
}

/** What the children logged: how often each message, and the distinct errors (for diagnostics). */
export function logSummary(children: Children): { messages: Record<string, number>; errors: string[] } {
  const messages: Record<string, number> = {};
  const errors = new Map<string, number>();
  for (const c of children.all) {
    for (const line of c.output().split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const rec = JSON.parse(line) as { msg?: string; err?: unknown; error?: unknown };
        if (rec.msg) messages[rec.msg] = (messages[rec.msg] ?? 0) + 1;
        const e = rec.error ?? rec.err;
        if (e) {
          const text = (typeof e === 'string' ? e : JSON.stringify((e as { message?: string }).message ?? e)).replace(/\d{3,}/g, 'N').slice(0, 160);
          errors.set(`${rec.msg}: ${text}`, (errors.get(`${rec.msg}: ${text}`) ?? 0) + 1);
        }
      } catch {
        // not a log record
      }
    }
  }
  return { messages, errors: [...errors].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([e, n]) => `${n}x ${e}`) };
}
