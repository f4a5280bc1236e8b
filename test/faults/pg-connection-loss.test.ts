/**
 * A PostgreSQL connection cut while a process holds it between two statements of a
 * transaction (server restart, failover, pg_terminate_backend, an idle-in-transaction
 * timeout) must fail that transaction, not the process.
 *
 * Found by the ingest fault test: at `pg_ctl restart` every worker process died with
 * "Unhandled 'error' event ... terminating connection due to administrator command". pg's
 * pool listens for errors only on idle clients; a client checked out by Kysely for a
 * transaction has no listener, and a connection error that arrives while no query runs is
 * emitted on it as an 'error' event, which kills the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { pgAdminUrl, createPgDatabase } from '../support/db.ts';
import { openStore, migrateToLatest } from '../../src/store/db.ts';
import { REPO_ROOT, terminateBackends, sleep } from './harness.ts';

test('a connection terminated mid-transaction fails the transaction, not the process [postgres]', async (t) => {
  if (!(await pgAdminUrl())) {
    if (process.env.CI === 'true') throw new Error('PostgreSQL is required in CI but could not be started');
    t.skip('PostgreSQL not available');
    return;
  }
  const url = await createPgDatabase();
  const store = openStore(url, { poolSize: 1 });
  await migrateToLatest(store);
  await store.close();

  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/pg-idle-in-transaction.ts'], { cwd: REPO_ROOT, env: { ...process.env, TIDINGS_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => void (child.exitCode === null && child.kill('SIGKILL')));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const until = Date.now() + 30_000;
  while (!out.includes('in-transaction')) {
    if (Date.now() > until || child.exitCode !== null) assert.fail(`the child never reached its transaction:\n${out}`);
    await sleep(50);
  }
  const terminated = await terminateBackends(url);
  assert.ok(terminated >= 1, 'its backend was terminated');
  assert.equal(await exited, 0, `the process survived:\n${out}`);
  assert.match(out, /transaction failed: /, 'the transaction reported its failure');
  assert.match(out, /recovered: 0 rows/, 'and the next query ran on a new connection');
});
