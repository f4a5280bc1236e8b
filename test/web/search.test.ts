/**
 * Full-text search on SQLite FTS5 and PostgreSQL tsvector: phrases, prefixes, exclusions,
 * filters (outlet, hashtag, dates), ranking, escaped snippets, cursors, and queries full
 * of FTS and SQL syntax that must never error.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, addArticle, sourceId, SEED_NOW } from './support.ts';
import { searchArticles, parseQuery, highlight, removeFromIndex, indexArticle } from '../../src/store/search.ts';

forEachDatabase('search', async (t, kind) => {
  const site = await emptySite(kind);
  const { store, app } = site;
  const a = await addArticle(store, { outlet: 'RTHK', title: 'Sectarian clashes continue in Syria\'s Sweida region', text: 'Sectarian clashes escalated in the predominantly Druze region of Sweida on Saturday. A ceasefire was announced by the presidency.', hoursAgo: 48 });
  const b = await addArticle(store, { outlet: 'South China Morning Post', title: 'Trump says he will help Afghans stuck in the UAE', text: 'US President Donald Trump said he would help Afghans detained in the United Arab Emirates. The Taliban took power in 2021.', hoursAgo: 18 });
  const c = await addArticle(store, { outlet: 'RTHK', title: 'Syrian forces deploy in Sweida as ceasefire begins', text: 'Syria\'s Islamist-led government said its internal security forces began deploying in Sweida. <script>alert(1)</script> & "quotes" café élection.', hoursAgo: 40 });
  const old = await addArticle(store, { outlet: 'Archive', title: 'Ceasefire talks in an older conflict', text: 'A ceasefire was discussed years ago.', hoursAgo: 24 * 400 });
  await store.db.insertInto('article_hashtags').values({ article_id: c, tag: 'Syria', tag_key: 'syria', published_at: SEED_NOW - 40 * 3600_000 }).execute();
  const ids = async (q: string, extra: Record<string, unknown> = {}) => {
    const r = await searchArticles(store, { q, now: SEED_NOW, ...extra });
    assert.equal(r.kind, 'ok');
    return r.kind === 'ok' ? r.hits.map((h) => h.id) : [];
  };

  await t.test('words, phrases and prefixes', async () => {
    assert.deepEqual((await ids('sweida')).sort(), [a, c].sort());
    assert.deepEqual(await ids('"security forces"'), [c]);
    assert.deepEqual(await ids('"forces security"'), [], 'a phrase keeps its word order');
    assert.deepEqual((await ids('afgh*')).sort(), [b]);
    assert.deepEqual(await ids('sweida -druze'), [c], 'exclusion');
    assert.deepEqual(await ids('-druze'), [], 'only exclusions match nothing');
  });

  await t.test('diacritics are folded both ways', async () => {
    assert.deepEqual(await ids('cafe'), [c]);
    assert.deepEqual(await ids('élection'), [c]);
  });

  await t.test('ranking prefers relevance, then recency', async () => {
    const r = await ids('ceasefire');
    assert.equal(r.length, 3);
    assert.equal(r[r.length - 1], old, 'the 400-day-old article ranks last');
    const recent = await ids('ceasefire', { sort: 'recent' });
    assert.deepEqual(recent, [c, a, old]);
  });

  await t.test('filters: outlet, hashtag, dates', async () => {
    const rthk = await sourceId(store, 'RTHK');
    assert.deepEqual((await ids('ceasefire', { outletId: rthk })).sort(), [a, c].sort());
    assert.deepEqual(await ids('ceasefire', { hashtag: '#Syria' }), [c]);
    assert.deepEqual(await ids('ceasefire', { fromMs: SEED_NOW - 44 * 3600_000 }), [c]);
    assert.deepEqual(await ids('ceasefire', { toMs: SEED_NOW - 100 * 3600_000 }), [old]);
  });

  await t.test('snippets are escaped before marking', async () => {
    const r = await searchArticles(store, { q: 'deploying', now: SEED_NOW });
    assert.ok(r.kind === 'ok' && r.hits.length === 1);
    const s = r.kind === 'ok' ? r.hits[0]!.snippetHtml : '';
    assert.match(s, /<mark>deploying<\/mark>/);
    assert.ok(!s.includes('<script>'), s);
    assert.match(s, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot;/);
    assert.equal(highlight('<b>x</b> y', parseQuery('y')), '&lt;b&gt;x&lt;/b&gt; <mark>y</mark>');
  });

  await t.test('FTS syntax and SQL metacharacters never error', async () => {
    const nasty = ['"', '""', '"unbalanced', 'a AND', 'OR OR', 'NEAR(a b)', 'title:syria', '*', 'syria*)', '(', ')', "'; DROP TABLE articles; --", '\\', '%_', 'a:*', '!syria', '&|', '^sweida', '-', '--', '+', '{a}', 'sweida NOT', 'ä ö ü', '😀', '\u0000', 'x'.repeat(2000)];
    for (const q of nasty) {
      const r = await searchArticles(store, { q, now: SEED_NOW });
      assert.equal(r.kind, 'ok', q);
      const res = await app.request(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
      const api = await app.request(`/api/v1/search?q=${encodeURIComponent(q.slice(0, 400) || 'x')}`);
      assert.equal(api.status, 200, q);
    }
    assert.deepEqual((await ids('syria*)')).sort(), (await ids('syria*')).sort(), 'a stray bracket is ignored');
    assert.ok((await ids('syria*')).includes(c));
    assert.deepEqual(await ids('title:sweida'), [], 'a colon query is two words, not a column filter');
  });

  await t.test('cursor pagination walks every hit once', async () => {
    for (const sort of ['relevance', 'recent'] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const r = await searchArticles(store, { q: 'ceasefire', limit: 1, cursor, sort, now: SEED_NOW });
        assert.equal(r.kind, 'ok');
        if (r.kind !== 'ok') break;
        seen.push(...r.hits.map((h) => h.id));
        cursor = r.nextCursor;
        if (!cursor) break;
      }
      assert.deepEqual([...seen].sort(), [a, c, old].sort(), sort);
    }
    const bad = await searchArticles(store, { q: 'ceasefire', cursor: 'not-a-cursor' });
    assert.equal(bad.kind, 'bad-cursor');
  });

  await t.test('search page renders marked, escaped results and removal works', async () => {
    const res = await app.request('/search?q=deploying');
    const html = await res.text();
    assert.match(html, /<mark>deploying<\/mark>/);
    assert.ok(!html.includes('<script>alert(1)'));
    await removeFromIndex(store, c);
    assert.deepEqual(await ids('deploying'), []);
    await indexArticle(store, c);
    assert.deepEqual(await ids('deploying'), [c]);
  });
});
