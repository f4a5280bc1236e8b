/**
 * Hostile servers against the fetcher (src/ingest/fetch.ts), all on 127.0.0.1: compression
 * bombs, endless and trickling bodies, silent servers, and redirects or DNS answers that
 * lead to private addresses. Every fetch must come back as a tagged `FetchResult` (never a
 * throw), before a watchdog, with memory that does not grow with what the server sends.
 *
 * The server is on a loopback address, which the default address policy refuses. Tests
 * that need to reach it give the fetcher a resolver mapping "news.test" to 127.0.0.1 and a
 * policy that lets exactly that name through and judges everything else with the real
 * `addressBlockReason`. Tests of the default policy use no override at all.
 */
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { createFetcher, type Fetcher, type FetcherSettings, type FetchResult } from '../../src/ingest/fetch.ts';
import { addressBlockReason } from '../../src/ingest/address.ts';
import { startFixtureServer, file, hang, huge, redirect, trickle } from '../support/fixture-server.ts';

const WATCHDOG_MS = 30_000;
const MAX_BYTES = 1024 * 1024;

const srv = await startFixtureServer();
after(() => srv.close());
const PORT = srv.port;

type LookupAnswer = { address: string; family: number }[];
/** A resolver for the test names; anything else does not resolve (no network in tests). */
function lookupFrom(table: Record<string, LookupAnswer>): FetcherSettings['lookup'] {
  return (hostname, _opts, cb) => {
    const answer = table[hostname.toLowerCase()];
    if (!answer) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }) as NodeJS.ErrnoException;
      setImmediate(() => cb(err, []));
      return;
    }
    setImmediate(() => cb(null, answer));
  };
}

const LOOP4 = [{ address: '127.0.0.1', family: 4 }];
const NAMES: Record<string, LookupAnswer> = {
  'news.test': LOOP4,
  'intranet.test': LOOP4,
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'lan.test': [{ address: '10.1.2.3', family: 4 }, { address: '192.168.1.1', family: 4 }],
  'mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'ula.test': [{ address: 'fd00::1', family: 6 }],
  localhost: LOOP4,
};

/** The real policy, except that news.test may reach the fixture server. */
const testPolicy = (address: string, hostname: string): string | null => {
  if (hostname === 'news.test' && address === '127.0.0.1') return null;
  const reason = addressBlockReason(address);
  return reason ? `${address} is a ${reason} address` : null;
};

const settings: FetcherSettings = {
  userAgent: 'TidingsHostile/1',
  timeoutMs: 3_000,
  connectTimeoutMs: 1_500,
  maxBytes: MAX_BYTES,
  maxRedirects: 5,
  allowPrivate: false,
  lookup: lookupFrom(NAMES),
  addressPolicy: testPolicy,
};
const fetcher = createFetcher(settings);
after(() => fetcher.close());
const news = (path: string) => `http://news.test:${PORT}${path}`;

