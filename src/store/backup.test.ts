import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, databaseUrl } from '../../test/support/db.ts';
import { openStore, migrateToLatest } from './db.ts';

function cli(args: string[], url: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, TIDINGS_DATABASE_URL: url, TIDINGS_LOG_LEVEL: 'warn' } });
}

async function countSources(url: string): Promise<number> {
  const store = openStore(url);
  try {
    const r = await store.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await store.close();
  }
}

forEachDatabase('backup and restore round trip', async (t, kind) => {
  const url = await databaseUrl(kind);
  const store = openStore(url);
  await migrateToLatest(store);
  const now = Date.now();
  for (let i = 0; i < 3; i++) await store.db.insertInto('sources').values({ name: `Outlet ${i} 'quoted'; --`, feed_url: `https://example.com/${i}`, kind: 'feed', status: 'active', created_at: now, updated_at: now }).execute();
  await store.close();

  const dir = mkdtempSync(join(tmpdir(), 'tidings-backup-'));
  const file = join(dir, 'backup.bin');
  const b = cli(['backup', file], url);
  assert.equal(b.status, 0, b.stderr);
  assert.equal(cli(['backup', file], url).status, 2, 'refuses to overwrite without --force');

  // Change the database after the backup, then restore: the change is gone.
  const s2 = openStore(url);
  await s2.db.deleteFrom('sources').execute();
  await s2.close();
  assert.equal(await countSources(url), 0);
  const r = cli(['restore', file], url);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(await countSources(url), 3);

  await t.test('a file that is not a backup is refused and the database kept', () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'not a database');
    const bad = cli(['restore', junk], url);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /restore|backup|integrity|not a/i);
  });
  assert.equal(await countSources(url), 3);
});
