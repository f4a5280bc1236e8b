/**
 * The ingest pipeline against a real HTTP server on 127.0.0.1 and a real database (SQLite
 * and PostgreSQL): poll-source and fetch-article end to end with a Worker, then each way a
 * remote server misbehaves, checking the state it leaves on the source or the article.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after } from 'node:test';
import { forEachDatabase, freshStore } from '../../test/support/db.ts';
import { startFixtureServer, file, status, redirect, hang, huge, gzipBomb, sequence, type FixtureServer } from '../../test/support/fixture-server.ts';
import { loadConfig, type Config } from '../config.ts';
import { log } from '../log.ts';
import { Worker } from './worker.ts';
import { pollSource, pollSourceHandler, enqueuePoll } from './poll-source.ts';
import { fetchArticle, fetchArticleHandler, TransientFetchError } from './fetch-article.ts';
import { addSource, getSource, setNextFetch } from '../store/sources.ts';
import { listSourceArticles } from '../store/articles.ts';
import { claimHost, releaseHost } from '../store/hosts.ts';
import type { Store } from '../store/db.ts';
import type { JobHandler } from './types.ts';

const FIXTURES = new URL('../../test/fixtures/ingest/', import.meta.url);
const srv: FixtureServer = await startFixtureServer();
after(() => srv.close());
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8').replaceAll('{{ORIGIN}}', srv.origin);

const PAGES: Record<string, string> = {
  '/news/2025/07/18/harbour-dredging-to-start-in-september': 'harbour.html',
  '/news/2025/07/17/council-keeps-night-bus': 'council.html',
  '/news/2025/07/16/coastal-rail-line-reopens': 'rail.html',
  '/premium/2025/07/15/fish-market-traders-fear-rent-rise': 'paywall.html',
};
srv.set('/feed.xml', file(fixture('feed.xml'), 'application/rss+xml; charset=utf-8', { validators: { etag: '"feed-v1"', lastModified: 'Fri, 18 Jul 2025 09:00:00 GMT' } }));
srv.set('/news', file(fixture('section.html'), 'text/html; charset=utf-8'));
srv.set('/robots.txt', file('User-agent: *\nDisallow: /mixed/private/\n', 'text/plain'));
let enc = 0;
for (const [path, name] of Object.entries(PAGES)) srv.set(path, file(fixture(name), 'text/html; charset=utf-8', { encoding: (['gzip', 'br', undefined] as const)[enc++ % 3] }));

function testConfig(dbUrl: string, extra: Record<string, string> = {}): Config {
  return loadConfig(
    {
      TIDINGS_DATABASE_URL: dbUrl,
      TIDINGS_FETCH_ALLOW_PRIVATE: 'true',
      TIDINGS_FETCH_HOST_DELAY_MS: '0',
      TIDINGS_FETCH_TIMEOUT_MS: '1500',
      TIDINGS_FETCH_CONNECT_TIMEOUT_MS: '800',
      TIDINGS_FETCH_MAX_BYTES: String(2 * 1024 * 1024),
      TIDINGS_POLL_MIN_S: '60',
      TIDINGS_LOG_LEVEL: 'silent',
      ...extra,
    },
    { configFile: '' },
  );
}

const quietLog = log.child({});
quietLog.level = 'silent';

async function runUntilIdle(store: Store, config: Config, timeoutMs = 30_000): Promise<void> {
  const handlers: Record<string, JobHandler> = { 'poll-source': pollSourceHandler as JobHandler, 'fetch-article': fetchArticleHandler as JobHandler };
  const worker = new Worker(store, config, handlers, quietLog, { concurrency: 4, leaseMs: 10_000, idleMs: 30 });
  worker.start();
  const until = Date.now() + timeoutMs;
  try {
    let idleRounds = 0;
    while (idleRounds < 3) {
      if (Date.now() > until) throw new Error('queue did not become idle');
      await new Promise((r) => setTimeout(r, 60));
      const now = Date.now();
      const busy = await store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', 'in', Object.keys(handlers))
        // Deferred jobs (host busy) come back within a second; the next polls are minutes away.
        .where((eb) => eb.or([eb('state', '=', 'running'), eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now + 5000)])]))
        .executeTakeFirstOrThrow();
      idleRounds = Number(busy.n) === 0 && worker.activeCount === 0 ? idleRounds + 1 : 0;
    }
  } finally {
    await worker.stop(2000);
  }
}

async function jobsOf(store: Store, kind: string) {
  return store.db.selectFrom('jobs').select(['dedupe_key', 'state', 'run_at']).where('kind', '=', kind).execute();
}

forEachDatabase('ingest pipeline', async (t, kind) => {
  const store = await freshStore(kind);
  const dbUrl = kind === 'sqlite' ? 'sqlite::memory:' : 'postgres://unused';
  const config = testConfig(dbUrl);
  const deps = { store, config, log: quietLog };

  await t.test('end to end: poll, fetch, extract; twice changes nothing', async () => {
    const { source } = await addSource(store, { name: 'Courier', feedUrl: srv.url('/feed.xml'), siteUrl: srv.origin + '/' });
    await enqueuePoll(store, source.id, source.nextFetchAt!);
    await runUntilIdle(store, config);

    const articles = await listSourceArticles(store, source.id);
    assert.equal(articles.length, 4, articles.map((a) => a.url).join('\n'));
    const byGuid = (s: string) => articles.find((a) => a.url.includes(s))!;
    const harbour = byGuid('harbour-dredging');
    assert.equal(harbour.status, 'extracted', harbour.error ?? '');
    assert.equal(harbour.isPartial, false);
    assert.match(harbour.text!, /Two dredgers will remove roughly 180,000 cubic metres/);
    assert.doesNotMatch(harbour.text!, /Most read|Privacy/);
    assert.equal(harbour.canonicalUrl, srv.url('/news/2025/07/18/harbour-dredging-to-start-in-september'), 'utm_source removed');
    assert.equal(harbour.byline, 'Mara Lindqvist');
    assert.equal(harbour.publishedAt, Date.UTC(2025, 6, 18, 8, 30));
    assert.equal(harbour.siteName, 'The Portwell Courier');
    assert.equal(harbour.lang, 'en');
    assert.match(byGuid('night-bus').text!, /petition with more than 4,000 signatures/);
    assert.match(byGuid('rail-line').text!, /rebuilt 300 metres of embankment/);

    const paywalled = byGuid('fish-market');
    assert.equal(paywalled.status, 'extracted');
    assert.equal(paywalled.isPartial, true, 'paywalled page keeps the feed text, marked partial');
    assert.match(paywalled.text!, /Ilse Varga/);
    assert.match(paywalled.error ?? '', /less text|partial|paywall/i);

    const reads = await jobsOf(store, 'read-article');
    assert.equal(reads.length, 4, 'one read-article job per article');
    const after1 = await getSource(store, source.id);
    assert.equal(after1!.errorStreak, 0);
    assert.ok(after1!.lastSuccessAt);
    assert.equal(after1!.etag, '"feed-v1"');
    assert.ok(after1!.nextFetchAt! > Date.now(), 'next poll scheduled');
    assert.ok(after1!.pollIntervalS! >= 60);

    // Poll again now: 304, nothing new.
    const feedHits = srv.hits('/feed.xml');
    const now = Date.now();
    await setNextFetch(store, source.id, now);
    await enqueuePoll(store, source.id, now);
    await runUntilIdle(store, config);
    assert.equal(srv.hits('/feed.xml'), feedHits + 1);
    assert.equal(srv.lastHeaders('/feed.xml')?.['if-none-match'], '"feed-v1"');
    // And once more without validators (the full feed again): still no duplicates.
    await store.db.updateTable('sources').set({ etag: null, last_modified: null }).where('id', '=', source.id).execute();
    const outcome = await pollSource(source.id, undefined, deps);
    assert.equal(outcome.kind, 'ok');
    assert.equal((outcome as any).newArticles, 0);
    await runUntilIdle(store, config);
    assert.equal((await listSourceArticles(store, source.id)).length, 4);
    assert.equal((await jobsOf(store, 'read-article')).length, 4);
  });

  await t.test('the same URL in a second outlet is not stored twice', async () => {
    srv.set('/copy.xml', file(fixture('feed.xml'), 'application/rss+xml'));
    const { source } = await addSource(store, { name: 'Copy', feedUrl: srv.url('/copy.xml') });
    const outcome = await pollSource(source.id, undefined, deps);
    assert.equal(outcome.kind, 'ok');
    assert.equal((outcome as any).newArticles, 0);
  });

  await t.test('a page source: article links from its section page', async () => {
    const { source } = await addSource(store, { name: 'Courier web', feedUrl: srv.url('/news'), kind: 'page' });
    const outcome = await pollSource(source.id, undefined, deps);
    assert.equal(outcome.kind, 'ok');
    assert.equal((outcome as any).items, 3);
    // The three links are the feed's articles, already stored under the other source.
    assert.equal((outcome as any).newArticles, 0);
    srv.set('/other-section', file(fixture('section.html').replaceAll('/news/2025', '/world/2025'), 'text/html'));
    const { source: other } = await addSource(store, { name: 'World web', feedUrl: srv.url('/other-section'), kind: 'page' });
    const o2 = await pollSource(other.id, undefined, deps);
    assert.equal((o2 as any).newArticles, 3);
  });

  const failures: { name: string; route: Parameters<FixtureServer['set']>[1]; check: (s: NonNullable<Awaited<ReturnType<typeof getSource>>>) => void }[] = [
    { name: '410', route: status(410), check: (s) => (assert.equal(s.status, 'gone'), assert.equal(s.nextFetchAt, null)) },
    { name: '500', route: status(500), check: (s) => (assert.equal(s.status, 'active'), assert.match(s.lastError!, /HTTP 500/), assert.equal(s.errorStreak, 1), assert.ok(s.nextFetchAt! > Date.now())) },
    { name: 'hang', route: hang(), check: (s) => assert.match(s.lastError!, /timeout/) },
    { name: 'huge', route: huge(200 * 1024 * 1024), check: (s) => assert.match(s.lastError!, /larger than/) },
    { name: 'gzip-bomb', route: gzipBomb(100 * 1024 * 1024, 'application/rss+xml'), check: (s) => assert.match(s.lastError!, /larger than/) },
    { name: 'loop', route: redirect(302, '/fail-loop'), check: (s) => assert.match(s.lastError!, /redirect loop/) },
    { name: 'not-a-feed', route: file('<html><body>Hello</body></html>', 'text/html'), check: (s) => assert.match(s.lastError!, /unparseable feed/) },
    { name: 'rate-limited', route: status(429, { 'retry-after': '7200' }), check: (s) => (assert.match(s.lastError!, /429/), assert.ok(s.nextFetchAt! >= Date.now() + 7000_000)) },
  ];
  for (const f of failures) {
    await t.test(`feed failure: ${f.name}`, async () => {
      srv.set(`/fail-${f.name}`, f.route);
      const { source } = await addSource(store, { name: f.name, feedUrl: srv.url(`/fail-${f.name}`) });
      const outcome = await pollSource(source.id, undefined, deps);
      assert.equal(outcome.kind, 'failed');
      f.check((await getSource(store, source.id))!);
    });
  }

  await t.test('a 429 put the host in backoff: other requests to it wait', async () => {
    const { source } = await addSource(store, { name: 'after-429', feedUrl: srv.url('/feed.xml?after429') });
    await assert.rejects(pollSource(source.id, undefined, deps), /asked us to wait/);
    await store.db.updateTable('hosts').set({ backoff_until: null }).execute();
    assert.equal((await pollSource(source.id, undefined, deps)).kind, 'ok');
  });

  await t.test('500 then recovery clears the streak', async () => {
    srv.set('/flaky.xml', sequence(status(500), status(502), file(fixture('feed.xml').replaceAll('/news/', '/flaky/'), 'application/rss+xml')));
    const { source } = await addSource(store, { name: 'flaky', feedUrl: srv.url('/flaky.xml') });
    await pollSource(source.id, undefined, deps);
    await pollSource(source.id, undefined, deps);
    const failing = (await getSource(store, source.id))!;
    assert.equal(failing.errorStreak, 2);
    assert.match(failing.lastError!, /502/);
    const ok = await pollSource(source.id, undefined, deps);
    assert.equal(ok.kind, 'ok');
    const s = (await getSource(store, source.id))!;
    assert.equal(s.errorStreak, 0);
    assert.equal(s.lastError, null);
    assert.equal((ok as any).newArticles, 3, "the premium item is the same URL as in the first feed");
  });

  await t.test('404 five times in a row: gone', async () => {
    srv.set('/missing.xml', status(404));
    const { source } = await addSource(store, { name: 'missing', feedUrl: srv.url('/missing.xml') });
    for (let i = 0; i < 5; i++) await pollSource(source.id, undefined, deps);
    const s = (await getSource(store, source.id))!;
    assert.equal(s.status, 'gone');
    assert.equal(s.errorStreak, 5);
    assert.equal((await pollSource(source.id, undefined, deps)).kind, 'skipped');
  });

  await t.test('permanent redirect updates the feed URL', async () => {
    srv.set('/moved.xml', redirect(301, '/moved-here.xml'));
    srv.set('/moved-here.xml', file(fixture('feed.xml').replaceAll('/news/', '/moved/'), 'application/rss+xml'));
    const { source } = await addSource(store, { name: 'moved', feedUrl: srv.url('/moved.xml') });
    assert.equal((await pollSource(source.id, undefined, deps)).kind, 'ok');
    assert.equal((await getSource(store, source.id))!.feedUrl, srv.url('/moved-here.xml'));
  });

  await t.test('hostile feeds: entity bomb and invalid UTF-8 end in a clear state', async () => {
    srv.set('/bomb.xml', file(fixture('entity-bomb.xml').replaceAll('/news/', '/bomb/'), 'application/rss+xml'));
    const { source } = await addSource(store, { name: 'bomb', feedUrl: srv.url('/bomb.xml') });
    const started = Date.now();
    const outcome = await pollSource(source.id, undefined, deps);
    assert.ok(Date.now() - started < 10_000);
    assert.ok(['ok', 'failed'].includes(outcome.kind));
    for (const a of await listSourceArticles(store, source.id)) assert.ok(a.title.length < 1000, 'entities were not expanded');

    const latin = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Caf`),
      Buffer.from([0xe9]),
      Buffer.from(` news</title><item><title>Caf`),
      Buffer.from([0xe9]),
      Buffer.from(` reopens</title><link>${srv.origin}/latin/2025/07/18/cafe-reopens-on-the-quay</link><guid>l1</guid></item></channel></rss>`),
    ]);
    srv.set('/latin.xml', file(latin, 'application/rss+xml'));
    const { source: l } = await addSource(store, { name: 'latin', feedUrl: srv.url('/latin.xml') });
    assert.equal((await pollSource(l.id, undefined, deps)).kind, 'ok');
    const [item] = await listSourceArticles(store, l.id);
    assert.equal(item.title, 'Café reopens');
  });

  await t.test('private addresses refused when not allowed', async () => {
    const strict = testConfig(dbUrl, { TIDINGS_FETCH_ALLOW_PRIVATE: 'false' });
    const { source } = await addSource(store, { name: 'private', feedUrl: `http://localhost:${srv.port}/feed.xml` });
    const outcome = await pollSource(source.id, undefined, { ...deps, config: strict });
    assert.equal(outcome.kind, 'failed');
    assert.match((await getSource(store, source.id))!.lastError!, /blocked: .*loopback/);
  });

  await t.test('article failures: 404, robots, hang; the batch goes on', async () => {
    const items = ['gone-page', 'private/robots-page', 'slow-page', 'good-page'];
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>${items
      .map((p, i) => `<item><title>Item ${i} with a headline</title><link>${srv.origin}/mixed/${p}</link><guid>m${i}</guid><description>Short summary ${i} from the feed about the harbour.</description></item>`)
      .join('')}</channel></rss>`;
    srv.set('/mixed.xml', file(feed, 'application/rss+xml'));
    srv.set('/mixed/gone-page', status(404));
    srv.set('/mixed/private/robots-page', file(fixture('rail.html'), 'text/html'));
    srv.set('/mixed/slow-page', hang());
    srv.set('/mixed/good-page', file(fixture('council.html'), 'text/html'));
    const { source } = await addSource(store, { name: 'mixed', feedUrl: srv.url('/mixed.xml') });
    assert.equal((await pollSource(source.id, undefined, deps)).kind, 'ok');
    const arts = await listSourceArticles(store, source.id);
    const get = (p: string) => arts.find((a) => a.url.endsWith(p))!;

    const r404 = await fetchArticle(get('gone-page').id, deps);
    assert.equal(r404.kind, 'partial');
    const robotsHits = srv.hits('/mixed/private/robots-page');
    const rRobots = await fetchArticle(get('robots-page').id, deps);
    assert.equal(rRobots.kind, 'partial');
    assert.match((rRobots as any).reason, /robots/);
    assert.equal(srv.hits('/mixed/private/robots-page'), robotsHits, 'a disallowed page is never requested');
    await assert.rejects(fetchArticle(get('slow-page').id, deps), TransientFetchError);
    const rSlowLast = await fetchArticle(get('slow-page').id, { ...deps, isLastAttempt: true });
    assert.equal(rSlowLast.kind, 'partial');
    assert.equal((await fetchArticle(get('good-page').id, deps)).kind, 'full');

    const final = await listSourceArticles(store, source.id);
    for (const a of final) {
      assert.equal(a.status, 'extracted', `${a.url}: ${a.status}`);
      if (!a.url.endsWith('good-page')) {
        assert.equal(a.isPartial, true, a.url);
        assert.match(a.text!, /Short summary/);
        assert.ok(a.error, `${a.url} keeps the reason`);
      }
    }
  });

  await t.test('a full page slightly shorter than the feed copy is still the full article', async () => {
    const paras = [...fixture('council.html').matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[0]).join('');
    const feedCopy = `${paras}<p>Read more about the council's budget in our weekly newsletter.</p>`;
    const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Full</title><item><title>Night bus</title><link>${srv.origin}/full/2025/07/17/council-keeps-night-bus</link><guid>full-1</guid><content:encoded><![CDATA[${feedCopy}]]></content:encoded></item></channel></rss>`;
    srv.set('/full.xml', file(feed, 'application/rss+xml'));
    srv.set('/full/2025/07/17/council-keeps-night-bus', file(fixture('council.html'), 'text/html'));
    const { source } = await addSource(store, { name: 'full', feedUrl: srv.url('/full.xml') });
    await pollSource(source.id, undefined, deps);
    const [a] = await listSourceArticles(store, source.id);
    const r = await fetchArticle(a.id, deps);
    assert.equal(r.kind, 'full', JSON.stringify(r));
  });

  await t.test('politeness under a concurrent worker: one request at a time, at least the host delay apart', async () => {
    // A second server is a second host (host:port); its pages take 60 ms to answer.
    const polite = await startFixtureServer();
    t.after(() => polite.close());
    let inFlight = 0;
    let maxInFlight = 0;
    const spans: { start: number; end: number }[] = [];
    const slowPage = (body: string) => async (_req: any, res: any) => {
      const start = Date.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 60));
      inFlight--;
      res.writeHead(200, { 'content-type': 'text/html' }).end(body);
      spans.push({ start, end: Date.now() });
    };
    const paths = Array.from({ length: 6 }, (_, i) => `/p/2025/07/18/polite-page-number-${i}`);
    for (const p of paths) polite.set(p, slowPage(fixture('harbour.html')));
    polite.set('/robots.txt', slowPage('User-agent: *\nAllow: /\n'));
    polite.set('/f.xml', slowPage(`<?xml version="1.0"?><rss version="2.0"><channel><title>Polite</title>${paths.map((p, i) => `<item><title>Polite ${i}</title><link>${polite.origin}${p}</link><guid>pol-${i}</guid></item>`).join('')}</channel></rss>`));
    const delayMs = 150;
    const politeConfig = testConfig(dbUrl, { TIDINGS_FETCH_HOST_DELAY_MS: String(delayMs) });
    const { source } = await addSource(store, { name: 'polite', feedUrl: polite.url('/f.xml') });
    await enqueuePoll(store, source.id, source.nextFetchAt!);
    await runUntilIdle(store, politeConfig);
    const arts = await listSourceArticles(store, source.id);
    assert.equal(arts.length, 6);
    assert.ok(arts.every((a) => a.status === 'extracted'));
    assert.equal(maxInFlight, 1, 'never two requests to one host at once');
    spans.sort((a, b) => a.start - b.start);
    // robots.txt may already be cached when the OS gives this server a port an earlier test's host used.
    assert.ok(spans.length === 7 || spans.length === 8, `feed, six pages and at most one robots.txt (${spans.length} requests)`);
    for (let i = 1; i < spans.length; i++) {
      const gap = spans[i].start - spans[i - 1].end;
      assert.ok(gap >= delayMs - 15, `request ${i} started ${gap} ms after the previous one ended (delay ${delayMs} ms)`);
    }
  });

  await t.test('host slots: one request at a time per host, spaced by the delay', async () => {
    const host = 'slots.example:443';
    const now = 1_000_000;
    assert.deepEqual(await claimHost(store, host, { now, delayMs: 1000, leaseMs: 60_000 }), { claimed: true });
    const busy = await claimHost(store, host, { now: now + 10, delayMs: 1000, leaseMs: 60_000, random: () => 0 });
    assert.equal(busy.claimed, false);
    await releaseHost(store, host, { now: now + 500, delayMs: 1000 });
    const early = await claimHost(store, host, { now: now + 600, delayMs: 1000, leaseMs: 60_000, random: () => 0 });
    assert.deepEqual(early, { claimed: false, retryAt: now + 1500, reason: `host ${host} polite delay` });
    assert.deepEqual(await claimHost(store, host, { now: now + 1500, delayMs: 1000, leaseMs: 60_000 }), { claimed: true });
    await releaseHost(store, host, { now: now + 1600, delayMs: 1000, backoffUntil: now + 100_000 });
    const backing = await claimHost(store, host, { now: now + 5000, delayMs: 1000, leaseMs: 60_000, random: () => 0 });
    assert.equal(backing.claimed, false);
    assert.equal((backing as any).retryAt, now + 100_000);
    // A claim whose worker died expires with its lease.
    assert.deepEqual(await claimHost(store, host, { now: now + 100_000, delayMs: 1000, leaseMs: 60_000 }), { claimed: true });
    assert.deepEqual(await claimHost(store, host, { now: now + 160_001, delayMs: 1000, leaseMs: 60_000 }), { claimed: true });
  });
});