/** Fetches with a watchdog; a throw or a hang fails the test with a clear message. */
async function guarded(f: Fetcher, url: string): Promise<FetchResult> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`fetch ${url} did not return within ${WATCHDOG_MS} ms`)), WATCHDOG_MS);
  });
  try {
    return await Promise.race([
      f.fetch(url).catch((err: unknown) => {
        throw new Error(`fetch ${url} threw instead of returning a result: ${(err as Error)?.stack ?? err}`);
      }),
      watchdog,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` while sampling memory; returns its result and the peak growth of RSS + array buffers (MB). */
async function withMemoryWatch<T>(fn: () => Promise<T>): Promise<{ value: T; peakGrowthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  const baseBytes = base.rss;
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss - baseBytes);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await fn();
    sample();
    return { value, peakGrowthMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

function brief(r: FetchResult): string {
  return JSON.stringify({ ...r, bytes: 'bytes' in r ? `${r.bytes.length} bytes` : undefined });
}

/** Streams a compressor fed with zeros for as long as the client reads; counts the compressed bytes sent. */
function endlessCompressed(encoding: 'gzip' | 'br'): ((req: IncomingMessage, res: ServerResponse) => void) & { sent: () => number } {
  let sent = 0;
  const route = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
    const z = encoding === 'gzip' ? createGzip({ level: 1 }) : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    const zeros = Buffer.alloc(1024 * 1024);
    let closed = false;
    req.socket.on('close', () => {
      closed = true;
      z.destroy();
    });
    z.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (!res.write(chunk)) {
        z.pause();
        res.once('drain', () => z.resume());
      }
    });
    z.on('error', () => undefined);
    const pump = () => {
      while (!closed && z.write(zeros));
      if (!closed) z.once('drain', pump);
    };
    pump();
  };
  return Object.assign(route, { sent: () => sent });
}

test('gzip bomb (64 MB of zeros in 64 KB) is cut at maxBytes', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  srv.set('/gzip-bomb', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb));
  const { value: r, peakGrowthMb } = await withMemoryWatch(() => guarded(fetcher, news('/gzip-bomb')));
  assert.equal(r.kind, 'too-large', brief(r));
  assert.ok(peakGrowthMb < 48, `memory grew by ${peakGrowthMb} MB while reading a bomb with a ${MAX_BYTES / 1048576} MB cap`);
});

test('endless gzip stream is cut at maxBytes, streaming', async () => {
  const route = endlessCompressed('gzip');
  srv.set('/gzip-endless', route);
  const { value: r, peakGrowthMb } = await withMemoryWatch(() => guarded(fetcher, news('/gzip-endless')));
  assert.equal(r.kind, 'too-large', brief(r));
  assert.ok(peakGrowthMb < 64, `memory grew by ${peakGrowthMb} MB`);
  // Zeros compress about 1000:1; a client reading to the end would have pulled far more.
  assert.ok(route.sent() < 8 * 1024 * 1024, `server sent ${route.sent()} compressed bytes before the client stopped`);
});

test('endless brotli stream (a brotli bomb) is cut at maxBytes, streaming', async () => {
  const route = endlessCompressed('br');
  srv.set('/br-endless', route);
  const { value: r, peakGrowthMb } = await withMemoryWatch(() => guarded(fetcher, news('/br-endless')));
  assert.equal(r.kind, 'too-large', brief(r));
  assert.ok(peakGrowthMb < 64, `memory grew by ${peakGrowthMb} MB`);
  assert.ok(route.sent() < 8 * 1024 * 1024, `server sent ${route.sent()} compressed bytes before the client stopped`);
});

test('deflate with garbage after a valid start is an error value, not a throw', async () => {
  const body = Buffer.concat([gzipSync(Buffer.from('<html>ok')).subarray(0, 12), Buffer.from('not deflate at all, just noise '.repeat(50))]);
  srv.set('/bad-gzip', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(body));
  srv.set('/unknown-encoding', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd-bogus' }).end('abc'));
  for (const path of ['/bad-gzip', '/unknown-encoding']) {
    const r = await guarded(fetcher, news(path));
    assert.notEqual(r.kind, 'ok', `${path}: ${brief(r)}`);
  }
});

test('endless plain response is cut at maxBytes; the server sees the client leave', async () => {
  const route = huge(1e12);
  srv.set('/endless', route);
  const { value: r, peakGrowthMb } = await withMemoryWatch(() => guarded(fetcher, news('/endless')));
  assert.equal(r.kind, 'too-large', brief(r));
  assert.ok(peakGrowthMb < 64, `memory grew by ${peakGrowthMb} MB`);
  await new Promise((res) => setTimeout(res, 200));
  const written = route.written();
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(route.written(), written, 'the server is still sending: the connection was not closed');
});

test('a declared Content-Length over the cap is refused before reading', async () => {
  const route = huge(50 * 1024 * 1024, { declareLength: true });
  srv.set('/declared-huge', route);
  const r = await guarded(fetcher, news('/declared-huge'));
  assert.equal(r.kind, 'too-large', brief(r));
});

test('a trickling body (1 byte per 500 ms) is cut by the total timeout', async () => {
  srv.set('/trickle', trickle(500));
  const r = await guarded(fetcher, news('/trickle'));
  assert.equal(r.kind, 'timeout', brief(r));
});

test('a server that never answers is cut by the header timeout', async () => {
  srv.set('/hang', hang());
  const r = await guarded(fetcher, news('/hang'));
  assert.equal(r.kind, 'timeout', brief(r));
});

test('a server that sends headers byte by byte is cut by the timeouts', async () => {
  srv.set('/slow-headers', (req, res) => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: ' + 'a'.repeat(100) + '\r\n\r\nbody';
    let i = 0;
    const socket = req.socket;
    const t = setInterval(() => {
      if (i >= head.length || socket.destroyed) return clearInterval(t);
      socket.write(head[i++]!);
    }, 100);
    socket.on('close', () => clearInterval(t));
    void res;
  });
  const r = await guarded(fetcher, news('/slow-headers'));
  assert.equal(r.kind, 'timeout', brief(r));
});

const privateTargets: { name: string; location: string }[] = [
  { name: 'loopback IP', location: `http://127.0.0.1:${PORT}/secret` },
  { name: 'loopback IP, other form (127.1)', location: `http://127.1:${PORT}/secret` },
  { name: 'loopback IP as a decimal number', location: `http://2130706433:${PORT}/secret` },
  { name: 'loopback IP in hex', location: `http://0x7f.0.0.1:${PORT}/secret` },
  { name: 'IPv4-mapped IPv6 loopback', location: `http://[::ffff:127.0.0.1]:${PORT}/secret` },
  { name: 'IPv6 loopback', location: `http://[::1]:${PORT}/secret` },
  { name: 'unspecified address', location: `http://0.0.0.0:${PORT}/secret` },
  { name: 'cloud metadata IP', location: 'http://169.254.169.254/latest/meta-data/' },
  { name: 'private 10/8', location: 'http://10.0.0.1/' },
  { name: 'name resolving to loopback', location: `http://intranet.test:${PORT}/secret` },
  { name: 'localhost', location: `http://localhost:${PORT}/secret` },
  { name: 'name resolving to the metadata address', location: 'http://metadata.test/latest/meta-data/' },
  { name: 'name resolving to two LAN addresses', location: 'http://lan.test/' },
  { name: 'name resolving to a mapped loopback', location: `http://mapped.test:${PORT}/secret` },
  { name: 'name resolving to an IPv6 ULA', location: 'http://ula.test/' },
  { name: 'file: URL', location: 'file:///etc/passwd' },
  { name: 'gopher: URL', location: `gopher://127.0.0.1:${PORT}/_GET` },
  { name: 'credentials in the URL', location: `http://user:pass@news.test:${PORT}/secret` },
];

test('redirects to private addresses and other schemes are blocked, never followed', async (t) => {
  srv.set('/secret', file('internal secret', 'text/plain'));
  for (const target of privateTargets) {
    await t.test(target.name, async () => {
      const path = `/to-${encodeURIComponent(target.name)}`;
      srv.set(path, redirect(302, target.location));
      const before = srv.hits('/secret');
      const r = await guarded(fetcher, news(path));
      assert.ok(r.kind === 'blocked' || r.kind === 'redirect-error', `${target.location}: ${brief(r)}`);
      assert.equal(srv.hits('/secret'), before, 'the private target was reached');
    });
  }
});

test('the default policy (allowPrivate false, no override) refuses loopback by IP and by DNS answer', async () => {
  const strict = createFetcher({ ...settings, addressPolicy: undefined });
  after(() => strict.close());
  srv.set('/secret', file('internal secret', 'text/plain'));
  const before = srv.hits('/secret');
  for (const url of [`http://127.0.0.1:${PORT}/secret`, `http://intranet.test:${PORT}/secret`, `http://mapped.test:${PORT}/secret`, `http://[::1]:${PORT}/secret`]) {
    const r = await guarded(strict, url);
    assert.equal(r.kind, 'blocked', `${url}: ${brief(r)}`);
  }
  assert.equal(srv.hits('/secret'), before, 'a private address was reached');
});

test('a DNS answer that changes between hops (rebinding) is judged again on every connection', async () => {
  let calls = 0;
  const rebinding = createFetcher({
    ...settings,
    // First answer: the "public" server; every later answer: the metadata address.
    lookup: (hostname, opts, cb) => {
      if (hostname !== 'rebind.test') return lookupFrom(NAMES)!(hostname, opts, cb);
      calls++;
      setImmediate(() => cb(null, calls === 1 ? LOOP4 : [{ address: '169.254.169.254', family: 4 }]));
    },
    addressPolicy: (address, hostname) => (hostname === 'rebind.test' && address === '127.0.0.1' ? null : testPolicy(address, hostname)),
  });
  after(() => rebinding.close());
  srv.set('/final', file('should not be reached with a rebound address', 'text/plain'));
  // "Connection: close" makes every hop open a new connection, so the name is resolved again.
  srv.set('/hop', (_req, res) => void res.writeHead(302, { location: `http://rebind.test:${PORT}/again`, connection: 'close' }).end());
  srv.set('/again', (_req, res) => void res.writeHead(302, { location: `http://rebind.test:${PORT}/final`, connection: 'close' }).end());
  const r = await guarded(rebinding, `http://rebind.test:${PORT}/hop`);
  assert.ok(calls >= 2, `the name was resolved ${calls} time(s)`);
  assert.equal(r.kind, 'blocked', brief(r));
  assert.equal(srv.hits('/final'), 0);
});

test('redirect storms end as redirect errors', async () => {
  for (let i = 0; i < 20; i++) srv.set(`/storm-${i}`, redirect(307, `/storm-${i + 1}`));
  srv.set('/self', redirect(301, '/self'));
  srv.set('/bad-location', (_req, res) => void res.writeHead(302, { location: 'http://[::1' }).end());
  for (const path of ['/storm-0', '/self', '/bad-location']) {
    const r = await guarded(fetcher, news(path));
    assert.ok(r.kind === 'redirect-error' || r.kind === 'blocked', `${path}: ${brief(r)}`);
  }
});

test('malformed URLs are error values', async () => {
  for (const url of ['', 'not a url', 'http://', 'http://[zz]/', 'javascript:alert(1)', 'data:text/html,x', `http://news.test:99999/`]) {
    const r = await guarded(fetcher, url);
    assert.notEqual(r.kind, 'ok', `${url}: ${brief(r)}`);
  }
});
