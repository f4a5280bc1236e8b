/**
 * Full-text search over article titles and bodies, behind one interface with two
 * implementations: SQLite FTS5 (a contentless table, rowid = article id) and PostgreSQL
 * tsvector (a side table with a GIN index).
 *
 * A reader's query is never handed to either engine as written. `parseQuery` turns it into
 * our own small language (words, "phrases", prefix*, -excluded) made only of letters and
 * digits, which each backend compiles into its own syntax; so quotes, parentheses,
 * `NEAR`, `:*`, `'`, `;` and the like can never cause a syntax error or reach SQL
 * (the compiled query is a bound parameter as well).
 *
 * Ranking: relevance (bm25 / ts_rank_cd, title weighted above body) divided by an age
 * factor (1 + age in days / 7), so of two equally relevant articles the newer comes first.
 * `sort: 'recent'` orders matches by publication time with a keyset cursor instead.
 * Snippets are built here, the same way for both: the text is escaped first, then the
 * matching words are wrapped in <mark>.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from './db.ts';
import { webDb, encodeCursor, decodeCursor } from './web-tables.ts';

const DAY_MS = 86_400_000;
const MAX_TERMS = 12;
const MAX_WORD = 64;
const BODY_INDEX_CHARS = 200_000;
/** Relevance ranking considers the newest this-many matches (see the backends). */
export const RANK_WINDOW = 2000;

export interface QueryTerm {
  /** Folded words (lower case, no diacritics); more than one = a phrase. */
  words: string[];
  isPrefix: boolean;
  isExcluded: boolean;
}
export interface ParsedQuery {
  terms: QueryTerm[];
  /** True when at least one term must match (a query of only exclusions matches nothing). */
  isSearchable: boolean;
}

export interface SearchFilters {
  outletId?: number | null;
  hashtag?: string | null;
  /** Published at or after (epoch ms). */
  fromMs?: number | null;
  /** Published before (epoch ms). */
  toMs?: number | null;
}

export interface SearchInput extends SearchFilters {
  q: string;
  sort?: 'relevance' | 'recent';
  cursor?: string | null;
  limit?: number;
  now?: number;
}

export interface SearchHit {
  id: number;
  title: string;
  /** Title with matches in <mark>, escaped. */
  titleHtml: string;
  /** Passage of the body with matches in <mark>, escaped. */
  snippetHtml: string;
  url: string;
  outletId: number | null;
  outlet: string | null;
  publishedAt: number | null;
  commentCount: number;
  imageUrl: string | null;
}

export type SearchResult = { kind: 'ok'; hits: SearchHit[]; nextCursor: string | null; query: ParsedQuery } | { kind: 'bad-cursor' };

/** Lower case, diacritics removed (the same folding FTS5's remove_diacritics 2 applies). */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
function words(s: string): string[] {
  return (foldText(s).match(WORD_RE) ?? []).map((w) => w.slice(0, MAX_WORD));
}

/**
 * Parses a reader's query: `"exact phrase"`, `prefix*`, `-excluded` (also `-"a phrase"`),
 * other words plain. Everything that is not a letter or digit separates words; an
 * unbalanced quote runs to the end. Never throws.
 */
export function parseQuery(q: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const input = String(q ?? '').slice(0, 500);
  const re = /(-?)"([^"]*)("?)|(\S+)/g;
  for (let m = re.exec(input); m && terms.length < MAX_TERMS; m = re.exec(input)) {
    if (m[2] !== undefined && m[4] === undefined) {
      const ws = words(m[2]);
      if (ws.length) terms.push({ words: ws.slice(0, 8), isPrefix: false, isExcluded: m[1] === '-' });
      continue;
    }
    let token = m[4]!;
    const isExcluded = token.length > 1 && token.startsWith('-');
    if (isExcluded) token = token.slice(1);
    const isPrefix = /[\p{L}\p{N}]\*+$/u.test(token);
    const ws = words(token);
    if (!ws.length) continue;
    // "U.S." or "covid-19" are one term of several words: a phrase.
    terms.push({ words: ws.slice(0, 8), isPrefix: isPrefix && ws.length === 1, isExcluded });
  }
  return { terms, isSearchable: terms.some((t) => !t.isExcluded) };
}

