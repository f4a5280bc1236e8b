/** Every migration, in order. Append only: a shipped migration is never edited or removed. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0003 from './0003_web.ts';
import * as m0004 from './0004_stories.ts';
import * as m0005 from './0005_perf.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0003_web': m0003,
  '0004_stories': m0004,
  '0005_perf': m0005,
};
