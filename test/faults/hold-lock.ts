/**
 * Child process for placement-lock.test.ts: takes the story placement lock the way
 * place-article does, says so on stdout, and keeps it (as a long placement would) until
 * it is killed.
 */
import { openStore } from '../../src/store/db.ts';
import { withLock } from '../../src/store/locks.ts';
import { PLACEMENT_LOCK, PLACEMENT_LOCK_LEASE_MS } from '../../src/jobs/place-article.ts';

const store = openStore(process.env.TIDINGS_DATABASE_URL!, { poolSize: 2 });
await withLock(store, PLACEMENT_LOCK, `hold-lock:${process.pid}`, { leaseMs: PLACEMENT_LOCK_LEASE_MS, waitMs: 10_000 }, async () => {
  process.stdout.write('holding\n');
  await new Promise(() => undefined);
});
