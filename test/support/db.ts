/**
 * Real databases for tests: each call gives a fresh, migrated store on SQLite (a new file
 * in a temporary directory) or on PostgreSQL (a new database in the server that
 * scripts/test.mjs started, or one this process starts itself when run alone).
 *
 * `forEachDatabase(name, fn)` runs one suite on both, as Kysely's own tests do. Without
 * PostgreSQL the PostgreSQL variant is skipped, except with CI=true, where it fails.
 */
import { test, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, migrateToLatest, type Store } from '../../src/store/db.ts';
// @ts-ignore plain JS module
import { startPgServer } from './pg-server.mjs';

export type DbKind = 'sqlite' | 'postgres';

let ownServer: { url: string; stop(): void; restart(): void } | null = null;
let serverPromise: Promise<string | null> | null = null;
let counter = 0;

export async function pgAdminUrl(): Promise<string | null> {
  if (process.env.TIDINGS_TEST_PG_URL) return process.env.TIDINGS_TEST_PG_URL;
  if (process.env.TIDINGS_TEST_PG === '0') return null;
  serverPromise ??= startPgServer().then(
    (s: any) => {
      ownServer = s;
      after(() => s.stop());
      process.on('exit', () => s.stop());
      return s.url as string;
    },
    () => null,
  );
  return serverPromise;
}

/** The server this process started itself (null when scripts/test.mjs provided one). */
export function ownPgServer() {
  return ownServer;
}

/** Creates a fresh database and returns its URL. */
export async function createPgDatabase(): Promise<string> {
  const admin = await pgAdminUrl();
  if (!admin) throw new Error('PostgreSQL not available');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.href;
}

export function createSqliteUrl(): { url: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return { url: `sqlite:${join(dir, 'tidings.db')}`, dir };
}

export async function databaseUrl(kind: DbKind): Promise<string> {
  return kind === 'sqlite' ? createSqliteUrl().url : createPgDatabase();
}

/** A fresh, migrated store, closed after the test file. */
export async function freshStore(kind: DbKind): Promise<Store> {
  const store = openStore(await databaseUrl(kind), { poolSize: 5 });
  await migrateToLatest(store);
  after(() => store.close());
  return store;
}

/**
 * Runs `fn` as a test (with subtests) once per database. The PostgreSQL run is skipped
 * when no server can be started, unless CI=true.
 */
export function forEachDatabase(name: string, fn: (t: import('node:test').TestContext, kind: DbKind) => Promise<void>) {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${name} [${kind}]`, async (t) => {
      if (kind === 'postgres' && !(await pgAdminUrl())) {
        if (process.env.CI === 'true') throw new Error('PostgreSQL is required in CI but could not be started');
        t.skip('PostgreSQL not available');
        return;
      }
      await fn(t, kind);
    });
  }
}
