import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { createFetcher, parseRetryAfter, type FetcherSettings, type FetchResult } from './fetch.ts';
import { startFixtureServer, file, status, redirect, hang, trickle, huge, gzipBomb, sequence } from '../../test/support/fixture-server.ts';

const srv = await startFixtureServer();
after(() => srv.close());

const base: FetcherSettings = { userAgent: 'TidingsTest/1', timeoutMs: 3000, connectTimeoutMs: 1000, maxBytes: 1024 * 1024, maxRedirects: 3, allowPrivate: true };
const fetcher = createFetcher(base);
after(() => fetcher.close());

function ok(r: FetchResult): Extract<FetchResult, { kind: 'ok' }> {
  assert.equal(r.kind, 'ok', `expected ok, got ${JSON.stringify({ ...r, bytes: undefined })}`);
  return r as Extract<FetchResult, { kind: 'ok' }>;
}

const text = (r: FetchResult) => Buffer.from(ok(r).bytes).toString('utf8');
const PAGE = '<html><body><p>' + 'Hello news. '.repeat(200) + '</p></body></html>';

test('plain 200 with user agent and kept headers', async () => {
  srv.set('/plain', file(PAGE, 'text/html; charset=utf-8', { headers: { 'x-other': '1' } }));
  const r = ok(await fetcher.fetch(srv.url('/plain')));
  assert.equal(Buffer.from(r.bytes).toString(), PAGE);
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(r.headers['x-other'], undefined);
  assert.equal(srv.lastHeaders('/plain')?.['user-agent'], 'TidingsTest/1');
});

test('conditional GET: validators sent, 304 -> not-modified', async () => {
  srv.set('/cond', file('<rss/>', 'application/rss+xml', { validators: { etag: '"v1"', lastModified: 'Sat, 19 Jul 2025 10:00:00 GMT' } }));
  const first = ok(await fetcher.fetch(srv.url('/cond')));
  assert.equal(first.headers.etag, '"v1"');
  const second = await fetcher.fetch(srv.url('/cond'), { etag: first.headers.etag, lastModified: first.headers['last-modified'] });
  assert.equal(second.kind, 'not-modified');
  assert.equal(srv.lastHeaders('/cond')?.['if-none-match'], '"v1"');
  assert.equal(srv.lastHeaders('/cond')?.['if-modified-since'], 'Sat, 19 Jul 2025 10:00:00 GMT');
});

for (const encoding of ['gzip', 'br', 'deflate', 'deflate-raw'] as const) {
  test(`decodes ${encoding}`, async () => {
    srv.set(`/enc-${encoding}`, file(PAGE, 'text/html', { encoding }));
    assert.equal(text(await fetcher.fetch(srv.url(`/enc-${encoding}`))), PAGE);
  });
}

test('redirects: followed, permanent chain reported, temporary one ends it', async () => {
  srv.set('/old', redirect(301, '/older'));
  srv.set('/older', redirect(308, '/new'));
  srv.set('/new', file('<rss/>', 'application/rss+xml'));
  const r = ok(await fetcher.fetch(srv.url('/old')));
  assert.equal(r.finalUrl, srv.url('/new'));
  assert.equal(r.redirects, 2);
  assert.equal(r.permanentRedirect, srv.url('/new'));

  srv.set('/temp', redirect(302, '/new'));
  const t = ok(await fetcher.fetch(srv.url('/temp')));
  assert.equal(t.permanentRedirect, undefined);

  srv.set('/p-then-t', redirect(301, '/temp'));
  const pt = ok(await fetcher.fetch(srv.url('/p-then-t')));
  assert.equal(pt.permanentRedirect, srv.url('/temp'), 'only the permanent prefix of the chain');
});

test('redirect loop and too many redirects', async () => {
  srv.set('/loop-a', redirect(302, '/loop-b'));
  srv.set('/loop-b', redirect(302, '/loop-a'));
  const loop = await fetcher.fetch(srv.url('/loop-a'));
  assert.equal(loop.kind, 'redirect-error');
  assert.match((loop as any).message, /loop/);
  for (let i = 0; i < 6; i++) srv.set(`/chain-${i}`, redirect(302, `/chain-${i + 1}`));
  const many = await fetcher.fetch(srv.url('/chain-0'));
  assert.equal(many.kind, 'redirect-error');
  assert.match((many as any).message, /more than 3/);
});

test('status codes are classified', async () => {
  const table: { name: string; route: ReturnType<typeof status>; want: Partial<FetchResult> }[] = [
    { name: '404', route: status(404), want: { kind: 'http-error', status: 404 } },
    { name: '410', route: status(410), want: { kind: 'gone', status: 410 } },
    { name: '500', route: status(500), want: { kind: 'http-error', status: 500 } },
    { name: '429 with seconds', route: status(429, { 'retry-after': '120' }), want: { kind: 'rate-limited', status: 429, retryAfterMs: 120_000 } },
    { name: '429 without retry-after', route: status(429), want: { kind: 'rate-limited', status: 429, retryAfterMs: 60_000 } },
    { name: '503 with retry-after', route: status(503, { 'retry-after': '30' }), want: { kind: 'rate-limited', status: 503, retryAfterMs: 30_000 } },
    { name: '503 bare', route: status(503), want: { kind: 'http-error', status: 503 } },
  ];
  for (const c of table) {
    const path = `/status-${c.name.replace(/\W+/g, "-")}`;
    srv.set(path, c.route);
    const r = await fetcher.fetch(srv.url(path));
    for (const [k, v] of Object.entries(c.want)) assert.equal((r as any)[k], v, `${c.name}: ${k} got ${(r as any)[k]} instead of ${v}`);
  }
});

