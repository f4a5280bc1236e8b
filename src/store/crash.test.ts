/**
 * A process killed with SIGKILL in the middle of writing leaves a consistent database:
 * every committed batch is complete (20 articles, each with its body), nothing of the
 * interrupted one is visible, and on SQLite the file passes its integrity check.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { forEachDatabase, databaseUrl } from '../../test/support/db.ts';
import { openStore, migrateToLatest } from './db.ts';

forEachDatabase('SIGKILL mid-write leaves a consistent database', async (t, kind) => {
  const url = await databaseUrl(kind);
  const pre = openStore(url);
  await migrateToLatest(pre);
  await pre.close();
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/writer.ts'], { env: { ...process.env, TIDINGS_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = -1;
    child.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/committed (\d+)/g)) committed = Number(m[1]);
    });
    // Let it commit a few batches, then kill it at a moment that varies per round.
    const until = Date.now() + 30_000;
    while (committed < 3 + round * 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 7 + round * 13));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok(committed >= 3, 'the writer made progress before it was killed');
  }
  const store = openStore(url);
  try {
    if (kind === 'sqlite') assert.equal(store.sqlite!.pragma('integrity_check', { simple: true }), 'ok');
    const articles = Number((await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const bodies = Number((await store.db.selectFrom('article_bodies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(articles, bodies, 'every article has its body');
    assert.equal(articles % 20, 0, `only whole batches are visible (${articles} articles)`);
    // The database is still writable after the crashes.
    const now = Date.now();
    await store.db.insertInto('sources').values({ name: 'after', feed_url: 'https://example.com/after', kind: 'feed', status: 'active', created_at: now, updated_at: now }).execute();
  } finally {
    await store.close();
  }
});
