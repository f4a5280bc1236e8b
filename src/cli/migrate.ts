import { parseCommandArgs } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { migrateToLatest, pendingMigrations } from '../store/db.ts';

export const help = `Usage: tidings migrate [--status]

Applies pending database migrations (they are also applied at every start).

Options:
  --status    list pending migrations without applying them
  -h, --help  show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { status: { type: 'boolean' } }, help);
  if (!args) return 0;
  const { store } = await openRuntime({ migrate: false });
  try {
    if (args.values.status) {
      const pending = await pendingMigrations(store);
      console.log(pending.length ? `pending: ${pending.join(', ')}` : 'schema is current');
      return 0;
    }
    const applied = await migrateToLatest(store);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is current; nothing to apply');
    return 0;
  } finally {
    await store.close();
  }
}
