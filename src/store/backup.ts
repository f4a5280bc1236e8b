/**
 * Backup and restore. SQLite: the online backup API (a consistent copy while Tidings
 * runs), checked with an integrity check. PostgreSQL: pg_dump in its custom format and
 * pg_restore, found on PATH or in the server's bin directory.
 */
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import SqliteDatabase from 'better-sqlite3';
import type { Store } from './db.ts';
import { sqlitePathFromUrl } from './db.ts';

export async function backupSqlite(store: Store, file: string): Promise<{ bytes: number }> {
  if (!store.sqlite) throw new Error('backup: not a SQLite store');
  await store.sqlite.backup(file);
  checkSqliteFile(file);
  return { bytes: statSync(file).size };
}

export function checkSqliteFile(file: string): void {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const r = db.pragma('integrity_check', { simple: true });
    if (r !== 'ok') throw new Error(`backup: ${file} failed its integrity check: ${r}`);
    const hasSchema = db.prepare("select count(*) as n from sqlite_master where name = 'schema_migrations'").get() as { n: number };
    if (!hasSchema.n) throw new Error(`backup: ${file} is not a Tidings database (no schema_migrations table)`);
  } finally {
    db.close();
  }
}

/** Replaces the SQLite database at `databaseUrl` with `file`. Tidings must not be running. */
export function restoreSqlite(databaseUrl: string, file: string): void {
  checkSqliteFile(file);
  const target = sqlitePathFromUrl(databaseUrl);
  const tmp = `${target}.restore-${process.pid}`;
  copyFileSync(file, tmp);
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(tmp, target);
}

function pgTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  } catch {
    // fall through
  }
  throw new Error(`backup: ${name} not found; install the PostgreSQL client tools`);
}

export function backupPostgres(databaseUrl: string, file: string): { bytes: number } {
  const r = spawnSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', databaseUrl], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`backup: pg_dump failed: ${r.stderr.trim()}`);
  return { bytes: statSync(file).size };
}

export function restorePostgres(databaseUrl: string, file: string): void {
  const r = spawnSync(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', databaseUrl, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`restore: pg_restore failed: ${r.stderr.trim()}`);
}
