/**
 * Sources (outlets): what to poll, how (feed, web page, bundled sample), and their health.
 * A source is unique on its feed URL. Health is kept on the row, never dropped: the last
 * success, the last error and how many polls in a row failed, so `tidings sources` and
 * the site can show an outlet that stopped working.
 */
import type { Selectable } from 'kysely';
import type { Store } from './db.ts';
import type { SourcesTable } from './schema.ts';

export type SourceKind = 'feed' | 'page' | 'sample';
export type SourceStatus = 'active' | 'paused' | 'gone';

/** Per-outlet extraction rules, stored as JSON in sources.rules. */
export interface SourceRules {
  keep?: string[];
  drop?: string[];
}

export interface Source {
  id: number;
  name: string;
  siteUrl: string | null;
  feedUrl: string;
  kind: SourceKind;
  folder: string | null;
  status: SourceStatus;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  errorStreak: number;
  nextFetchAt: number | null;
  pollIntervalS: number | null;
  rules: SourceRules | null;
  createdAt: number;
  updatedAt: number;
}

const num = (v: number | null) => (v === null ? null : Number(v));

function parseRules(text: string | null): SourceRules | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object') return null;
    const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined);
    return { keep: list(v.keep), drop: list(v.drop) };
  } catch {
    return null;
  }
}

function toSource(r: Selectable<SourcesTable>): Source {
  return {
    id: Number(r.id),
    name: r.name,
    siteUrl: r.site_url,
    feedUrl: r.feed_url,
    kind: r.kind as SourceKind,
    folder: r.folder,
    status: r.status as SourceStatus,
    etag: r.etag,
    lastModified: r.last_modified,
    lastFetchedAt: num(r.last_fetched_at),
    lastSuccessAt: num(r.last_success_at),
    lastError: r.last_error,
    errorStreak: r.error_streak,
    nextFetchAt: num(r.next_fetch_at),
    pollIntervalS: r.poll_interval_s,
    rules: parseRules(r.rules),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export interface NewSource {
  name: string;
  feedUrl: string;
  siteUrl?: string | null;
  kind?: SourceKind;
  folder?: string | null;
  rules?: SourceRules | null;
  nextFetchAt?: number | null;
}

/** Adds a source; when its feed URL is already followed, returns the existing one (created: false). */
export async function addSource(store: Store, input: NewSource, now = Date.now()): Promise<{ source: Source; created: boolean }> {
  const row = await store.db
    .insertInto('sources')
    .values({
      name: input.name,
      feed_url: input.feedUrl,
      site_url: input.siteUrl ?? null,
      kind: input.kind ?? 'feed',
      folder: input.folder ?? null,
      status: 'active',
      rules: input.rules ? JSON.stringify(input.rules) : null,
      error_streak: 0,
      next_fetch_at: input.nextFetchAt ?? now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('feed_url').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { source: toSource(row), created: true };
  const existing = await getSourceByFeedUrl(store, input.feedUrl);
  if (!existing) throw new Error(`store: source ${input.feedUrl} neither inserted nor found`);
  return { source: existing, created: false };
}

export async function getSource(store: Store, id: number): Promise<Source | null> {
  const r = await store.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSource(r) : null;
}

export async function getSourceByFeedUrl(store: Store, feedUrl: string): Promise<Source | null> {
  const r = await store.db.selectFrom('sources').selectAll().where('feed_url', '=', feedUrl).executeTakeFirst();
  return r ? toSource(r) : null;
}

/** A source by id, feed URL or site URL (what a person types on the command line). */
export async function findSource(store: Store, idOrUrl: string): Promise<Source | null> {
  if (/^\d+$/.test(idOrUrl)) return getSource(store, Number(idOrUrl));
  const r = await store.db
    .selectFrom('sources')
    .selectAll()
    .where((eb) => eb.or([eb('feed_url', '=', idOrUrl), eb('site_url', '=', idOrUrl)]))
    .orderBy('id')
    .executeTakeFirst();
  return r ? toSource(r) : null;
}

export async function listSources(store: Store, opts: { status?: SourceStatus } = {}): Promise<Source[]> {
  let q = store.db.selectFrom('sources').selectAll().orderBy('folder').orderBy('name').orderBy('id');
  if (opts.status) q = q.where('status', '=', opts.status);
  return (await q.execute()).map(toSource);
}

export async function countSources(store: Store): Promise<number> {
  const r = await store.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Active sources whose next poll is due (for the scheduler and `tidings fetch`). */
export async function listDueSources(store: Store, now: number, limit = 500): Promise<Source[]> {
  const rows = await store.db
    .selectFrom('sources')
    .selectAll()
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('next_fetch_at', 'is', null), eb('next_fetch_at', '<=', now)]))
    .orderBy('next_fetch_at')
    .limit(limit)
    .execute();
  return rows.map(toSource);
}

export interface PollSuccess {
  etag?: string | null;
  lastModified?: string | null;
  /** A permanent redirect moved the feed: follow it from now on (ignored if another source has it). */
  feedUrl?: string;
  name?: string;
  siteUrl?: string | null;
  nextFetchAt: number;
  pollIntervalS: number;
}

/** Records a successful poll (including 304): clears the error streak. */
export async function recordPollSuccess(store: Store, id: number, s: PollSuccess, now = Date.now()): Promise<void> {
  const set: Partial<Record<keyof SourcesTable, unknown>> = {
    last_fetched_at: now,
    last_success_at: now,
    last_error: null,
    error_streak: 0,
    next_fetch_at: s.nextFetchAt,
    poll_interval_s: s.pollIntervalS,
    updated_at: now,
  };
  if (s.etag !== undefined) set.etag = s.etag;
  if (s.lastModified !== undefined) set.last_modified = s.lastModified;
  if (s.name) set.name = s.name;
  if (s.siteUrl) set.site_url = s.siteUrl;
  await store.db.updateTable('sources').set(set as any).where('id', '=', id).execute();
  if (s.feedUrl) {
    const taken = await getSourceByFeedUrl(store, s.feedUrl);
    if (!taken) await store.db.updateTable('sources').set({ feed_url: s.feedUrl, updated_at: now }).where('id', '=', id).execute();
  }
}

/** Records a failed poll: the error stays visible, the streak grows, the next poll backs off. */
export async function recordPollFailure(store: Store, id: number, f: { error: string; nextFetchAt: number | null; gone?: boolean }, now = Date.now()): Promise<void> {
  await store.db
    .updateTable('sources')
    .set((eb) => ({
      last_fetched_at: now,
      last_error: f.error.slice(0, 2000),
      error_streak: eb('error_streak', '+', 1),
      next_fetch_at: f.nextFetchAt,
      status: f.gone ? 'gone' : eb.ref('status'),
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

/** Makes a source due now (used by `tidings fetch`). */
export async function setNextFetch(store: Store, id: number, at: number, now = Date.now()): Promise<void> {
  await store.db.updateTable('sources').set({ next_fetch_at: at, updated_at: now }).where('id', '=', id).execute();
}

export async function setSourceStatus(store: Store, id: number, status: SourceStatus, now = Date.now()): Promise<void> {
  await store.db.updateTable('sources').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** Articles per source (for `tidings sources`). */
export async function articleCountsBySource(store: Store): Promise<Map<number, number>> {
  const rows = await store.db.selectFrom('articles').select(['source_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('source_id').execute();
  const out = new Map<number, number>();
  for (const r of rows) if (r.source_id !== null) out.set(Number(r.source_id), Number(r.n));
  return out;
}
