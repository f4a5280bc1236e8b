/**
 * A stage that runs late must not move an article backwards.
 *
 * With leases, one job can run twice at once: worker A stalls (a long GC, a busy CPU, a
 * synchronous SQLite wait), its lease runs out, worker B takes the job and the article goes
 * on through read and placement; then A wakes up and finishes its now stale run. The queue
 * fences A's job result (A cannot complete the job), but not what A's handler writes: its
 * saveExtraction / saveRead set the article's status back to 'extracted' / 'read' although
 * it is placed, and `stories rebuild` (which takes 'read' and 'placed' articles) then
 * leaves an 'extracted' one out of every story. The ingest fault test met this as an
 * article "status extracted" with all its jobs done.
 *
 * Here the late run is played in order on one process: the article is taken through the
 * whole pipeline, then A's stale run of an earlier stage finishes.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { forEachDatabase, freshStore } from '../support/db.ts';
import { testConfig, runUntilIdle } from '../support/pipeline.ts';
import { log } from '../../src/log.ts';
import { fetchArticle } from '../../src/jobs/fetch-article.ts';
import { readArticleHandler } from '../../src/jobs/read-article.ts';
import { getJob, type Job } from '../../src/store/jobs.ts';
import { startNewsSites } from './news-sites.ts';
import { subscribeAll } from './harness.ts';

const sites = await startNewsSites({ outlets: 1, itemsPerOutlet: 2 });
after(() => sites.close());
const quiet = log.child({});
quiet.level = 'silent';

forEachDatabase('a late run of an earlier stage leaves a placed article placed', async (t, kind) => {
  const store = await freshStore(kind);
  const config = testConfig({ TIDINGS_POLL_MIN_S: '3600', TIDINGS_LOG_LEVEL: 'silent' });
  await subscribeAll(store, sites);
  await runUntilIdle(store, config, { timeoutMs: 60_000 });
  const placed = await store.db.selectFrom('articles').select(['id', 'status']).orderBy('id').execute();
  assert.deepEqual(
    placed.map((a) => a.status),
    ['placed', 'placed'],
    'both articles went through the pipeline',
  );
  const [first, second] = placed.map((a) => Number(a.id));
  const statusOf = async (id: number) => (await store.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  await t.test('read-article finishing late', async () => {
    const job = (await getJob(store, 1)) as Job; // any job: the handler only reads attempts from it
    await readArticleHandler.run({ articleId: first! }, { store, config, log: quiet, job, signal: new AbortController().signal });
    assert.equal(await statusOf(first!), 'placed');
  });

  await t.test('fetch-article finishing late (it passed its already-extracted check before the article moved on)', async () => {
    // `force` skips that check, which is what a run that read the article earlier did.
    const outcome = await fetchArticle(second!, { store, config, log: quiet, force: true });
    assert.equal(outcome.kind, 'full');
    assert.equal(await statusOf(second!), 'placed');
  });
});
