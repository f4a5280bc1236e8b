/**
 * Named leases in the database, for work that must run one at a time across all
 * processes and machines (story placement). A holder that dies loses the lock when its
 * lease runs out, so leases are short; `withLock` renews the lease while its work runs,
 * so a live holder keeps the lock however long the work takes (see
 * test/faults/placement-lock.test.ts).
 */
import type { Store } from './db.ts';

export async function tryAcquireLock(store: Store, name: string, holder: string, leaseMs: number, now = Date.now()): Promise<boolean> {
  await store.db.insertInto('locks').values({ name, holder: null, until: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const r = await store.db
    .updateTable('locks')
    .set({ holder, until: now + leaseMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('until', '<', now), eb('holder', '=', holder)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLock(store: Store, name: string, holder: string): Promise<void> {
  await store.db.updateTable('locks').set({ holder: null, until: 0 }).where('name', '=', name).where('holder', '=', holder).execute();
}

/**
 * Runs `fn` holding the lock, waiting up to `waitMs` for it. Returns `{ acquired: false }`
 * when it could not be had in time (the caller defers its job).
 */
export async function withLock<T>(store: Store, name: string, holder: string, opts: { leaseMs: number; waitMs: number }, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const until = Date.now() + opts.waitMs;
  let pause = 20;
  while (!(await tryAcquireLock(store, name, holder, opts.leaseMs))) {
    if (Date.now() > until) return { acquired: false };
    await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
    pause = Math.min(250, pause * 2);
  }
  // A renewal that fails (database away) is tried again at the next tick; the lease is
  // three ticks long. The release waits for a renewal in flight, which would otherwise
  // take the lock again after it.
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = setInterval(() => {
    renewing = tryAcquireLock(store, name, holder, opts.leaseMs).catch(() => undefined);
  }, Math.max(50, Math.floor(opts.leaseMs / 3)));
  try {
    return { acquired: true, value: await fn() };
  } finally {
    clearInterval(renew);
    await renewing;
    await releaseLock(store, name, holder);
  }
}
