/**
 * Several processes writing one SQLite file (N workers + a web process on one machine).
 *
 * A transaction that reads before it writes (saveRead, createComment, placement) must not
 * fail because another process committed in between. With SQLite's default deferred
 * BEGIN it does: the transaction's read snapshot is stale by the time it wants the write
 * lock, and SQLite answers SQLITE_BUSY ("database is locked") at once, without waiting
 * on the busy timeout. Seen in the ingest fault test as read-article jobs failing with
 * "database is locked" and retried (dead-lettered after five such attempts).
 *
 * Two stores on one file stand in for two processes; the second one's write slips in
 * between the first one's read and write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqliteUrl } from '../support/db.ts';
import { openStore, migrateToLatest } from '../../src/store/db.ts';

test('a read-then-write transaction survives another process committing in between (SQLite)', async (t) => {
  const { url } = createSqliteUrl();
  const a = openStore(url);
  const b = openStore(url);
  t.after(async () => {
    await a.close();
    await b.close();
  });
  await migrateToLatest(a);
  // The other process gives up quickly instead of blocking this single-threaded test.
  b.sqlite!.pragma('busy_timeout = 50');
  const now = Date.now();
  const source = (name: string) => ({ name, feed_url: `https://example.com/${name}.xml`, kind: 'feed', status: 'active', created_at: now, updated_at: now });

  let otherWrite: 'committed' | 'waited for the lock' = 'waited for the lock';
  await a.db.transaction().execute(async (trx) => {
    await trx.selectFrom('sources').select('id').execute();
    try {
      await b.db.insertInto('sources').values(source('other')).execute();
      otherWrite = 'committed';
    } catch (err) {
      assert.match(String(err), /locked|busy/i, 'the other process may only be told to wait');
    }
    await trx.insertInto('sources').values(source('mine')).execute();
  });
  const names = (await a.db.selectFrom('sources').select('name').execute()).map((r) => r.name);
  assert.ok(names.includes('mine'), `the transaction committed (other write: ${otherWrite})`);
});
