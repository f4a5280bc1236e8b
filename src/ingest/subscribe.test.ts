import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, after } from 'node:test';
import { resolveSubscription } from './subscribe.ts';
import { createFetcher } from './fetch.ts';
import { startFixtureServer, file, status } from '../../test/support/fixture-server.ts';

const srv = await startFixtureServer();
after(() => srv.close());
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8').replaceAll('{{ORIGIN}}', srv.origin);
const fetcher = createFetcher({ userAgent: 'TidingsTest', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivate: true });
after(() => fetcher.close());

srv.set('/feed.xml', file(fixture('feed.xml'), 'application/rss+xml'));
srv.set('/', file(fixture('home.html'), 'text/html'));

test('a feed URL is followed as is, named from its title', async () => {
  const r = await resolveSubscription(srv.url('/feed.xml'), fetcher);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.subscription, { kind: 'feed', feedUrl: srv.url('/feed.xml'), name: 'The Portwell Courier', siteUrl: srv.origin + '/', via: 'direct' });
});

test('a home page: its announced feed', async () => {
  const r = await resolveSubscription(srv.url('/'), fetcher);
  assert.ok(r.ok);
  assert.equal(r.subscription.kind, 'feed');
  assert.equal(r.subscription.feedUrl, srv.url('/feed.xml'));
  assert.equal((r.subscription as any).via, 'autodiscovery');
});

test('a page announcing nothing: a common path', async () => {
  const other = await startFixtureServer({ '/': file('<html><head><title>Quiet Outlet</title></head><body>hi</body></html>', 'text/html'), '/rss.xml': file(fixture('feed.xml'), 'application/rss+xml') });
  after(() => other.close());
  const r = await resolveSubscription(other.url('/'), fetcher);
  assert.ok(r.ok);
  assert.equal(r.subscription.feedUrl, other.url('/rss.xml'));
  assert.equal((r.subscription as any).via, 'common-path');
});

test('no feed at all: the section page is followed as a page source', async () => {
  const other = await startFixtureServer({ '/news': file(fixture('section.html'), 'text/html') });
  after(() => other.close());
  const r = await resolveSubscription(other.url('/news'), fetcher);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.subscription.kind, 'page');
  assert.equal(r.subscription.name, 'The Portwell Courier');
  assert.equal((r.subscription as any).articleLinks, 3);
});

test('errors are values', async () => {
  srv.set('/gone', status(410));
  const table = [
    { input: srv.url('/gone'), want: /410/ },
    { input: 'ftp://example.com/feed', want: /only http/ },
    { input: 'nonsense', want: /not a URL/ },
  ];
  for (const c of table) {
    const r = await resolveSubscription(c.input, fetcher);
    assert.equal(r.ok, false);
    assert.match((r as any).error, c.want);
  }
  const empty = await startFixtureServer({ '/': file('<html><body><p>Nothing here</p></body></html>', 'text/html') });
  after(() => empty.close());
  const r = await resolveSubscription(empty.url('/'), fetcher);
  assert.equal(r.ok, false);
  assert.match((r as any).error, /no feed/);
});
