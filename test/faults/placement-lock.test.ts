/**
 * The story placement lock (store/locks.ts, used by place-article) and a worker killed
 * while holding it.
 *
 * Found by the ingest fault test: a worker SIGKILLed in the middle of a placement left the
 * lock held for its whole 60-second lease, so every place-article job of every worker was
 * deferred ("story placement busy") for up to a minute after each such kill. The lease has
 * to be short for a dead holder to matter little, and then a live holder doing long work
 * (a fresh process replaying the placement log) must renew it so that nobody takes the lock
 * from under it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { forEachDatabase, freshStore, databaseUrl } from '../support/db.ts';
import { openStore, migrateToLatest } from '../../src/store/db.ts';
import { tryAcquireLock, withLock } from '../../src/store/locks.ts';
import { PLACEMENT_LOCK, PLACEMENT_LOCK_LEASE_MS } from '../../src/jobs/place-article.ts';
import { REPO_ROOT, sleep } from './harness.ts';

forEachDatabase('withLock renews the lease of a live holder', async (_t, kind) => {
  const store = await freshStore(kind);
  let stolen = 0;
  let tries = 0;
  const r = await withLock(store, 'renew-test', 'A', { leaseMs: 300, waitMs: 0 }, async () => {
    // Four leases long; another holder keeps trying all the while.
    const until = Date.now() + 1200;
    while (Date.now() < until) {
      tries++;
      if (await tryAcquireLock(store, 'renew-test', 'B', 300)) stolen++;
      await sleep(50);
    }
    return 'done';
  });
  assert.deepEqual(r, { acquired: true, value: 'done' });
  assert.ok(tries > 5);
  assert.equal(stolen, 0, `B took the lock from a live holder ${stolen} of ${tries} times`);
  assert.equal(await tryAcquireLock(store, 'renew-test', 'B', 300), true, 'released at the end');
});

forEachDatabase('a worker SIGKILLed inside the placement lock holds up placement for one lease at most', async (t, kind) => {
  const url = await databaseUrl(kind);
  const store = openStore(url, { poolSize: 2 });
  t.after(() => store.close());
  await migrateToLatest(store);
  assert.ok(PLACEMENT_LOCK_LEASE_MS <= 15_000, `placement lock lease ${PLACEMENT_LOCK_LEASE_MS} ms`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/hold-lock.ts'], { cwd: REPO_ROOT, env: { ...process.env, TIDINGS_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => void (child.exitCode === null && child.kill('SIGKILL')));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
    child.once('exit', (code) => reject(new Error(`hold-lock exited with ${code}`)));
  });
  assert.equal(await tryAcquireLock(store, PLACEMENT_LOCK, 'worker-b', PLACEMENT_LOCK_LEASE_MS), false, 'held while its holder lives');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const killedAt = Date.now();
  // Wait for the takeover, but no longer than one lease and a margin (the old lease was a minute).
  let acquired = false;
  while (!acquired && Date.now() - killedAt < PLACEMENT_LOCK_LEASE_MS + 5_000) {
    acquired = await tryAcquireLock(store, PLACEMENT_LOCK, 'worker-b', PLACEMENT_LOCK_LEASE_MS);
    if (!acquired) await sleep(250);
  }
  assert.ok(acquired, `another worker takes the placement lock within one lease (${PLACEMENT_LOCK_LEASE_MS} ms) of the holder's death`);
});
