/**
 * Worker processes against a real database: a worker killed with SIGKILL mid-job loses
 * nothing (another worker finishes the job, once), and SIGTERM drains.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { forEachDatabase, databaseUrl } from '../../test/support/db.ts';
import { openStore, migrateToLatest, type Store } from '../store/db.ts';
import { enqueue, getJob, type Job } from '../store/jobs.ts';

function startWorker(url: string, extra: string[] = [], env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--concurrency', '2', ...extra], {
    env: { ...process.env, TIDINGS_DATABASE_URL: url, TIDINGS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null || c.signalCode ? r(c.exitCode) : c.once('exit', (code) => r(code))));

async function jobWhere(store: Store, id: number, pred: (j: Job) => boolean) {
  const j = await getJob(store, id);
  return j && pred(j) ? j : null;
}

forEachDatabase('worker processes', async (t, kind) => {
  const url = await databaseUrl(kind);
  const store = openStore(url);
  await migrateToLatest(store);
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL');
    await store.close();
  });

  await t.test('SIGKILL mid-job: the lease expires and another worker completes it once', async () => {
    const id = (await enqueue(store, { kind: 'test.sleep', payload: { ms: 3000 } }))!;
    const a = startWorker(url, ['--lease-ms', '1500']);
    children.push(a);
    const running = await waitFor('job running in worker A', () => jobWhere(store, id, (j) => j.state === 'running' && !!j.leaseOwner?.includes(`:${a.pid}:`)));
    assert.equal(running.attempts, 1);
    a.kill('SIGKILL');
    await exited(a);
    const b = startWorker(url, ['--lease-ms', '1500']);
    children.push(b);
    const done = await waitFor('job done by worker B', () => jobWhere(store, id, (j) => j.state === 'done'), 40_000);
    assert.ok(done.leaseOwner?.includes(`:${b.pid}:`), `completed by B (${done.leaseOwner})`);
    assert.equal(done.attempts, 2, 'one attempt by A, one by B');
    b.kill('SIGTERM');
    assert.equal(await exited(b), 0);
  });

  await t.test('SIGTERM drains: a running job finishes, a too-long one is handed back', async () => {
    const short = (await enqueue(store, { kind: 'test.sleep', payload: { ms: 1200 } }))!;
    const long = (await enqueue(store, { kind: 'test.sleep', payload: { ms: 120_000 } }))!;
    const w = startWorker(url, ['--drain-ms', '3000']);
    children.push(w);
    await waitFor('both jobs running', async () => (await jobWhere(store, short, (j) => j.state === 'running')) && (await jobWhere(store, long, (j) => j.state === 'running')));
    w.kill('SIGTERM');
    assert.equal(await exited(w), 0, w.output());
    assert.equal((await getJob(store, short))!.state, 'done', 'the short job finished during the drain');
    const back = (await getJob(store, long))!;
    assert.equal(back.state, 'queued', 'the long job went back to the queue');
    assert.equal(back.attempts, 0, 'its attempt was not counted');
  });
});