test('a server that never answers is cut off by the header timeout', async () => {
  srv.set('/hang', hang());
  const r = await fetcher.fetch(srv.url('/hang'));
  assert.equal(r.kind, 'timeout');
});

test('a trickling body is cut off by the total timeout', async () => {
  const f = createFetcher({ ...base, timeoutMs: 1200 });
  after(() => f.close());
  srv.set('/trickle', trickle(100));
  const r = await f.fetch(srv.url('/trickle'));
  assert.equal(r.kind, 'timeout');
});

test('a 200 MB body stops at the cap without being read to the end', async () => {
  const body = huge(200 * 1024 * 1024);
  srv.set('/huge', body);
  const r = await fetcher.fetch(srv.url('/huge'));
  assert.equal(r.kind, 'too-large');
  await new Promise((res) => setTimeout(res, 100));
  assert.ok(body.written() < 50 * 1024 * 1024, `server wrote ${body.written()} bytes`);
  const declared = huge(200 * 1024 * 1024, { declareLength: true });
  srv.set('/huge-declared', declared);
  assert.equal((await fetcher.fetch(srv.url('/huge-declared'))).kind, 'too-large');
});

test('a gzip bomb stops at the decoded cap', async () => {
  srv.set('/bomb', gzipBomb(300 * 1024 * 1024));
  const before = process.memoryUsage().rss;
  const r = await fetcher.fetch(srv.url('/bomb'));
  assert.equal(r.kind, 'too-large');
  assert.ok(process.memoryUsage().rss - before < 150 * 1024 * 1024, 'did not inflate it all into memory');
});

test('private addresses are refused unless allowed, also after a redirect', async () => {
  // Hostnames resolved by a test resolver: both point at 127.0.0.1. The policy lets only
  // "allowed.test" through, as if it were a public address.
  const lookup = (_host: string, _o: any, cb: any) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
  const strict = createFetcher({
    ...base,
    allowPrivate: false,
    lookup,
    addressPolicy: (address, hostname) => (hostname === 'allowed.test' ? null : `${address} is a loopback address`),
  });
  after(() => strict.close());
  srv.set('/target', file('secret', 'text/plain'));
  srv.set('/to-evil', redirect(302, `http://evil.test:${srv.port}/target`));
  srv.set('/to-literal', redirect(302, `http://127.0.0.1:${srv.port}/target`));
  const direct = await strict.fetch(`http://evil.test:${srv.port}/target`);
  assert.equal(direct.kind, 'blocked');
  const hits = srv.hits('/target');
  const viaRedirect = await strict.fetch(`http://allowed.test:${srv.port}/to-evil`);
  assert.equal(viaRedirect.kind, 'blocked', JSON.stringify(viaRedirect));
  assert.equal(viaRedirect.finalUrl, `http://evil.test:${srv.port}/target`);
  const viaLiteral = await strict.fetch(`http://allowed.test:${srv.port}/to-literal`);
  assert.equal(viaLiteral.kind, 'blocked');
  assert.equal(srv.hits('/target'), hits, 'the private target was never reached');
  assert.equal(ok(await strict.fetch(`http://allowed.test:${srv.port}/target`)).finalUrl, `http://allowed.test:${srv.port}/target`);
});

test('default policy with the system resolver: localhost and literals are refused', async () => {
  const strict = createFetcher({ ...base, allowPrivate: false });
  after(() => strict.close());
  for (const u of [`http://localhost:${srv.port}/plain`, `http://127.0.0.1:${srv.port}/plain`, `http://[::1]:${srv.port}/plain`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/']) {
    const r = await strict.fetch(u);
    assert.equal(r.kind, 'blocked', `${u}: ${JSON.stringify(r)}`);
  }
  assert.equal((await strict.fetch('file:///etc/passwd')).kind, 'blocked');
  assert.equal((await strict.fetch('not a url')).kind, 'network-error');
});

test('connection refused is a network error', async () => {
  const closed = await startFixtureServer();
  const url = closed.url('/x');
  await closed.close();
  const r = await fetcher.fetch(url);
  assert.equal(r.kind, 'network-error');
});

test('recovers after errors (sequence 500, 200)', async () => {
  srv.set('/flaky', sequence(status(500), file('fine', 'text/plain')));
  assert.equal((await fetcher.fetch(srv.url('/flaky'))).kind, 'http-error');
  assert.equal(text(await fetcher.fetch(srv.url('/flaky'))), 'fine');
});

test('parseRetryAfter', () => {
  const now = Date.UTC(2025, 6, 19, 10, 0, 0);
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Sat, 19 Jul 2025 10:01:00 GMT', now), 60_000);
  assert.equal(parseRetryAfter('garbage', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});
