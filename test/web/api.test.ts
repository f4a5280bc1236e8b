/**
 * The JSON API: one error shape, cursor pagination, personal tokens (create, use, revoke),
 * malformed and oversized input, reading results on articles, story redirects.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, addArticle, Client } from './support.ts';
import { API_BODY_LIMIT } from '../../src/web/api.ts';

function assertError(body: any, id?: string) {
  assert.equal(typeof body.error?.id, 'string', JSON.stringify(body));
  assert.equal(typeof body.error?.message, 'string');
  assert.deepEqual(Object.keys(body), ['error']);
  if (id) assert.equal(body.error.id, id);
}

forEachDatabase('api', async (t, kind) => {
  const { store, app } = await emptySite(kind);
  const ids: number[] = [];
  for (let i = 0; i < 7; i++) ids.push(await addArticle(store, { outlet: i % 2 ? 'Odd Outlet' : 'Even Outlet', title: `Article number ${i}`, text: `Body of article ${i}. It mentions ceasefire talks.`, hoursAgo: 10 - i }));

  await t.test('errors share one shape', async () => {
    for (const [path, status] of [
      ['/api/v1/articles/999999', 404],
      ['/api/v1/articles/abc', 400],
      ['/api/v1/articles?limit=1000', 400],
      ['/api/v1/articles?cursor=%%%', 400],
      ['/api/v1/search', 400],
      ['/api/v1/search?q=x&from=yesterday', 400],
      ['/api/v1/nothing-here', 404],
      ['/api/v1/stories/42', 404],
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assertError(await res.json());
    }
  });

  await t.test('cursor pagination visits every article once, newest first', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: Response = await app.request(`/api/v1/articles?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { items: { id: number }[]; nextCursor: string | null };
      seen.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...ids].reverse());
    const outlet = await app.request('/api/v1/articles?outlet=1');
    const ob = await outlet.json();
    assert.ok(ob.items.length > 0 && ob.items.every((a: any) => a.outlet.id === 1));
  });

  await t.test('articles, outlets, search, hashtags, openapi', async () => {
    const a = await (await app.request(`/api/v1/articles/${ids[0]}`)).json();
    assert.equal(a.id, ids[0]);
    assert.equal(a.title, 'Article number 0');
    assert.ok('read' in a && 'hashtags' in a);
    const outlets = await (await app.request('/api/v1/outlets')).json();
    assert.equal(outlets.items.length, 2);
    const s = await (await app.request('/api/v1/search?q=ceasefire&limit=2')).json();
    assert.equal(s.items.length, 2);
    assert.ok(s.nextCursor);
    assert.match(s.items[0].snippetHtml, /<mark>ceasefire<\/mark>/);
    const tags = await app.request('/api/v1/hashtags');
    assert.equal(tags.status, 200);
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/articles/{id}/comments'].post);
  });

  let token = '';
  await t.test('personal tokens: create on the account page, post a comment, revoke', async () => {
    const alice = new Client(app);
    await alice.signUp('alice@example.com', 'Alice');
    await alice.get('/account');
    const created = await alice.post('/account/tokens', { name: 'script' });
    const m = /id="new-token">(tid_[\w-]+)</.exec(created.text);
    assert.ok(m, 'the new token is shown once');
    token = m![1]!;
    const row = await store.db.selectFrom('api_tokens' as never).selectAll().executeTakeFirstOrThrow() as any;
    assert.notEqual(row.token_hash, token, 'only the hash is stored');

    const post = (body: string, headers: Record<string, string> = {}) => app.request(`/api/v1/articles/${ids[0]}/comments`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } });
    const noAuth = await app.request(`/api/v1/articles/${ids[0]}/comments`, { method: 'POST', body: '{"body":"hi"}', headers: { 'content-type': 'application/json' } });
    assert.equal(noAuth.status, 401);
    assertError(await noAuth.json(), 'unauthorized');
    const wrong = await post('{"body":"hi"}', { authorization: 'Bearer tid_wrong' });
    assert.equal(wrong.status, 401);
    const ok = await post(JSON.stringify({ body: 'Posted with a <b>token</b>' }));
    assert.equal(ok.status, 201);
    const c = await ok.json();
    assert.equal(c.body, 'Posted with a <b>token</b>', 'stored as plain text');
    assert.equal(c.author, 'Alice');

    const malformed = await post('{"body":');
    assert.equal(malformed.status, 400);
    assertError(await malformed.json(), 'bad-request');
    const extra = await post(JSON.stringify({ body: 'x', admin: true }));
    assert.equal(extra.status, 400);
    const wrongType = await post(JSON.stringify({ body: 42 }));
    assert.equal(wrongType.status, 400);
    const tooLong = await post(JSON.stringify({ body: 'x'.repeat(5001) }));
    assert.equal(tooLong.status, 400);
    const huge = await post(JSON.stringify({ body: 'x'.repeat(API_BODY_LIMIT + 10) }));
    assert.equal(huge.status, 413);
    assertError(await huge.json(), 'too-large');
    const notJson = await post('body=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(notJson.status, 415);

    const list = await (await app.request(`/api/v1/articles/${ids[0]}/comments`)).json();
    assert.equal(list.items.length, 1);

    await alice.get('/account');
    const tokenId = row.id;
    await alice.post(`/account/tokens/${tokenId}/revoke`, {});
    const after = await post(JSON.stringify({ body: 'after revoke' }));
    assert.equal(after.status, 401);
  });

  await t.test('comment pagination and bad cursors', async () => {
    const res = await app.request(`/api/v1/articles/${ids[0]}/comments?cursor=zzz`);
    assert.equal(res.status, 400);
    assertError(await res.json(), 'bad-cursor');
  });

  await t.test('a merged story id redirects', async () => {
    const now = Date.now();
    await store.db.insertInto('stories').values({ id: 500 as never, headline: 'Live story', first_at: now, latest_at: now, article_count: 1, outlet_count: 1, updated_at: now }).execute();
    await store.db.insertInto('story_redirects').values({ from_id: 400, to_id: 500 }).execute();
    const res = await app.request('/api/v1/stories/400');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/api/v1/stories/500');
    const page = await app.request('/stories/400');
    assert.equal(page.status, 301);
    assert.equal(page.headers.get('location'), '/stories/500');
    const live = await (await app.request('/api/v1/stories/500')).json();
    assert.equal(live.headline, 'Live story');
  });
});
