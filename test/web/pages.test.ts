/**
 * Pages on both databases: home (top stories, filters, cursor), wire copies ("also
 * published by"), story page with differing figures, hashtag and entity pages, saving,
 * following and "For you", security headers and the doctype.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, addArticle, Client, SEED_NOW } from './support.ts';

forEachDatabase('pages', async (t, kind) => {
  const { store, app } = await emptySite(kind);
  const a = await addArticle(store, { outlet: 'Reuters', title: 'Quake strikes coastal city', text: 'A strong quake struck the city. At least 40 people were killed.', hoursAgo: 3 });
  const b = await addArticle(store, { outlet: 'Daily Mirror Wire', title: 'Quake strikes coastal city', text: 'A strong quake struck the city. At least 40 people were killed.', hoursAgo: 2 });
  const c = await addArticle(store, { outlet: 'AFP Desk', title: 'Rescuers search rubble after quake', text: 'Rescuers searched the rubble. Officials said 52 people were killed.', hoursAgo: 1 });
  const now = Date.now();
  await store.db.insertInto('stories').values({ id: 7 as never, headline: 'Coastal quake', first_at: now - 3 * 3600_000, latest_at: now - 3600_000, article_count: 3, outlet_count: 3, facts: JSON.stringify({ outlets: [{ source: 'Reuters', articles: [String(a)], firstMs: 0, latestMs: 0 }, { source: 'AFP Desk', articles: [String(c)], firstMs: 0, latestMs: 0 }], timeline: [], quotes: [{ speaker: 'Officials', quotes: [{ text: '52 people were killed', citations: [{ article: String(c), source: 'AFP Desk', via: null, sentence: 2, text: 'Officials said 52 people were killed.' }] }] }], disagreements: [{ measure: 'people killed', values: [{ value: 40, unit: 'people', qualifier: 'at least', text: 'At least 40 people', sources: ['Reuters'], citations: [{ article: String(a), source: 'Reuters', via: null, sentence: 2, text: 'At least 40 people were killed.' }] }, { value: 52, unit: 'people', qualifier: null, text: '52 people', sources: ['AFP Desk'], citations: [{ article: String(c), source: 'AFP Desk', via: null, sentence: 2, text: 'Officials said 52 people were killed.' }] }] }] }), updated_at: now }).execute();
  await store.db.updateTable('articles').set({ story_id: 7 }).where('id', 'in', [a, b, c]).execute();
  await store.db.updateTable('articles').set({ duplicate_of: a }).where('id', '=', b).execute();
  await store.db.insertInto('article_hashtags').values({ article_id: c, tag: 'Quake', tag_key: 'quake', published_at: SEED_NOW - 3600_000 }).execute();
  await store.db.insertInto('entities').values({ kind: 'organization', slug: 'afp', name: 'AFP', article_count: 1 }).execute();
  const ent = await store.db.selectFrom('entities').select('id').executeTakeFirstOrThrow();
  await store.db.insertInto('article_entities').values({ article_id: c, entity_id: ent.id, mentions: 1 }).execute();

  await t.test('home: doctype, headers, top story, no duplicate copies in lists', async () => {
    const res = await app.request('/');
    const html = await res.text();
    assert.ok(html.startsWith('<!doctype html>'));
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!/unsafe-inline/.test(csp));
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(res.headers.get('referrer-policy'));
    assert.match(html, /Top stories[\s\S]*Coastal quake/);
    assert.ok(!html.includes(`href="/articles/${b}"`), 'the wire copy is not listed');
    assert.ok(!/<script>|<style>| style="| on\w+="/.test(html), 'no inline script or style');
  });

  await t.test('home: filters and cursor', async () => {
    const page1 = await app.request('/?cursor=bogus');
    assert.equal(page1.status, 200);
    const html = await (await app.request('/?tag=quake')).text();
    assert.match(html, /Rescuers search rubble/);
    assert.ok(!html.includes('>Quake strikes coastal city<'));
  });

  await t.test('wire copies: also published by', async () => {
    const html = await (await app.request(`/articles/${a}`)).text();
    assert.match(html, /Also published by:[\s\S]*Daily Mirror Wire/);
    const copy = await (await app.request(`/articles/${b}`)).text();
    assert.match(copy, /also published by:[\s\S]*Reuters/);
  });

  await t.test('story page: outlets, articles, differing figures with citations', async () => {
    const html = await (await app.request('/stories/7')).text();
    assert.match(html, /<h1>Coastal quake<\/h1>/);
    assert.match(html, /Where sources differ[\s\S]*at least 40[\s\S]*Reuters[\s\S]*52[\s\S]*AFP Desk/);
    assert.match(html, new RegExp(`href="/articles/${c}#s-2"`));
    assert.match(html, /Who said what[\s\S]*Officials/);
    assert.equal((await app.request('/stories/999')).status, 404);
  });

  await t.test('hashtag and entity pages; unknown ones are 404', async () => {
    assert.match(await (await app.request('/hashtags/quake')).text(), /Rescuers search rubble/);
    assert.match(await (await app.request('/entities/organization/afp')).text(), /Rescuers search rubble/);
    assert.equal((await app.request('/hashtags/nothing')).status, 404);
    assert.equal((await app.request('/entities/robot/afp')).status, 404);
    assert.equal((await app.request('/articles/99999')).status, 404);
  });

  await t.test('save, follow and For you', async () => {
    const r = new Client(app);
    await r.signUp('r@example.com', 'R');
    await r.get(`/articles/${c}`);
    await r.post(`/articles/${c}/save`, { on: '1' });
    assert.match((await r.get('/saved')).text, /Rescuers search rubble/);
    assert.match((await r.get('/for-you')).text, /Follow outlets/);
    await r.post('/follow', { kind: 'hashtag', target: '#Quake', on: '1', next: '/hashtags/quake' });
    const fy = (await r.get('/for-you')).text;
    assert.match(fy, /#quake/);
    assert.match(fy, /Rescuers search rubble/);
    const evil = await r.post('/follow', { kind: 'hashtag', target: 'x', on: '1', next: 'https://evil.example/' });
    assert.equal(evil.res.headers.get('location'), '/');
  });
});

import { archiveNow } from '../../src/store/pages.ts';
import { freshStore as freshStoreForNow } from '../support/db.ts';

test('archiveNow: the newest publication time, never in the future', async () => {
  const store = await freshStoreForNow('sqlite');
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(await archiveNow(store, now), now, 'an empty archive is now');
  const t = Date.now();
  const add = (url: string, published: number) => store.db.insertInto('articles').values({ url, canonical_url: url, title: url, published_at: published, status: 'new', created_at: t, updated_at: t }).execute();
  await add('https://x.test/old', Date.parse('2025-07-20T00:00:00Z'));
  await add('https://x.test/future', Date.parse('2027-01-01T00:00:00Z'));
  assert.equal(await archiveNow(store, now), Date.parse('2025-07-20T00:00:00Z'));
});
