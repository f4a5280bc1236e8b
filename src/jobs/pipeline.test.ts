/**
 * The reading and story stages of the pipeline on a real database: the seed page's four
 * articles are read, their entities and hashtags linked, and placed into stories; the two
 * Sweida reports form one story whose facts show the differing death tolls.
 */
import assert from 'node:assert/strict';
import { forEachDatabase, freshStore } from '../../test/support/db.ts';
import { loadSeed } from '../../test/support/seed.ts';
import { runUntilIdle, testConfig } from '../../test/support/pipeline.ts';
import { enqueue } from '../store/jobs.ts';
import { resetStoryEngine, placeArticle, rebuildStories, placementGeneration } from './place-article.ts';

const NOW = Date.parse('2025-07-20T12:00:00Z');

forEachDatabase('read and place the seed articles', async (t, kind) => {
  resetStoryEngine();
  const store = await freshStore(kind);
  const config = testConfig();
  const seed = loadSeed();
  const ids: Record<string, number> = {};
  for (const a of seed) {
    const src = await store.db
      .insertInto('sources')
      .values({ name: a.outlet, feed_url: `https://example.test/${a.outlet.replace(/\W+/g, '-')}/feed`, kind: 'feed', status: 'active', created_at: NOW, updated_at: NOW })
      .onConflict((oc) => oc.column('feed_url').doUpdateSet({ updated_at: NOW }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const art = await store.db
      .insertInto('articles')
      .values({ source_id: src.id, guid: a.slug, url: `https://example.test/${a.slug}`, canonical_url: `https://example.test/${a.slug}`, title: a.title, published_at: NOW - a.hoursAgo * 3600_000, status: 'extracted', created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[a.slug] = Number(art.id);
    await store.db.insertInto('article_bodies').values({ article_id: art.id, text: a.text, updated_at: NOW }).execute();
    await enqueue(store, { kind: 'read-article', payload: { articleId: Number(art.id) }, dedupeKey: `read:${art.id}:v1` });
  }
  await runUntilIdle(store, config, { concurrency: 1 });

  const reads = await store.db.selectFrom('article_reads').select(['article_id']).execute();
  assert.equal(reads.length, 4, 'every article was read');
  const states = await store.db.selectFrom('jobs').select(['kind', 'state', 'last_error']).where('kind', 'in', ['read-article', 'place-article']).execute();
  assert.ok(states.every((j) => j.state === 'done'), JSON.stringify(states.filter((j) => j.state !== 'done')));

  const people = await store.db.selectFrom('entities').select(['name', 'kind']).where('kind', '=', 'person').execute();
  assert.ok(people.some((p) => /Sharaa/.test(p.name)), `a Sweida report names Ahmed al-Sharaa: ${people.map((p) => p.name).join(', ')}`);
  const tags = await store.db.selectFrom('article_hashtags').select(['tag']).execute();
  assert.ok(tags.length >= 4 * 3, 'three or more hashtags per article');

  const story = async (slug: string) => (await store.db.selectFrom('articles').select('story_id').where('id', '=', ids[slug]!).executeTakeFirstOrThrow()).story_id;
  const sweidaA = await story('rthk-2');
  const sweidaB = await story('rthk-3');
  assert.ok(sweidaA !== null);
  assert.equal(sweidaA, sweidaB, 'the two Sweida reports are one story');
  assert.notEqual(await story('taliban-column'), sweidaA);
  assert.notEqual(await story('south-china-morning-post-1'), sweidaA);

  await t.test('placing again changes nothing', async () => {
    const again = await placeArticle(store, config, ids['rthk-3']!);
    assert.ok(again !== 'busy');
    assert.equal(again.storyId, sweidaA);
    const n = await store.db.selectFrom('placements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 4);
  });

  await t.test('a fresh process replays the log and places new coverage in the same story', async () => {
    resetStoryEngine();
    const src = await store.db.selectFrom('sources').select('id').where('name', '=', 'RTHK').executeTakeFirstOrThrow();
    const a = seed.find((s) => s.slug === 'rthk-2')!;
    const art = await store.db
      .insertInto('articles')
      .values({ source_id: src.id, guid: 'follow-up', url: 'https://example.test/follow-up', canonical_url: 'https://example.test/follow-up', title: 'Sweida ceasefire holds as Druze and Bedouin fighters pull back', published_at: NOW - 20 * 3600_000, status: 'extracted', created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('article_bodies').values({ article_id: art.id, text: a.text.split('. ').slice(3, 14).join('. '), updated_at: NOW }).execute();
    await enqueue(store, { kind: 'read-article', payload: { articleId: Number(art.id) } });
    await runUntilIdle(store, config, { concurrency: 1 });
    const row = await store.db.selectFrom('articles').select(['story_id', 'duplicate_of']).where('id', '=', art.id).executeTakeFirstOrThrow();
    const pl = await store.db.selectFrom("placements").selectAll().execute();
    assert.equal(row.story_id, sweidaA, JSON.stringify(pl));
  });

  await t.test('stories rebuild re-places the window and leaves no empty story', async () => {
    const before = await placementGeneration(store);
    const r = await rebuildStories(store, config, 0);
    assert.equal(r.articles, 5);
    assert.equal(await placementGeneration(store), before + 1);
    const rows = await store.db.selectFrom('articles').select(['id', 'story_id']).execute();
    assert.ok(rows.every((a) => a.story_id !== null), 'every article placed again');
    assert.equal((await store.db.selectFrom('articles').select('story_id').where('id', '=', ids['rthk-2']!).executeTakeFirstOrThrow()).story_id, (await store.db.selectFrom('articles').select('story_id').where('id', '=', ids['rthk-3']!).executeTakeFirstOrThrow()).story_id);
    assert.notEqual(await story('taliban-column'), await story('south-china-morning-post-1'), 'in publication order too, the Taliban column and the Trump/UAE report are related but not one story');
    const stories = await store.db.selectFrom('stories').select(['id', 'article_count', 'merged_into']).execute();
    for (const s of stories.filter((s) => s.merged_into === null)) assert.ok(s.article_count > 0, `story ${s.id} has articles`);
    const n = await store.db.selectFrom('placements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 5);
  });

  await t.test('story facts: outlets and the differing death tolls', async () => {
    const s = await store.db.selectFrom('stories').selectAll().where('id', '=', sweidaA!).executeTakeFirstOrThrow();
    assert.ok(s.headline.length > 10);
    const facts = JSON.parse(s.facts!);
    assert.ok(facts.articleCount >= 2);
    const killed = facts.disagreements.find((d: any) => d.values.some((v: any) => v.value === 940) && d.values.some((v: any) => v.value === 718));
    assert.ok(killed, `a disagreement 940 vs 718: ${JSON.stringify(facts.disagreements).slice(0, 500)}`);
  });
});
