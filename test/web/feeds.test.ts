/**
 * Outgoing feeds parse with feedsmith (RSS 2.0, Atom, JSON Feed) for home, outlet,
 * hashtag, story and search; hostile titles are escaped; pages advertise their feeds.
 */
import assert from 'node:assert/strict';
import { parseRssFeed, parseAtomFeed, parseJsonFeed } from 'feedsmith';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, addArticle } from './support.ts';
import { xmlEscape } from '../../src/web/feeds.ts';

forEachDatabase('feeds', async (t, kind) => {
  const { store, app } = await emptySite(kind);
  const evil = 'Fish & chips <script>alert("x")</script> \u0001 ]]> café';
  const a = await addArticle(store, { outlet: 'Feed Outlet', title: evil, text: 'A ceasefire. Body & more <b>bold</b>.' });
  const b = await addArticle(store, { outlet: 'Feed Outlet', title: 'Ceasefire holds', text: 'The ceasefire holds.' });
  const now = Date.now();
  await store.db.insertInto('article_hashtags').values([{ article_id: a, tag: 'Fish', tag_key: 'fish', published_at: now }]).execute();
  await store.db.insertInto('stories').values({ id: 9 as never, headline: 'Ceasefire story', first_at: now, latest_at: now, article_count: 2, outlet_count: 1, updated_at: now }).execute();
  await store.db.updateTable('articles').set({ story_id: 9 }).where('id', 'in', [a, b]).execute();
  const outlet = Number((await store.db.selectFrom('sources').select('id').executeTakeFirstOrThrow()).id);

  const bases = ['/feed', `/outlets/${outlet}/feed`, '/hashtags/fish/feed', '/stories/9/feed', '/search/feed/ceasefire'];
  for (const base of bases) {
    await t.test(`${base}: RSS, Atom and JSON Feed parse`, async () => {
      const rss = await app.request(`${base}/rss`);
      assert.equal(rss.status, 200);
      assert.match(rss.headers.get('content-type')!, /application\/rss\+xml/);
      const r = parseRssFeed(await rss.text());
      assert.ok(r.title);
      assert.ok((r.items ?? []).length >= 1, 'has items');
      const atom = parseAtomFeed(await (await app.request(`${base}/atom`)).text());
      assert.ok((atom.entries ?? []).length >= 1);
      const json = parseJsonFeed(JSON.parse(await (await app.request(`${base}/json`)).text()));
      assert.ok((json.items ?? []).length >= 1);
      if (base !== '/search/feed/ceasefire' || true) {
        const titles = (r.items ?? []).map((i) => i.title);
        if (titles.some((x) => x?.includes('Fish'))) assert.ok(titles.includes(evil.replace('\u0001', '')), `title round-trips: ${JSON.stringify(titles)}`);
      }
    });
  }

  await t.test('escaping removes what XML forbids and escapes the rest', () => {
    assert.equal(xmlEscape('a & <b> "c" \'d\' \u0000\u0008'), 'a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; ');
  });

  await t.test('pages advertise their feeds', async () => {
    for (const [page, feed] of [['/', '/feed'], [`/outlets/${outlet}`, `/outlets/${outlet}/feed`], ['/hashtags/fish', '/hashtags/fish/feed'], ['/stories/9', '/stories/9/feed'], ['/search?q=ceasefire', '/search/feed/ceasefire']]) {
      const html = await (await app.request(page!)).text();
      for (const fmt of ['rss', 'atom', 'json']) assert.ok(html.includes(`rel="alternate"`) && html.includes(`href="${feed}/${fmt}"`), `${page} advertises ${feed}/${fmt}`);
    }
  });

  await t.test('unknown format and unknown outlet', async () => {
    assert.equal((await app.request('/feed/xml')).status, 404);
    assert.equal((await app.request('/outlets/9999/feed/rss')).status, 404);
  });
});
