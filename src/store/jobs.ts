/**
 * The durable job queue: one table shared by every worker process on every machine.
 *
 * - enqueue: insert with an optional dedupe key; a key already present is ignored, so the
 *   same job is never queued twice (re-runs pick a new key, e.g. with a time in it).
 * - lease: take due jobs, marking them running until `leased_until`. PostgreSQL uses
 *   `FOR UPDATE SKIP LOCKED` so concurrent workers skip each other's rows; SQLite has one
 *   writer, so an `UPDATE … RETURNING` in a write transaction is atomic by itself.
 *   A running job whose lease expired (its worker died) is leased again.
 * - complete / fail / heartbeat / release are fenced by the lease owner: a worker that
 *   lost its lease cannot overwrite the work of the one that took the job over.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';
import type { JobsTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type JobState = 'queued' | 'running' | 'done' | 'dead';
export const JOB_STATES: JobState[] = ['queued', 'running', 'done', 'dead'];

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  leasedUntil: number | null;
  leaseOwner: string | null;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

function toJob(r: Selectable<JobsTable>): Job {
  return {
    id: Number(r.id),
    kind: r.kind,
    payload: JSON.parse(r.payload),
    dedupeKey: r.dedupe_key,
    state: r.state as JobState,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: Number(r.run_at),
    leasedUntil: r.leased_until === null ? null : Number(r.leased_until),
    leaseOwner: r.lease_owner,
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

export interface EnqueueInput {
  kind: string;
  payload?: unknown;
  dedupeKey?: string | null;
  runAt?: number;
  priority?: number;
  maxAttempts?: number;
}

/** Attempts before a dead letter when the caller names none (TIDINGS_JOB_MAX_ATTEMPTS, set at start-up). */
let defaultMaxAttempts = 5;
export function setDefaultMaxAttempts(n: number): void {
  defaultMaxAttempts = n;
}

function jobRow(input: EnqueueInput, now: number) {
  return {
    kind: input.kind,
    payload: JSON.stringify(input.payload ?? {}),
    dedupe_key: input.dedupeKey ?? null,
    state: 'queued',
    priority: input.priority ?? 0,
    attempts: 0,
    max_attempts: input.maxAttempts ?? defaultMaxAttempts,
    run_at: input.runAt ?? now,
    created_at: now,
    updated_at: now,
  };
}

/** Queues a job. Returns its id, or null when a job with the same dedupe key already exists. */
export async function enqueue(store: Store, input: EnqueueInput, now = Date.now()): Promise<number | null> {
  const row = await store.db
    .insertInto('jobs')
    .values(jobRow(input, now))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Queues many jobs in batched inserts; returns how many were new. */
export async function enqueueMany(store: Store, inputs: EnqueueInput[], now = Date.now()): Promise<number> {
  let added = 0;
  for (let i = 0; i < inputs.length; i += 200) {
    const rows = await store.db
      .insertInto('jobs')
      .values(inputs.slice(i, i + 200).map((input) => jobRow(input, now)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    added += rows.length;
  }
  return added;
}

export interface LeaseOptions {
  owner: string;
  limit: number;
  leaseMs: number;
  kinds?: string[];
  now?: number;
}

/**
 * Leases up to `limit` due jobs for `owner`. Each leased job has its attempts counted up
 * front, so a job whose worker keeps dying still reaches its dead letter.
 */
export async function leaseJobs(store: Store, opts: LeaseOptions): Promise<Job[]> {
  const now = opts.now ?? Date.now();
  const until = now + opts.leaseMs;
  const due = (qb: any) => {
    let q = qb
      .selectFrom('jobs')
      .select('id')
      .where((eb: any) => eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('leased_until', '<', now)])]))
      .orderBy('priority', 'desc')
      .orderBy('run_at')
      .orderBy('id')
      .limit(opts.limit);
    if (opts.kinds?.length) q = q.where('kind', 'in', opts.kinds);
    return q;
  };
  if (store.kind === 'postgres') {
    const rows = await store.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', leased_until: until, lease_owner: opts.owner, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', 'in', (eb: any) => due(eb).forUpdate().skipLocked())
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  }
  return store.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', leased_until: until, lease_owner: opts.owner, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', 'in', (eb: any) => due(eb))
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  });
}

