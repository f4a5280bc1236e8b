import assert from 'node:assert/strict';
import { forEachDatabase, freshStore } from '../../test/support/db.ts';
import { testConfig } from '../../test/support/pipeline.ts';
import { scheduleTick, tickHandler, TICK_MS } from './maintenance.ts';
import { listJobs, enqueue, leaseJobs, failJob } from '../store/jobs.ts';
import { addSource } from '../store/sources.ts';
import { log } from '../log.ts';

forEachDatabase('maintenance tick', async (t, kind) => {
  const store = await freshStore(kind);
  const now = Date.now();
  await scheduleTick(store, now);
  await scheduleTick(store, now + 1000);
  const ticks = await listJobs(store, { kind: 'maintenance.tick' });
  assert.equal(ticks.length, 1, 'two workers starting together queue one tick');
  assert.ok(ticks[0]!.runAt > now && ticks[0]!.runAt <= now + TICK_MS);

  await t.test('re-arms the poll of an outlet whose poll job died', async () => {
    const { source } = await addSource(store, { name: 'Lost', feedUrl: 'https://lost.example/feed', siteUrl: null, kind: 'feed', folder: null, rules: null, nextFetchAt: now }, now);
    // The outlet's poll job is dead-lettered.
    await store.db.deleteFrom('jobs').where('kind', '=', 'poll-source').execute();
    await enqueue(store, { kind: 'poll-source', payload: { sourceId: source.id, dueAt: now }, dedupeKey: `poll:${source.id}:${now}`, maxAttempts: 1 });
    const [job] = await leaseJobs(store, { owner: 'w', limit: 1, leaseMs: 1000, kinds: ['poll-source'] });
    assert.equal(await failJob(store, job!, 'database went away'), 'dead');
    const ctx = { store, config: testConfig(), log, job: ticks[0]!, signal: new AbortController().signal };
    await tickHandler.run({}, ctx);
    const polls = await listJobs(store, { kind: 'poll-source', state: 'queued' });
    assert.equal(polls.length, 1, 'a new poll is queued');
    assert.equal((polls[0]!.payload as { sourceId: number }).sourceId, source.id);
    await tickHandler.run({}, ctx);
    assert.equal((await listJobs(store, { kind: 'poll-source', state: 'queued' })).length, 1, 'a second tick adds nothing');
    assert.equal((await listJobs(store, { kind: 'maintenance.tick', state: 'queued' })).length >= 1, true, 'the next tick is queued');
  });
});
