/**
 * The bundled samples: followed on a first start, read from files through the normal
 * pipeline, never from the network; the sample fetcher refuses anything outside samples/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, freshStore } from '../../test/support/db.ts';
import { loadConfig } from '../config.ts';
import { log } from '../log.ts';
import { onFirstStart } from '../first-start.ts';
import { pollSource } from '../jobs/poll-source.ts';
import { fetchArticle } from '../jobs/fetch-article.ts';
import { listSources } from '../store/sources.ts';
import { listSourceArticles } from '../store/articles.ts';
import { createSampleFetcher } from './sample-fetch.ts';

const quiet = log.child({});
quiet.level = 'silent';

forEachDatabase('sample outlets on a first start', async (t, kind) => {
  const store = await freshStore(kind);
  // Network fetching is left strict: samples never touch it.
  const config = loadConfig({ TIDINGS_DATABASE_URL: 'sqlite::memory:', TIDINGS_LOG_LEVEL: 'silent' }, { configFile: '' });
  await onFirstStart({ store, config });
  await onFirstStart({ store, config }); // a second start adds nothing
  const all = await listSources(store);
  // The three hand-written seed outlets; the generated ones are tested in test/samples.test.ts.
  const seedNames = ['Chintan Research Foundation', 'RTHK', 'South China Morning Post'];
  const sources = all.filter((s) => seedNames.includes(s.name));
  assert.deepEqual(sources.map((s) => s.name).sort(), seedNames);
  assert.ok(all.every((s) => s.kind === 'sample'));
  const polls = await store.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', 'poll-source').execute();
  assert.equal(polls.length, all.length, 'one queued poll per outlet');

  const deps = { store, config, log: quiet };
  const texts: Record<string, { title: string; text: string; published: number | null; byline: string | null; partial: boolean }[]> = {};
  for (const s of sources) {
    const outcome = await pollSource(s.id, undefined, deps);
    assert.equal(outcome.kind, 'ok', `${s.name}: ${JSON.stringify(outcome)}`);
    for (const a of await listSourceArticles(store, s.id)) {
      const r = await fetchArticle(a.id, deps);
      assert.equal(r.kind, 'full', `${a.url}: ${JSON.stringify(r)}`);
    }
    texts[s.name] = (await listSourceArticles(store, s.id)).map((a) => ({ title: a.title, text: a.text ?? '', published: a.publishedAt, byline: a.byline, partial: a.isPartial }));
  }
  const chintan = texts['Chintan Research Foundation'];
  assert.equal(chintan.length, 1);
  assert.equal(chintan[0].title, "Russia's formal recognition a shot in the arm for the Taliban");
  assert.match(chintan[0].text, /stopping the flow of drugs/);
  assert.doesNotMatch(chintan[0].text, /Subscribe|All rights reserved/);

  const rthk = texts['RTHK'];
  assert.equal(rthk.length, 2);
  const clashes = rthk.find((a) => a.title.startsWith('Sectarian clashes'))!;
  assert.match(clashes.text, /killed at least 940 people/);
  assert.equal(new Date(clashes.published!).getUTCDay(), 6, 'Saturday in UTC (Sunday morning in Hong Kong)');
  assert.doesNotMatch(clashes.text, /Other World News|Heatwave/);

  const scmp = texts['South China Morning Post'];
  assert.equal(scmp.length, 1);
  assert.match(scmp[0].text, /'I will try to save them, starting right now,' Trump said/);
  assert.equal(scmp[0].published, Date.UTC(2025, 6, 20, 20, 35));
});

forEachDatabase('TIDINGS_SAMPLES=0: no samples; polls are re-armed at start', async (t, kind) => {
  const store = await freshStore(kind);
  const config = loadConfig({ TIDINGS_DATABASE_URL: 'sqlite::memory:', TIDINGS_SAMPLES: '0' }, { configFile: '' });
  await onFirstStart({ store, config });
  assert.equal((await listSources(store)).length, 0);
  const { addSource } = await import('../store/sources.ts');
  const { source } = await addSource(store, { name: 'x', feedUrl: 'https://x.example/feed', nextFetchAt: 12345 });
  await onFirstStart({ store, config });
  await onFirstStart({ store, config });
  const polls = await store.db.selectFrom('jobs').select(['dedupe_key', 'run_at']).where('kind', '=', 'poll-source').execute();
  assert.deepEqual(polls.map((p) => p.dedupe_key), [`poll:${source.id}:12345`]);
});

test('the sample fetcher reads only inside samples/', async () => {
  const f = createSampleFetcher();
  const table: { url: string; want: string }[] = [
    { url: 'https://rthk.sample.invalid/rthk/en/world-news.xml', want: 'ok' },
    { url: 'https://rthk.sample.invalid/nope.xml', want: 'http-error' },
    { url: 'https://rthk.sample.invalid/../outlets.json', want: 'ok-or-404' },
    { url: 'https://rthk.sample.invalid/%2e%2e/outlets.json', want: 'ok-or-404' },
    { url: 'https://rthk.sample.invalid/rthk/%252e%252e/%252e%252e/outlets.json', want: 'http-error' },
    { url: 'https://example.com/feed.xml', want: 'blocked' },
    { url: 'http://rthk.sample.invalid/rthk/en/world-news.xml', want: 'blocked' },
  ];
  for (const c of table) {
    const r = await f.fetch(c.url);
    if (c.want === 'ok-or-404') {
      // URL parsing already removed the ".." (also when written %2e%2e): it is /outlets.json inside rthk/, which does not exist.
      assert.equal(r.kind, 'http-error', c.url);
    } else assert.equal(r.kind, c.want, c.url);
  }
});
