/**
 * SQL metacharacters through the store functions, on SQLite and PostgreSQL: quotes,
 * statement breaks, comment markers, LIKE wildcards, backslashes, placeholders, dollar
 * quoting, very long values and NUL. Every value must come back exactly as written (NUL:
 * see its own test), no wildcard may match other rows, and every table must survive.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase, freshStore } from '../support/db.ts';
import type { Store } from '../../src/store/db.ts';
import { addSource, findSource, getSource, getSourceByFeedUrl, listSources, recordPollFailure } from '../../src/store/sources.ts';
import { enqueue, enqueueMany, failJob, getJob, leaseJobs, listJobs } from '../../src/store/jobs.ts';
import { countArticles, insertFeedArticles, listSourceArticles, markArticleFailed, saveExtraction, type NewFeedArticle } from '../../src/store/articles.ts';
import { entitySlug, loadRead, saveRead } from '../../src/store/reads.ts';
import { indexArticle, searchArticles } from '../../src/store/search.ts';

/** Strings that break naively built SQL. NUL is tested on its own below. */
const HOSTILE = [
  "Robert'); DROP TABLE articles;--",
  "'; DROP TABLE jobs; --",
  '"; DROP TABLE sources; --',
  "' OR '1'='1",
  "' OR 1=1 --",
  "1; DELETE FROM jobs WHERE '1'='1",
  '%',
  '_',
  '%_%',
  'a%b_c',
  '\\',
  "\\'",
  '\\"',
  "\\'; DROP TABLE articles; --",
  '\\%\\_',
  "''",
  "'''",
  '$1',
  '$$; DROP TABLE articles; $$',
  '$tag$ x $tag$',
  '?',
  '? ? ?',
  ':name @p1 :1',
  '/* comment */',
  '-- comment',
  '*/ DROP TABLE articles; /*',
  "E'\\x41'",
  "U&'\\0041'",
  '\\N',
  '\r\n\t',
  '\u2028\u2029',
  'Ünïcödé ✓ 😀 𝔘 العربية',
  '\ufeffBOM',
  'x'.repeat(100_000),
  "'".repeat(1_000),
  'null',
  'NULL',
  'undefined',
  '[object Object]',
  '{"json": "inside"}',
  "') UNION SELECT feed_url, name FROM sources --",
];

async function tablesSurvive(store: Store): Promise<void> {
  for (const table of ['articles', 'article_bodies', 'article_reads', 'entities', 'article_entities', 'article_hashtags', 'jobs', 'sources'] as const) {
    const r = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(store.db);
    assert.ok(Number(r.rows[0]!.n) >= 0, `${table} answers`);
  }
}

forEachDatabase('sources: names and URLs round-trip, lookups match exactly', async (t, kind) => {
  const store = await freshStore(kind);
  const ids: number[] = [];
  for (const [i, s] of HOSTILE.entries()) {
    const feedUrl = `https://feeds.example/${i}?q=${s}`;
    const { source, created } = await addSource(store, { name: s, feedUrl, siteUrl: s, folder: s });
    assert.equal(created, true, JSON.stringify(s.slice(0, 40)));
    ids.push(source.id);
    const back = await getSource(store, source.id);
    assert.equal(back?.name, s);
    assert.equal(back?.feedUrl, feedUrl);
    assert.equal(back?.siteUrl, s);
    assert.equal((await getSourceByFeedUrl(store, feedUrl))?.id, source.id);
    await recordPollFailure(store, source.id, { error: s, nextFetchAt: null });
  }
  // Wildcards and quotes match only themselves.
  for (const s of ['%', '_', "' OR '1'='1", '\\']) {
    const found = await findSource(store, s);
    assert.equal(found?.siteUrl, s, `findSource(${JSON.stringify(s)}) found ${found?.siteUrl}`);
  }
  assert.equal(await getSourceByFeedUrl(store, 'https://feeds.example/%'), null, 'a % in a lookup is not a wildcard');
  assert.equal(await getSourceByFeedUrl(store, "' OR '1'='1"), null);
  assert.equal((await listSources(store)).length, HOSTILE.length);
  await tablesSurvive(store);
});

