/**
 * Opens the database named by TIDINGS_DATABASE_URL: embedded SQLite (WAL, foreign keys,
 * busy timeout) or a PostgreSQL pool. Everything else uses the returned Kysely instance
 * and never needs to know which one it is, except the few functions that branch on
 * `store.kind` where the two databases differ (job leasing, full-text search).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type DatabaseConnection, type Driver, type MigrationProvider } from 'kysely';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';

export type DatabaseKind = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  kind: DatabaseKind;
  /** For SQLite, the file path (used by backup); for PostgreSQL, null. */
  sqlitePath: string | null;
  sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (bigint, count(*)) as strings; our ids and epoch-ms times fit in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenOptions {
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails (server restart); the pool reconnects by itself. */
  onPoolError?: (err: Error) => void;
}

/**
 * Every transaction here writes. SQLite's default deferred BEGIN takes a read snapshot and
 * asks for the write lock only at the first write; if another process committed in
 * between, SQLite answers SQLITE_BUSY at once (no busy-timeout wait), failing the job.
 * BEGIN IMMEDIATE takes the write lock up front and waits on the busy timeout instead.
 * See test/faults/sqlite-writers.test.ts.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => void (await connection.executeQuery(CompiledQuery.raw('begin immediate')));
    return driver;
  }
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs about as much as running a
 * small indexed query. Statements are cached by their SQL text (bounded, least recently
 * added dropped first). SQLite re-prepares a cached statement by itself after a schema
 * change, and Kysely runs one query at a time on its single connection, so reuse is safe.
 */
function withStatementCache(db: SqliteDatabase.Database, max = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = db.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * PostgreSQL text cannot hold NUL ("invalid byte sequence for encoding UTF8: 0x00"), and
 * text from outlets, pages and forms may carry one. It is dropped from every string
 * parameter at the driver, so no store function can fail on it (SQLite keeps it as is).
 */
function stripNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(stripNul);
  return value;
}

function stripNulOnQuery(pool: pg.Pool): void {
  const patched = new WeakSet<object>();
  pool.on('connect', (client) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, ...rest: unknown[]) =>
      query(typeof config === 'string' ? stripNul(config) : config, Array.isArray(values) ? values.map(stripNul) : values, ...rest);
  });
}

export function sqlitePathFromUrl(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}

export function openStore(databaseUrl: string, opts: OpenOptions = {}): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = sqlitePathFromUrl(databaseUrl);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      kind: 'sqlite',
      sqlitePath: path,
      sqlite,
      async close() {
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  stripNulOnQuery(pool);
  // Without a listener an idle client's error (e.g. the server restarting) would crash the process.
  pool.on('error', (err) => opts.onPoolError?.(err));
  // The pool listens only while a client is idle. A client checked out for a transaction and
  // between two statements when its connection is cut gets the error as an event, which
  // would crash the process; with this listener the transaction fails instead and the pool
  // drops the client on release. See test/faults/pg-connection-loss.test.ts.
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.onPoolError?.(err));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    sqlitePath: null,
    sqlite: null,
    async close() {
      await db.destroy();
    },
  };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

// Migrations from parallel branches may land out of name order; each is independent of the
// others that are not yet applied, so Kysely is allowed to apply them in any order.
function migrator(db: Db): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock', allowUnorderedMigrations: true });
}

/**
 * Applies pending migrations. On PostgreSQL Kysely holds an advisory lock inside the
 * migration transaction, so concurrent starts wait for each other. SQLite has no such
 * lock in Kysely; two processes starting at once may collide on DDL, so a failed run is
 * retried after the other process has finished.
 */
export async function migrateToLatest(store: Store): Promise<string[]> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { error, results } = await migrator(store.db).migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    lastError = error;
    if (store.kind === 'postgres') break;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  throw new Error(`store: migration failed: ${(lastError as Error)?.message ?? lastError}`, { cause: lastError });
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migrator(store.db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}

/** Current time in epoch milliseconds; one place so tests can reason about it. */
export const nowMs = (): number => Date.now();
