import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, freshStore, databaseUrl } from '../../test/support/db.ts';
import { openStore, migrateToLatest, pendingMigrations } from './db.ts';
import { migrations } from './migrations/index.ts';

const ALL = Object.keys(migrations).sort();

forEachDatabase('migrations', async (t, kind) => {
  const url = await databaseUrl(kind);
  const store = openStore(url);
  try {
    assert.deepEqual((await pendingMigrations(store)).sort(), ALL);
    assert.deepEqual((await migrateToLatest(store)).sort(), ALL);
    assert.deepEqual(await pendingMigrations(store), []);
    // Running again is a no-op.
    assert.deepEqual(await migrateToLatest(store), []);
  } finally {
    await store.close();
  }
  await t.test('concurrent starts migrate once', async () => {
    const url2 = await databaseUrl(kind);
    const stores = [openStore(url2), openStore(url2), openStore(url2)];
    try {
      const results = await Promise.all(stores.map((s) => migrateToLatest(s)));
      assert.deepEqual(results.flat().sort(), ALL, `each migration applied by exactly one process, got ${JSON.stringify(results)}`);
      assert.deepEqual(await pendingMigrations(stores[0]), []);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

forEachDatabase('unique constraints', async (t, kind) => {
  const store = await freshStore(kind);
  const now = Date.now();
  const [src] = await store.db.insertInto('sources').values({ name: 'Example', feed_url: 'https://example.com/feed', kind: 'feed', status: 'active', created_at: now, updated_at: now }).returning('id').execute();
  await assert.rejects(
    store.db.insertInto('sources').values({ name: 'Dup', feed_url: 'https://example.com/feed', kind: 'feed', status: 'active', created_at: now, updated_at: now }).execute(),
    'feed_url is unique',
  );
  const article = (guid: string, url: string) => ({ source_id: src.id, guid, url, canonical_url: url, title: 't', status: 'new', created_at: now, updated_at: now });
  await store.db.insertInto('articles').values(article('g1', 'https://example.com/a')).execute();
  await assert.rejects(store.db.insertInto('articles').values(article('g2', 'https://example.com/a')).execute(), 'canonical URL is unique');
  await assert.rejects(store.db.insertInto('articles').values(article('g1', 'https://example.com/b')).execute(), 'GUID is unique per source');
  // An upsert on the natural key changes nothing the second time.
  for (let i = 0; i < 2; i++) {
    await store.db
      .insertInto('articles')
      .values(article('g3', 'https://example.com/c'))
      .onConflict((oc) => oc.column('canonical_url').doNothing())
      .execute();
  }
  const n = await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 2);
  // Foreign keys are enforced (SQLite needs the pragma).
  await assert.rejects(store.db.insertInto('article_bodies').values({ article_id: 999999, text: 'x', updated_at: now }).execute(), 'foreign key enforced');
});

test('sqlite runs in WAL mode with foreign keys and a busy timeout', async () => {
  const store = await freshStore('sqlite');
  assert.equal(store.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.sqlite!.pragma('foreign_keys', { simple: true }), 1);
  assert.ok(Number(store.sqlite!.pragma('busy_timeout', { simple: true })) >= 5000);
});
