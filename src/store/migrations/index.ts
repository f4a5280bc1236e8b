/** Every migration, in order. Append only: a shipped migration is never edited or removed. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
