/**
 * A placement whose database write fails must leave no trace in the process's story engine.
 *
 * place-article decides in memory (the engine's active window) and then records the decision
 * in one transaction. Found by the ingest fault test on PostgreSQL: when that transaction
 * failed (the connection was cut by a server restart), the engine kept the placement it had
 * just made; the job's retry placed the article a second time on top of its phantom, and the
 * process's later decisions drew on stories the database never had (seen as retries failing
 * with duplicate keys on stories_pkey).
 *
 * Here a trigger makes one placement's write fail once; the placements that follow must be
 * exactly those of a run without the failure.
 */
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { sql } from 'kysely';
import { freshStore } from '../support/db.ts';
import { testConfig, runUntilIdle } from '../support/pipeline.ts';
import { allHandlers } from '../../src/jobs/handlers.ts';
import { placeArticle, resetStoryEngine } from '../../src/jobs/place-article.ts';
import type { Store } from '../../src/store/db.ts';
import { startNewsSites } from './news-sites.ts';
import { subscribeAll } from './harness.ts';

const sites = await startNewsSites({ outlets: 3, itemsPerOutlet: 4 });
after(() => sites.close());
const config = testConfig({ TIDINGS_POLL_MIN_S: '3600', TIDINGS_LOG_LEVEL: 'silent' });

/** A store with the outlets' articles fetched and read, not yet placed. */
async function readArticles(): Promise<{ store: Store; ids: number[] }> {
  const store = await freshStore('sqlite');
  await subscribeAll(store, sites);
  const handlers = allHandlers();
  await runUntilIdle(store, config, { handlers: { 'poll-source': handlers['poll-source']!, 'fetch-article': handlers['fetch-article']!, 'read-article': handlers['read-article']! }, timeoutMs: 60_000 });
  const ids = (await store.db.selectFrom('articles').select('id').where('status', '=', 'read').orderBy('id').execute()).map((r) => Number(r.id));
  return { store, ids };
}

async function placements(store: Store) {
  return (await store.db.selectFrom('placements').select(['article_id', 'story_id', 'duplicate_of']).orderBy('article_id').execute()).map((r) => [Number(r.article_id), Number(r.story_id), r.duplicate_of === null ? null : Number(r.duplicate_of)]);
}

async function stories(store: Store) {
  return (await store.db.selectFrom('stories').select(['id', 'headline', 'merged_into']).orderBy('id').execute()).map((r) => [Number(r.id), r.headline, r.merged_into === null ? null : Number(r.merged_into)]);
}

test('a failed placement write is forgotten by the engine; the retry places as if nothing happened [sqlite]', async () => {
  const control = await readArticles();
  resetStoryEngine();
  for (const id of control.ids) await placeArticle(control.store, config, id);
  const want = await placements(control.store);
  const wantStories = await stories(control.store);
  // The victim: an article that opened a new story in the clean run (not the first one).
  const opened = new Map<number, number>();
  for (const [articleId, storyId] of want) if (!opened.has(storyId as number)) opened.set(storyId as number, articleId as number);
  const openers = [...opened.values()].slice(1);
  assert.ok(openers.length > 0, 'the outlets make more than one story');

  const faulty = await readArticles();
  assert.deepEqual(faulty.ids, control.ids);
  resetStoryEngine();
  const victim = openers[Math.floor(openers.length / 2)]!;
  await sql`create trigger fail_once before insert on placements when new.article_id = ${sql.lit(victim)} begin select raise(abort, 'injected write failure'); end`.execute(faulty.store.db);
  for (const id of faulty.ids) {
    if (id === victim) {
      await assert.rejects(placeArticle(faulty.store, config, id), /injected write failure/);
      await sql`drop trigger fail_once`.execute(faulty.store.db);
    }
    await placeArticle(faulty.store, config, id); // the retry of the victim, then the rest
  }
  assert.deepEqual(await placements(faulty.store), want, `placements after a failed write of article ${victim} differ from a clean run`);
  assert.deepEqual(await stories(faulty.store), wantStories, `stories after a failed write of article ${victim} differ from a clean run`);
  resetStoryEngine();
});
