import assert from 'node:assert/strict';
import { forEachDatabase, freshStore } from '../../test/support/db.ts';
import { enqueue, enqueueMany, leaseJobs, completeJob, failJob, heartbeat, releaseJob, retryJob, countJobsByState, getJob, backoffMs, deferJob, queueLagSeconds } from './jobs.ts';
import { test } from 'node:test';

forEachDatabase('job queue', async (t, kind) => {
  const store = await freshStore(kind);

  await t.test('dedupe key: the same job is never queued twice', async () => {
    const a = await enqueue(store, { kind: 'k', payload: { x: 1 }, dedupeKey: 'same' });
    const b = await enqueue(store, { kind: 'k', payload: { x: 2 }, dedupeKey: 'same' });
    assert.ok(a);
    assert.equal(b, null);
    const job = await getJob(store, a!);
    assert.deepEqual(job?.payload, { x: 1 });
    assert.equal(await enqueueMany(store, [{ kind: 'k', dedupeKey: 'same' }, { kind: 'k', dedupeKey: 'other' }]), 1);
  });

  await t.test('scheduled jobs wait for their time', async () => {
    const now = Date.now();
    const id = await enqueue(store, { kind: 'sched', runAt: now + 60_000 });
    assert.equal((await leaseJobs(store, { owner: 'w', limit: 10, leaseMs: 1000, kinds: ['sched'], now })).length, 0);
    const later = await leaseJobs(store, { owner: 'w', limit: 10, leaseMs: 1000, kinds: ['sched'], now: now + 61_000 });
    assert.deepEqual(later.map((j) => j.id), [id]);
  });

  await t.test('lease, heartbeat, complete; a lost lease cannot complete', async () => {
    const id = await enqueue(store, { kind: 'life' });
    const now = Date.now();
    const [job] = await leaseJobs(store, { owner: 'A', limit: 1, leaseMs: 1000, kinds: ['life'], now });
    assert.equal(job.id, id);
    assert.equal(job.attempts, 1);
    assert.equal(await heartbeat(store, job, 1000, now + 500), true);
    // A's lease (extended to now+1500) runs out; B takes the job over.
    const [taken] = await leaseJobs(store, { owner: 'B', limit: 1, leaseMs: 1000, kinds: ['life'], now: now + 2000 });
    assert.equal(taken.id, id);
    assert.equal(taken.attempts, 2);
    assert.equal(await heartbeat(store, job, 1000), false, 'A lost its lease');
    assert.equal(await completeJob(store, job), false, 'A cannot complete');
    assert.equal(await completeJob(store, taken), true);
    assert.equal((await getJob(store, id!))?.state, 'done');
    assert.equal(await completeJob(store, taken), false, 'completes once');
  });

  await t.test('failures back off, then dead-letter with the last error', async () => {
    const id = await enqueue(store, { kind: 'flaky', maxAttempts: 3 });
    let now = Date.now();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['flaky'], now });
      assert.equal(job?.id, id, `attempt ${attempt} leased`);
      const state = await failJob(store, job, `boom ${attempt}`, { now });
      assert.equal(state, attempt < 3 ? 'queued' : 'dead');
      const row = (await getJob(store, id!))!;
      assert.equal(row.lastError, `boom ${attempt}`);
      if (attempt < 3) {
        assert.ok(row.runAt > now, 'retry is scheduled later');
        assert.equal((await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['flaky'], now })).length, 0, 'not before its backoff');
        now = row.runAt;
      }
    }
    const dead = (await getJob(store, id!))!;
    assert.equal(dead.state, 'dead');
    assert.equal(dead.attempts, 3);
    assert.equal(await retryJob(store, id!), true);
    const again = (await getJob(store, id!))!;
    assert.equal(again.state, 'queued');
    assert.equal(again.attempts, 0);
  });

  await t.test('permanent failure dead-letters at once; defer and release do not count attempts', async () => {
    const id = await enqueue(store, { kind: 'perm' });
    const [job] = await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['perm'] });
    assert.equal(await failJob(store, job, 'bad payload', { permanent: true }), 'dead');
    const id2 = await enqueue(store, { kind: 'defer' });
    const [j2] = await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['defer'] });
    const at = Date.now() + 5000;
    assert.equal(await deferJob(store, j2, at, 'host busy'), true);
    const row = (await getJob(store, id2!))!;
    assert.equal(row.attempts, 0);
    assert.equal(row.runAt, at);
    const [j3] = await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['defer'], now: at });
    assert.equal(await releaseJob(store, j3), true);
    assert.equal((await getJob(store, id2!))!.attempts, 0);
    assert.equal((await getJob(store, id!))!.state, 'dead');
  });

  await t.test('race: concurrent workers never lease the same job', async () => {
    const n = 300;
    await enqueueMany(store, Array.from({ length: n }, (_, i) => ({ kind: 'race', payload: { i } })));
    // On PostgreSQL the pool gives each concurrent lease its own connection, so the race is real.
    const stores = [store];
    const seen = new Map<number, string>();
    const workers = Array.from({ length: 6 }, (_, w) => `w${w}`);
    await Promise.all(
      workers.map(async (owner) => {
        for (;;) {
          const jobs = await leaseJobs(stores[0], { owner, limit: 7, leaseMs: 60_000, kinds: ['race'] });
          if (!jobs.length) return;
          for (const j of jobs) {
            assert.ok(!seen.has(j.id), `job ${j.id} leased by ${seen.get(j.id)} and ${owner}`);
            seen.set(j.id, owner);
            assert.equal(await completeJob(stores[0], j), true);
          }
        }
      }),
    );
    assert.equal(seen.size, n);
    assert.ok(new Set(seen.values()).size > 1, 'the work was shared');
  });

  await t.test('counts and lag', async () => {
    const counts = await countJobsByState(store);
    assert.ok(counts.done >= 301);
    assert.ok(counts.dead >= 1);
    const lag = await queueLagSeconds(store);
    assert.ok(lag >= 0);
  });
});

test('backoff grows exponentially with jitter, capped', () => {
  const lo = () => 0;
  const hi = () => 0.999999;
  assert.equal(backoffMs(1, 1000, 1e9, lo), 1000);
  assert.ok(backoffMs(1, 1000, 1e9, hi) <= 2000);
  assert.equal(backoffMs(3, 1000, 1e9, lo), 4000);
  assert.ok(backoffMs(20, 1000, 60_000, hi) <= 60_000);
});
