import { parseCommandArgs, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { backupPostgres, backupSqlite } from '../store/backup.ts';
import { existsSync } from 'node:fs';

export const help = `Usage: tidings backup [--force] FILE

Writes a consistent copy of the database to FILE while Tidings keeps running.
SQLite: the online backup API, then an integrity check of the copy.
PostgreSQL: pg_dump --format=custom (restore with "tidings restore FILE").

Options:
  --force     overwrite FILE if it exists
  -h, --help  show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { force: { type: 'boolean' } }, help, { allowPositionals: true });
  if (!args) return 0;
  if (args.positionals.length !== 1) throw new UsageError('give exactly one FILE');
  const file = args.positionals[0]!;
  if (existsSync(file) && !args.values.force) throw new UsageError(`${file} exists; use --force to overwrite it`);
  const { config, store } = await openRuntime();
  try {
    const { bytes } = store.kind === 'sqlite' ? await backupSqlite(store, file) : backupPostgres(config.TIDINGS_DATABASE_URL, file);
    console.log(`backup written to ${file} (${bytes} bytes)`);
    return 0;
  } finally {
    await store.close();
  }
}