forEachDatabase('jobs: payloads, kinds and dedupe keys round-trip; keys never collide by pattern', async (t, kind) => {
  const store = await freshStore(kind);
  const now = Date.now();
  for (const s of HOSTILE) {
    const payload = { text: s, nested: { [s.slice(0, 50)]: [s, 1, null] } };
    const id = await enqueue(store, { kind: `k-${s.slice(0, 60)}`, payload, dedupeKey: `dedupe:${s}` }, now);
    assert.notEqual(id, null, `enqueue ${JSON.stringify(s.slice(0, 40))}`);
    const job = await getJob(store, id!);
    assert.deepEqual(job?.payload, payload);
    assert.equal(job?.dedupeKey, `dedupe:${s}`);
    assert.equal(job?.kind, `k-${s.slice(0, 60)}`);
    assert.equal(await enqueue(store, { kind: 'again', payload: {}, dedupeKey: `dedupe:${s}` }, now), null, 'same dedupe key, same job');
  }
  // Keys that are patterns of each other are different keys.
  assert.equal(await enqueueMany(store, [{ kind: 'x', dedupeKey: 'dedupe:%%' }, { kind: 'x', dedupeKey: 'dedupe:a' }, { kind: 'x', dedupeKey: 'dedupe:' }], now), 3);
  assert.deepEqual(await listJobs(store, { kind: '%' }), [], 'a kind of "%" lists nothing');
  assert.deepEqual(await listJobs(store, { kind: "' OR '1'='1" }), []);
  // Failures carry hostile error text back.
  const [leased] = await leaseJobs(store, { owner: "o'); DROP TABLE jobs;--", limit: 1, leaseMs: 60_000, kinds: [`k-${HOSTILE[0]!.slice(0, 60)}`], now: now + 1 });
  assert.ok(leased, 'a job with a hostile kind can be leased by that kind');
  assert.equal(leased.leaseOwner, "o'); DROP TABLE jobs;--");
  await failJob(store, leased, HOSTILE[1]!, { now: now + 2 } as never);
  assert.equal((await getJob(store, leased.id))?.lastError?.startsWith(HOSTILE[1]!), true);
  await tablesSurvive(store);
});

function feedArticle(i: number, s: string): NewFeedArticle {
  return {
    guid: `guid-${i}-${s}`,
    url: `https://news.example/${i}/${encodeURIComponent(s.slice(0, 100))}`,
    canonicalUrl: `https://news.example/c/${i}?${s.slice(0, 200)}`,
    title: s,
    byline: s,
    publishedAt: 1_700_000_000_000 + i,
    feedUpdatedAt: null,
    excerpt: s,
    feedHtml: `<p>${s}</p>`,
  };
}

