/**
 * Per-host politeness as data: one `hosts` row per host (host:port) that every worker on
 * every machine consults, so requests to one host never overlap and are at least the host
 * delay apart, whatever process makes them.
 *
 * A claim is one conditional UPDATE (atomic in both databases): it succeeds only when the
 * host is free (`next_allowed_at <= now`) and not backing off, and it sets
 * `next_allowed_at` to the end of a lease (`now + leaseMs`). So the claim is its own lock
 * with an expiry: a worker that dies mid-request blocks the host only until its lease
 * runs out. `release` sets `next_allowed_at` to `now + delayMs` (the delay counts from the
 * end of a request) and records a backoff when the host asked for one (429/503).
 */
import type { Store } from './db.ts';

export type HostClaim = { claimed: true } | { claimed: false; retryAt: number; reason: string };

async function ensureHost(store: Store, host: string): Promise<void> {
  await store.db
    .insertInto('hosts')
    .values({ host, next_allowed_at: 0, in_flight: 0 })
    .onConflict((oc) => oc.column('host').doNothing())
    .execute();
}

/**
 * Takes the host's slot for one request. When the host is busy or backing off, returns
 * when to try again (with a little jitter so deferred jobs do not all return at once).
 */
export async function claimHost(store: Store, host: string, opts: { now: number; delayMs: number; leaseMs: number; random?: () => number }): Promise<HostClaim> {
  await ensureHost(store, host);
  const { now } = opts;
  const r = await store.db
    .updateTable('hosts')
    .set({ in_flight: 1, next_allowed_at: now + opts.leaseMs })
    .where('host', '=', host)
    .where('next_allowed_at', '<=', now)
    .where((eb) => eb.or([eb('backoff_until', 'is', null), eb('backoff_until', '<=', now)]))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return { claimed: true };
  const row = await store.db.selectFrom('hosts').select(['next_allowed_at', 'in_flight', 'backoff_until']).where('host', '=', host).executeTakeFirstOrThrow();
  const jitter = Math.round((opts.random ?? Math.random)() * 250);
  const backoff = row.backoff_until === null ? 0 : Number(row.backoff_until);
  if (backoff > now) return { claimed: false, retryAt: backoff + jitter, reason: `host ${host} asked us to wait until ${new Date(backoff).toISOString()}` };
  // A request is in flight: its lease end is a pessimistic bound, the request is usually
  // done well before, so look again after one host delay.
  if (row.in_flight > 0) return { claimed: false, retryAt: Math.min(Number(row.next_allowed_at), now + Math.max(opts.delayMs, 250)) + jitter, reason: `host ${host} busy` };
  return { claimed: false, retryAt: Number(row.next_allowed_at) + jitter, reason: `host ${host} polite delay` };
}

/** Gives the slot back; the next request may start `delayMs` from now (or after a backoff). */
export async function releaseHost(store: Store, host: string, opts: { now: number; delayMs: number; backoffUntil?: number | null }): Promise<void> {
  const set: { in_flight: number; next_allowed_at: number; backoff_until?: number } = { in_flight: 0, next_allowed_at: opts.now + opts.delayMs };
  if (opts.backoffUntil) set.backoff_until = opts.backoffUntil;
  await store.db.updateTable('hosts').set(set).where('host', '=', host).execute();
}

export interface HostRobots {
  robotsTxt: string;
  fetchedAt: number;
}

export async function getHostRobots(store: Store, host: string): Promise<HostRobots | null> {
  const row = await store.db.selectFrom('hosts').select(['robots_txt', 'robots_fetched_at']).where('host', '=', host).executeTakeFirst();
  if (!row || row.robots_txt === null || row.robots_fetched_at === null) return null;
  return { robotsTxt: row.robots_txt, fetchedAt: Number(row.robots_fetched_at) };
}

export async function saveHostRobots(store: Store, host: string, robotsTxt: string, fetchedAt: number): Promise<void> {
  await ensureHost(store, host);
  await store.db.updateTable('hosts').set({ robots_txt: robotsTxt, robots_fetched_at: fetchedAt }).where('host', '=', host).execute();
}

export interface HostRow {
  host: string;
  nextAllowedAt: number;
  inFlight: number;
  backoffUntil: number | null;
  robotsFetchedAt: number | null;
}

export async function getHost(store: Store, host: string): Promise<HostRow | null> {
  const r = await store.db.selectFrom('hosts').selectAll().where('host', '=', host).executeTakeFirst();
  if (!r) return null;
  return {
    host: r.host,
    nextAllowedAt: Number(r.next_allowed_at),
    inFlight: r.in_flight,
    backoffUntil: r.backoff_until === null ? null : Number(r.backoff_until),
    robotsFetchedAt: r.robots_fetched_at === null ? null : Number(r.robots_fetched_at),
  };
}