/** The query in FTS5 syntax; every word is a quoted string of letters and digits. */
export function toFts5(p: ParsedQuery): string {
  const one = (t: QueryTerm) => `"${t.words.join(' ')}"${t.isPrefix ? ' *' : ''}`;
  const pos = p.terms.filter((t) => !t.isExcluded).map(one);
  const neg = p.terms.filter((t) => t.isExcluded).map(one);
  if (!pos.length) return '';
  return neg.length ? `(${pos.join(' ')}) NOT (${neg.join(' OR ')})` : pos.join(' ');
}

/** The query for PostgreSQL: a websearch_to_tsquery string and prefix words for to_tsquery. */
export function toTsQuery(p: ParsedQuery): { websearch: string; prefixes: string[] } {
  const parts: string[] = [];
  const prefixes: string[] = [];
  for (const t of p.terms) {
    if (t.isPrefix && !t.isExcluded) {
      prefixes.push(t.words[0]!);
      continue;
    }
    const text = t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]!;
    parts.push(t.isExcluded ? `-${text}` : text);
  }
  return { websearch: parts.join(' '), prefixes };
}

// ---------------------------------------------------------------------------
// Snippets

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function crudeStem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(ing|ed|es|s|ly|ies)$/, '');
}

function matcher(p: ParsedQuery): (word: string) => boolean {
  const wanted = p.terms.filter((t) => !t.isExcluded).flatMap((t) => t.words.map((w, i) => ({ w, stem: crudeStem(w), isPrefix: t.isPrefix && i === t.words.length - 1 })));
  return (word) => {
    const f = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : foldText(word);
    return wanted.some((t) => (t.isPrefix ? f.startsWith(t.w) : f === t.w || crudeStem(f) === t.stem));
  };
}

/**
 * Escapes `text` and marks the words matching the query. With `maxWords`, returns the
 * window of that many words holding the most matches (with … where it was cut).
 */