/** Marks a job done. Returns false when the caller no longer held the lease. */
export async function completeJob(store: Store, job: Pick<Job, 'id' | 'leaseOwner'>, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('jobs')
    .set({ state: 'done', leased_until: null, finished_at: now, updated_at: now, last_error: null })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.leaseOwner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Exponential backoff with full jitter: attempt 1 → up to 2·base, attempt n → up to base·2^n, capped. */
export function backoffMs(attempt: number, baseMs = 5_000, capMs = 6 * 3600_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(1, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface FailOptions {
  /** Skip the remaining attempts (the error can never succeed, e.g. bad payload). */
  permanent?: boolean;
  /** Run again no sooner than this (e.g. a Retry-After). */
  retryAt?: number;
  now?: number;
  baseBackoffMs?: number;
}

/**
 * Records a failed attempt: back to queued with a backoff, or dead after max attempts.
 * Returns the new state, or null when the caller no longer held the lease.
 */
export async function failJob(store: Store, job: Pick<Job, 'id' | 'leaseOwner' | 'attempts' | 'maxAttempts'>, error: string, opts: FailOptions = {}): Promise<JobState | null> {
  const now = opts.now ?? Date.now();
  const isDead = opts.permanent || job.attempts >= job.maxAttempts;
  const message = error.slice(0, 4000);
  const r = await store.db
    .updateTable('jobs')
    .set(
      isDead
        ? { state: 'dead', leased_until: null, last_error: message, finished_at: now, updated_at: now }
        : { state: 'queued', leased_until: null, lease_owner: null, last_error: message, run_at: Math.max(opts.retryAt ?? 0, now + backoffMs(job.attempts, opts.baseBackoffMs)), updated_at: now },
    )
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.leaseOwner)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return null;
  return isDead ? 'dead' : 'queued';
}

/** Extends a lease. Returns false when the lease was lost (expired and taken by another worker). */
export async function heartbeat(store: Store, job: Pick<Job, 'id' | 'leaseOwner'>, leaseMs: number, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('jobs')
    .set({ leased_until: now + leaseMs, updated_at: now })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.leaseOwner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a leased job back without counting the attempt (a draining worker did not run it to the end). */
export async function releaseJob(store: Store, job: Pick<Job, 'id' | 'leaseOwner'>, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('jobs')
    .set((eb) => ({ state: 'queued', leased_until: null, lease_owner: null, attempts: sql<number>`case when ${eb.ref('attempts')} > 0 then ${eb.ref('attempts')} - 1 else 0 end`, run_at: now, updated_at: now }))
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.leaseOwner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countJobsByState(store: Store): Promise<Record<JobState, number>> {
  const rows = await store.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const r of rows) out[r.state as JobState] = Number(r.n);
  return out;
}

/** Seconds the oldest due, queued job has waited (0 when none is waiting). */
export async function queueLagSeconds(store: Store, now = Date.now()): Promise<number> {
  const r = await store.db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('oldest')).where('state', '=', 'queued').where('run_at', '<=', now).executeTakeFirst();
  const oldest = r?.oldest == null ? null : Number(r.oldest);
  return oldest === null ? 0 : Math.max(0, (now - oldest) / 1000);
}

export async function listJobs(store: Store, opts: { state?: JobState; kind?: string; limit?: number; beforeId?: number } = {}): Promise<Job[]> {
  let q = store.db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(opts.limit ?? 50);
  if (opts.state) q = q.where('state', '=', opts.state);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  return (await q.execute()).map(toJob);
}

export async function getJob(store: Store, id: number): Promise<Job | null> {
  const r = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : null;
}

/** Puts a dead (or done) job back in the queue with fresh attempts. */
export async function retryJob(store: Store, id: number, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: now, leased_until: null, lease_owner: null, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['dead', 'done'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes finished jobs older than `olderThanMs` so the table stays small. */
export async function pruneJobs(store: Store, olderThanMs: number, now = Date.now()): Promise<number> {
  const r = await store.db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', now - olderThanMs).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Puts a leased job back to run at `runAt` without counting the attempt (e.g. a host asked us to wait). */
export async function deferJob(store: Store, job: Pick<Job, 'id' | 'leaseOwner'>, runAt: number, reason: string | null = null, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('jobs')
    .set((eb) => ({ state: 'queued', leased_until: null, lease_owner: null, attempts: sql<number>`case when ${eb.ref('attempts')} > 0 then ${eb.ref('attempts')} - 1 else 0 end`, run_at: runAt, last_error: reason, updated_at: now }))
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.leaseOwner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