forEachDatabase('articles, extraction, reads and search: hostile text and entity names round-trip', async (t, kind) => {
  const store = await freshStore(kind);
  const { source } = await addSource(store, { name: 'Hostile outlet', feedUrl: 'https://news.example/feed' });
  const items = HOSTILE.map((s, i) => feedArticle(i, s));
  const ids = await insertFeedArticles(store, source.id, items);
  assert.equal(ids.length, HOSTILE.length);
  assert.deepEqual(await insertFeedArticles(store, source.id, items), [], 'a rerun inserts nothing');
  const stored = await listSourceArticles(store, source.id);
  assert.deepEqual(stored.map((a) => a.title), HOSTILE);
  assert.deepEqual(stored.map((a) => a.feedHtml), items.map((it) => it.feedHtml));

  for (const [i, s] of HOSTILE.entries()) {
    const id = ids[i]!;
    await saveExtraction(store, id, {
      title: s, byline: s, publishedAt: null, lang: 'en', siteName: s, imageUrl: null, excerpt: s, text: `${s}\n\n${s}`, html: `<p>${s}</p>`,
      contentHash: `hash-${i}-${s.slice(0, 100)}`, rawHash: null, isPartial: false, extractorVersion: 1, fetchedAt: null, error: s,
    });
    const entities = {
      people: [{ name: s.slice(0, 200), mentions: 2 }, { name: `Robert${i}'); DROP TABLE entities;--`, mentions: 1 }],
      organizations: [{ name: `%${i}_`, mentions: 1 }],
      places: [{ name: `\\${i}\\`, mentions: 1 }],
    };
    await saveRead(store, id, 1, { lang: 'en', hashtags: [`#${s.slice(0, 40)}`, "#'; DROP TABLE article_hashtags;--"], entities });
    const read = await loadRead<{ entities: typeof entities }>(store, id);
    assert.deepEqual(read?.result.entities, entities);
    await indexArticle(store, id);
  }
  const after = await listSourceArticles(store, source.id);
  assert.deepEqual(after.map((a) => a.title), HOSTILE);
  assert.deepEqual(after.map((a) => a.text), HOSTILE.map((s) => `${s}\n\n${s}`));
  assert.deepEqual(after.map((a) => a.error), HOSTILE);

  // Entity rows keep names as written; slugs of wildcard names do not merge unrelated entities.
  const ents = await sql<{ name: string; slug: string }>`SELECT name, slug FROM entities WHERE kind = 'organization' ORDER BY name`.execute(store.db);
  const orgNames = ents.rows.map((r) => r.name);
  for (let i = 0; i < HOSTILE.length; i++) assert.ok(orgNames.includes(`%${i}_`), `organization %${i}_ kept`);
  assert.equal(entitySlug("Robert'); DROP TABLE entities;--"), 'robert-drop-table-entities');

  for (const q of [...HOSTILE.slice(0, 30), '"unterminated', 'NEAR(', 'a OR', '-', '*', '"', "title:'x'", 'AND AND', '^', '\\"']) {
    const r = await searchArticles(store, { q });
    assert.equal(r.kind, 'ok', `search ${JSON.stringify(q.slice(0, 40))}`);
  }
  await markArticleFailed(store, ids[0]!, HOSTILE.join(' | '));
  assert.equal(await countArticles(store), HOSTILE.length);
  await tablesSurvive(store);
});

/**
 * NUL cannot be stored in PostgreSQL text at all ("invalid byte sequence for encoding
 * UTF8: 0x00"). Text from outside (an extracted page, a feed) can carry one, so a store
 * function given one must either keep the value (without the NUL) or refuse it with an
 * error value; it must never leave a job failing on it forever.
 */
forEachDatabase('NUL in stored text: saved without failing, the rest of the value kept', async (t, kind) => {
  // PostgreSQL drops the NUL at the driver (src/store/db.ts); SQLite keeps it.
  const store = await freshStore(kind);
  const { source } = await addSource(store, { name: 'N\u0000UL outlet', feedUrl: 'https://nul.example/feed' });
  const [id] = await insertFeedArticles(store, source.id, [feedArticle(1, 'title with \u0000 NUL')]);
  assert.ok(id);
  await saveExtraction(store, id, {
    title: 'A\u0000B', byline: null, publishedAt: null, lang: 'en', siteName: null, imageUrl: null, excerpt: 'x\u0000y', text: 'text\u0000with NUL', html: '<p>a\u0000b</p>',
    contentHash: 'h', rawHash: null, isPartial: false, extractorVersion: 1, fetchedAt: null, error: null,
  });
  await enqueue(store, { kind: 'k', payload: { text: 'a\u0000b' }, dedupeKey: 'nul\u0000key' });
  const [a] = await listSourceArticles(store, source.id);
  assert.ok(a && a.text && a.text.replace(/\u0000/g, '') === 'textwith NUL');
  await tablesSurvive(store);
});