export function highlight(text: string, p: ParsedQuery, maxWords?: number): string {
  const isMatch = matcher(p);
  const spans: { start: number; end: number; isMatch: boolean }[] = [];
  for (const m of text.matchAll(WORD_RE)) spans.push({ start: m.index!, end: m.index! + m[0].length, isMatch: isMatch(m[0]) });
  let from = 0;
  let to = spans.length;
  if (maxWords && spans.length > maxWords) {
    let best = 0;
    let bestAt = 0;
    let count = 0;
    for (let i = 0; i < spans.length; i++) {
      if (spans[i]!.isMatch) count++;
      if (i >= maxWords && spans[i - maxWords]!.isMatch) count--;
      if (count > best) {
        best = count;
        bestAt = Math.max(0, i - maxWords + 1);
      }
    }
    // Start a little before the first match so it reads in context.
    const firstMatch = spans.findIndex((s, i) => i >= bestAt && s.isMatch);
    from = best ? Math.max(0, Math.min(bestAt, firstMatch - 6)) : 0;
    to = Math.min(spans.length, from + maxWords);
  }
  if (!spans.length) return escapeHtml(maxWords ? text.slice(0, 240) : text);
  const startChar = from === 0 ? 0 : spans[from]!.start;
  const endChar = to === spans.length ? text.length : spans[to - 1]!.end;
  let out = from > 0 ? '…' : '';
  let at = startChar;
  for (let i = from; i < to; i++) {
    const s = spans[i]!;
    if (!s.isMatch) continue;
    out += escapeHtml(text.slice(at, s.start)) + '<mark>' + escapeHtml(text.slice(s.start, s.end)) + '</mark>';
    at = s.end;
  }
  out += escapeHtml(text.slice(at, endChar));
  if (endChar < text.length) out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Backends

interface MatchRow {
  id: number;
}
interface Backend {
  index(id: number, title: string, body: string): Promise<void>;
  remove(id: number): Promise<void>;
  /** Ids of matching, non-duplicate articles in result order. */
  match(p: ParsedQuery, f: SearchFilters, order: { kind: 'relevance'; offset: number } | { kind: 'recent'; after: { t: number; id: number } | null }, limit: number, now: number): Promise<MatchRow[]>;
}

function filterSql(f: SearchFilters): RawBuilder<unknown> {
  // COALESCE keeps planners off the duplicate_of index, which matches nearly every row.
  const parts: RawBuilder<unknown>[] = [sql`COALESCE(a.duplicate_of, 0) = 0`];
  if (f.outletId) parts.push(sql`a.source_id = ${f.outletId}`);
  if (f.fromMs !== null && f.fromMs !== undefined) parts.push(sql`a.published_at >= ${f.fromMs}`);
  if (f.toMs !== null && f.toMs !== undefined) parts.push(sql`a.published_at < ${f.toMs}`);
  if (f.hashtag) parts.push(sql`EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.tag_key = ${f.hashtag.toLowerCase().replace(/^#/, '')})`);
  return sql.join(parts, sql` AND `);
}

function orderSql(rel: RawBuilder<unknown>, order: Parameters<Backend['match']>[2], now: number, alias = 'a'): { where: RawBuilder<unknown>; orderBy: RawBuilder<unknown>; offset: number } {
  const t = sql.ref(`${alias}.published_at`);
  const created = sql.ref(`${alias}.created_at`);
  const id = sql.ref(`${alias}.id`);
  if (order.kind === 'recent') {
    const where = order.after ? sql`AND a.published_at IS NOT NULL AND (a.published_at < ${order.after.t} OR (a.published_at = ${order.after.t} AND a.id < ${order.after.id}))` : sql`AND a.published_at IS NOT NULL`;
    return { where, orderBy: sql`a.published_at DESC, a.id DESC`, offset: 0 };
  }
  const age = sql`(CASE WHEN ${now} - COALESCE(${t}, ${created}) > 0 THEN (${now} - COALESCE(${t}, ${created})) / CAST(${DAY_MS * 7} AS DOUBLE PRECISION) ELSE 0 END)`;
  return { where: sql``, orderBy: sql`${rel} / (1.0 + ${age}) DESC, ${id} DESC`, offset: order.offset };
}

function sqliteBackend(store: Store): Backend {
  return {
    async index(id, title, body) {
      await store.db.transaction().execute(async (trx) => {
        await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(trx);
        await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${title}, ${body})`.execute(trx);
      });
    },
    async remove(id) {
      await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(store.db);
    },
    async match(p, f, order, limit, now) {
      const expr = toFts5(p);
      if (!expr) return [];
      // A selective filter (an outlet, a hashtag, a short date range): walk the few
      // candidate articles along an index and look each up in the full-text index, instead
      // of walking every match of a common word to find the few that pass the filter.
      // Only worth it when the words match many more articles than there are candidates
      // (a lookup costs about as much as walking MATCH_PER_CANDIDATE matches).
      // Only for plain words: for a prefix FTS5 merges every word with that prefix again at
      // each lookup, and a phrase compares positions, so walking the matches is cheaper.
      const canLookUp = p.terms.every((t) => !t.isPrefix && t.words.length === 1);
      if (canLookUp && hasFilters(f)) {
        const candidates = await sqliteCandidateCount(store, f);
        if (candidates <= CANDIDATE_LIMIT && (await sqliteMatchCount(store, expr, candidates * MATCH_PER_CANDIDATE)) >= candidates * MATCH_PER_CANDIDATE) return sqliteMatchCandidates(store, expr, f, order, limit, now);
      }
      if (order.kind === 'recent') {
        const o = orderSql(sql``, order, now);
        // Newest first: when the word is common, the newest few hundred articles hold a
        // page of matches, found by looking each up in FTS5 along the time index. Otherwise
        // every match is collected and sorted (exact either way).
        const probe = !canLookUp || hasFilters(f) || !(await sqliteIsDense(store, expr)) ? { rows: [] } : await sql<MatchRow>`SELECT c.id AS id FROM (
            SELECT a.id AS id, a.published_at AS published_at FROM articles a
            WHERE ${filterSql(f)} ${o.where} ORDER BY ${o.orderBy} LIMIT ${RECENT_PROBE}) c
          CROSS JOIN search_fts ON search_fts.rowid = c.id
          WHERE search_fts MATCH ${expr}
          ORDER BY c.published_at DESC, c.id DESC LIMIT ${limit}`.execute(store.db);
        if (probe.rows.length >= limit) return probe.rows;
        const r = await sql<MatchRow>`SELECT a.id AS id FROM search_fts JOIN articles a ON a.id = search_fts.rowid
          WHERE search_fts MATCH ${expr} AND ${filterSql(f)} ${o.where}
          ORDER BY ${o.orderBy} LIMIT ${limit}`.execute(store.db);
        return r.rows;
      }
      // Relevance is ranked within the newest RANK_WINDOW matches (rowid order walks the
      // index backwards and stops early), so a word found in most articles stays cheap.
      // bm25 is negative (more negative = better); the title counts ten times the body.
      const o = orderSql(sql`m.rel`, order, now, 'm');
      const r = await sql<MatchRow>`SELECT m.id AS id FROM (
          SELECT a.id AS id, a.published_at AS published_at, a.created_at AS created_at, -bm25(search_fts, 10.0, 1.0) AS rel
          FROM search_fts JOIN articles a ON a.id = search_fts.rowid
          WHERE search_fts MATCH ${expr} AND ${filterSql(f)}
          ORDER BY search_fts.rowid DESC LIMIT ${RANK_WINDOW}) m
        ORDER BY ${o.orderBy} LIMIT ${limit} OFFSET ${o.offset}`.execute(store.db);
      return r.rows;
    },
  };
}

/** Newest-first search first looks this many of the newest articles up one by one. */
const RECENT_PROBE = 100;

/** At most this many filtered candidates are checked one by one (about 40 µs each on SQLite). */
const CANDIDATE_LIMIT = 1000;
const MATCH_PER_CANDIDATE = 50;

function hasFilters(f: SearchFilters): boolean {
  return !!f.outletId || !!f.hashtag || (f.fromMs !== null && f.fromMs !== undefined) || (f.toMs !== null && f.toMs !== undefined);
}

/** The same condition as `filterSql`, written so that SQLite can drive from the hashtag index. */
function candidateFilterSql(f: SearchFilters): RawBuilder<unknown> {
  if (!f.hashtag) return filterSql(f);
  const rest = filterSql({ ...f, hashtag: null });
  return sql`${rest} AND a.id IN (SELECT h.article_id FROM article_hashtags h WHERE h.tag_key = ${f.hashtag.toLowerCase().replace(/^#/, '')})`;
}

/** True when the query matches at least 40% of the newest 1,000 article ids. */
async function sqliteIsDense(store: Store, expr: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${expr} AND rowid > (SELECT max(id) FROM articles) - 1000`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0) >= 400;
}

async function sqliteMatchCount(store: Store, expr: string, cap: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ${expr} LIMIT ${cap})`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function sqliteCandidateCount(store: Store, f: SearchFilters): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT a.id FROM articles a WHERE ${candidateFilterSql(f)} LIMIT ${CANDIDATE_LIMIT + 1})`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Filtered search over a small candidate set (SQLite). The article drives and FTS5 is
 * looked up by rowid (CROSS JOIN fixes that join order). bm25 is not asked for there: FTS5
 * would recount each term's documents for every lookup. It is computed afterwards in one
 * pass over the rowid range of the matches. The result is the same as the unfiltered plan's.
 */
async function sqliteMatchCandidates(store: Store, expr: string, f: SearchFilters, order: Parameters<Backend['match']>[2], limit: number, now: number): Promise<MatchRow[]> {
  if (order.kind === 'recent') {
    const o = orderSql(sql``, order, now);
    const r = await sql<MatchRow>`SELECT a.id AS id FROM articles a CROSS JOIN search_fts ON search_fts.rowid = a.id
      WHERE search_fts MATCH ${expr} AND ${candidateFilterSql(f)} ${o.where}
      ORDER BY ${o.orderBy} LIMIT ${limit}`.execute(store.db);
    return r.rows;
  }
  const matched = await sql<MatchRow>`SELECT a.id AS id FROM articles a CROSS JOIN search_fts ON search_fts.rowid = a.id
    WHERE search_fts MATCH ${expr} AND ${candidateFilterSql(f)}
    ORDER BY a.id DESC LIMIT ${RANK_WINDOW}`.execute(store.db);
  const ids = matched.rows.map((r) => Number(r.id));
  if (!ids.length) return [];
  const lo = ids[ids.length - 1]!;
  const hi = ids[0]!;
  // "+rowid" keeps the id list from being handed to FTS5 as lookups (one bm25 setup each).
  const o = orderSql(sql`m.rel`, order, now, 'm');
  const r = await sql<MatchRow>`SELECT m.id AS id FROM (
      SELECT a.id AS id, a.published_at AS published_at, a.created_at AS created_at, -bm25(search_fts, 10.0, 1.0) AS rel
      FROM search_fts JOIN articles a ON a.id = search_fts.rowid
      WHERE search_fts MATCH ${expr} AND search_fts.rowid BETWEEN ${lo} AND ${hi}
        AND +search_fts.rowid IN (SELECT value FROM json_each(${JSON.stringify(ids)}))) m
    ORDER BY ${o.orderBy} LIMIT ${limit} OFFSET ${o.offset}`.execute(store.db);
  return r.rows;
}

function pgBackend(store: Store): Backend {
  return {
    async index(id, title, body) {
      await sql`INSERT INTO article_search (article_id, doc)
        VALUES (${id}, setweight(to_tsvector('english', ${foldText(title)}), 'A') || setweight(to_tsvector('english', ${foldText(body)}), 'B'))
        ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc`.execute(store.db);
    },
    async remove(id) {
      await sql`DELETE FROM article_search WHERE article_id = ${id}`.execute(store.db);
    },
    async match(p, f, order, limit, now) {
      if (!p.isSearchable) return [];
      const { websearch, prefixes } = toTsQuery(p);
      const parts: RawBuilder<unknown>[] = [];
      if (websearch) parts.push(sql`websearch_to_tsquery('english', ${websearch})`);
      // Prefix words are letters and digits only, so "word:*" is always valid tsquery syntax.
      for (const w of prefixes) parts.push(sql`to_tsquery('english', ${`${w}:*`})`);
      const tsq = sql.join(parts, sql` && `);
      if (order.kind === 'recent') {
        const o = orderSql(sql``, order, now);
        const r = await sql<MatchRow>`SELECT a.id AS id FROM (SELECT ${tsq} AS q) x
          JOIN article_search s ON s.doc @@ x.q
          JOIN articles a ON a.id = s.article_id
          WHERE ${filterSql(f)} ${o.where}
          ORDER BY ${o.orderBy} LIMIT ${limit}`.execute(store.db);
        return r.rows.map((row) => ({ id: Number(row.id) }));
      }
      // As on SQLite: rank the newest RANK_WINDOW matches only (ts_rank_cd reads each tsvector).
      const o = orderSql(sql`m.rel`, order, now, 'm');
      const r = await sql<MatchRow>`SELECT m.id AS id FROM (
          SELECT w.id, w.published_at, w.created_at, ts_rank_cd(s.doc, w.q, 1) AS rel FROM (
            SELECT a.id, a.published_at, a.created_at, x.q FROM (SELECT ${tsq} AS q) x
            JOIN article_search s ON s.doc @@ x.q
            JOIN articles a ON a.id = s.article_id
            WHERE ${filterSql(f)}
            ORDER BY a.id DESC LIMIT ${RANK_WINDOW}) w
          JOIN article_search s ON s.article_id = w.id) m
        ORDER BY ${o.orderBy} LIMIT ${limit} OFFSET ${o.offset}`.execute(store.db);
      return r.rows.map((row) => ({ id: Number(row.id) }));
    },
  };
}

function backend(store: Store): Backend {
  return store.kind === 'postgres' ? pgBackend(store) : sqliteBackend(store);
}

/** Adds or replaces one article in the index (title and body text). Missing article: removed. */
export async function indexArticle(store: Store, articleId: number): Promise<boolean> {
  const row = await store.db
    .selectFrom('articles')
    .leftJoin('article_bodies', 'article_bodies.article_id', 'articles.id')
    .select(['articles.title', 'articles.excerpt', 'article_bodies.text'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) {
    await removeFromIndex(store, articleId);
    return false;
  }
  const body = (row.text ?? row.excerpt ?? '').slice(0, BODY_INDEX_CHARS);
  await backend(store).index(articleId, row.title, body);
  return true;
}

/** Indexes many articles at once (bench, rebuild). SQLite: one transaction per call. */
export async function indexArticles(store: Store, docs: { id: number; title: string; body: string }[]): Promise<void> {
  if (store.kind === 'sqlite' && store.sqlite) {
    const del = store.sqlite.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const ins = store.sqlite.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)');
    store.sqlite.transaction(() => {
      for (const d of docs) {
        del.run(d.id);
        ins.run(d.id, d.title, d.body.slice(0, BODY_INDEX_CHARS));
      }
    })();
    return;
  }
  const b = backend(store);
  for (const d of docs) await b.index(d.id, d.title, d.body);
}

export async function removeFromIndex(store: Store, articleId: number): Promise<void> {
  await backend(store).remove(articleId);
}

/** Searches; a cursor that does not decode is reported as such (the API answers 400). */
export async function searchArticles(store: Store, input: SearchInput): Promise<SearchResult> {
  const parsed = parseQuery(input.q);
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const now = input.now ?? Date.now();
  const sort = input.sort ?? 'relevance';
  let order: Parameters<Backend['match']>[2];
  if (sort === 'recent') {
    const c = input.cursor ? decodeCursor(input.cursor) : null;
    if (input.cursor && (!c || typeof c.t !== 'number' || typeof c.id !== 'number')) return { kind: 'bad-cursor' };
    order = { kind: 'recent', after: c ? { t: c.t as number, id: c.id as number } : null };
  } else {
    const c = input.cursor ? decodeCursor(input.cursor) : null;
    if (input.cursor && (!c || typeof c.o !== 'number' || !Number.isInteger(c.o) || c.o < 0 || c.o > 10_000)) return { kind: 'bad-cursor' };
    order = { kind: 'relevance', offset: c ? (c.o as number) : 0 };
  }
  if (!parsed.isSearchable) return { kind: 'ok', hits: [], nextCursor: null, query: parsed };
  const rows = await backend(store).match(parsed, input, order, limit + 1, now);
  const page = rows.slice(0, limit).map((r) => Number(r.id));
  const hits = await hitsFor(store, page, parsed);
  let nextCursor: string | null = null;
  if (rows.length > limit && hits.length) {
    if (order.kind === 'relevance') nextCursor = encodeCursor({ o: order.offset + limit });
    else {
      const last = hits[hits.length - 1]!;
      nextCursor = encodeCursor({ t: last.publishedAt ?? 0, id: last.id });
    }
  }
  return { kind: 'ok', hits, nextCursor, query: parsed };
}

async function hitsFor(store: Store, ids: number[], parsed: ParsedQuery): Promise<SearchHit[]> {
  if (!ids.length) return [];
  const rows = await webDb(store)
    .selectFrom('articles as a')
    .leftJoin('article_bodies as b', 'b.article_id', 'a.id')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.url',
      'a.source_id',
      'a.published_at',
      'a.comment_count',
      'a.image_url',
      'a.excerpt',
      's.name as outlet',
      'a.site_name',
      eb.fn<string | null>('substr', ['b.text', sql.lit(1), sql.lit(6_000)]).as('text'),
    ])
    .where('a.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const body = r.text ?? r.excerpt ?? '';
    return [
      {
        id,
        title: r.title,
        titleHtml: highlight(r.title, parsed),
        snippetHtml: highlight(body, parsed, 40),
        url: r.url,
        outletId: r.source_id === null ? null : Number(r.source_id),
        outlet: r.outlet ?? r.site_name,
        publishedAt: r.published_at === null ? null : Number(r.published_at),
        commentCount: Number(r.comment_count),
        imageUrl: r.image_url,
      },
    ];
  });
}
