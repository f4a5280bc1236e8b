import { existsSync } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.ts';
import { loadConfig } from '../config.ts';
import { restorePostgres, restoreSqlite } from '../store/backup.ts';

export const help = `Usage: tidings restore FILE

Replaces the database named by TIDINGS_DATABASE_URL with a backup made by
"tidings backup". Stop every Tidings process that uses the database first.
SQLite: the file is checked, then swapped in. PostgreSQL: pg_restore --clean in one
transaction.

Options:
  -h, --help  show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, {}, help, { allowPositionals: true });
  if (!args) return 0;
  if (args.positionals.length !== 1) throw new UsageError('give exactly one FILE');
  const file = args.positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const config = loadConfig();
  try {
    if (config.databaseKind === 'sqlite') restoreSqlite(config.TIDINGS_DATABASE_URL, file);
    else restorePostgres(config.TIDINGS_DATABASE_URL, file);
  } catch (err) {
    console.error(`tidings restore: ${(err as Error).message}`);
    return 1;
  }
  console.log(`database restored from ${file}`);
  return 0;
}
