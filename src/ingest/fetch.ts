/**
 * The one HTTP client of the ingest pipeline. Every outcome a remote server can cause is
 * a value of `FetchResult`, sorted once here (as Miniflux's response handler does), so
 * callers never read status codes or error classes again. Only bugs throw.
 *
 * Safety:
 * - Only http and https. Each hop's address is checked by the connection's own DNS lookup
 *   (`connect.lookup` of the undici Agent), so the address judged is the address connected
 *   to, and a DNS answer that changes between check and use (rebinding) does not get
 *   through. IP literals skip DNS, so they are judged before connecting.
 * - Redirects are followed here, one hop at a time (`maxRedirects`, loops detected), so
 *   each hop passes the same checks. A chain of permanent redirects (301/308) from the
 *   requested URL is reported so the caller can update a stored feed URL.
 * - The body is read as a stream and decoded (gzip, deflate, br) as it arrives, counting
 *   the DECODED bytes, so a compression bomb stops at `maxBytes` instead of filling memory.
 * - Timeouts: connect + response headers (`connectTimeoutMs`), and a total deadline
 *   (`timeoutMs`) that also cuts off a server trickling its body.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { addressBlockReason, isIpLiteral } from './address.ts';
import type { Config } from '../config.ts';

export type FetchResult =
  | { kind: 'ok'; status: number; finalUrl: string; headers: Record<string, string>; bytes: Uint8Array; redirects: number; permanentRedirect?: string }
  | { kind: 'not-modified'; finalUrl: string }
  | { kind: 'gone'; status: number; finalUrl: string }
  | { kind: 'http-error'; status: number; finalUrl: string; retryAfterMs?: number }
  | { kind: 'rate-limited'; status: number; finalUrl: string; retryAfterMs: number }
  | { kind: 'too-large'; limitBytes: number; finalUrl: string }
  | { kind: 'timeout'; message: string; finalUrl: string }
  | { kind: 'blocked'; reason: string; finalUrl: string }
  | { kind: 'redirect-error'; message: string; finalUrl: string }
  | { kind: 'network-error'; message: string; finalUrl: string };

export type FetchResultKind = FetchResult['kind'];

export interface FetchOptions {
  /** Accept header (default: HTML first). */
  accept?: string;
  /** Validators from the last 200, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

type LookupFn = (hostname: string, options: { all: true }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export interface FetcherSettings {
  userAgent: string;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivate: boolean;
  /** DNS resolver (tests map names to 127.0.0.1 with it). Default: the system resolver. */
  lookup?: LookupFn;
  /**
   * Decides whether an address may be connected to; returns the reason to refuse, or null.
   * Default: reserved ranges are refused unless `allowPrivate`.
   */
  addressPolicy?: (address: string, hostname: string) => string | null;
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export const ACCEPT_FEED = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5';
export const ACCEPT_HTML = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Raised inside the connection's lookup; recognised by its code when classifying. */
class BlockedAddressError extends Error {
  readonly code = 'ETIDINGS_BLOCKED';
}

export function settingsFromConfig(config: Config): FetcherSettings {
  return {
    userAgent: config.TIDINGS_USER_AGENT,
    timeoutMs: config.TIDINGS_FETCH_TIMEOUT_MS,
    connectTimeoutMs: config.TIDINGS_FETCH_CONNECT_TIMEOUT_MS,
    maxBytes: config.TIDINGS_FETCH_MAX_BYTES,
    maxRedirects: config.TIDINGS_FETCH_MAX_REDIRECTS,
    allowPrivate: config.TIDINGS_FETCH_ALLOW_PRIVATE,
  };
}

const fetchers = new WeakMap<Config, Fetcher>();
/** One shared fetcher (and connection pool) per configuration. */
export function fetcherFor(config: Config): Fetcher {
  let f = fetchers.get(config);
  if (!f) {
    f = createFetcher(settingsFromConfig(config));
    fetchers.set(config, f);
  }
  return f;
}

/** Closes the shared fetcher of a configuration (its idle connections would keep a command alive). */
export async function closeFetcherFor(config: Config): Promise<void> {
  const f = fetchers.get(config);
  fetchers.delete(config);
  await f?.close();
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'content-language', 'retry-after', 'cache-control', 'expires', 'date', 'link', 'x-robots-tag'];

function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

class TooLargeError extends Error {}

/** Drops a body we will not read; undici reports the abort as an error event, which is expected here. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * Reads a body stream to bytes, decoding `encoding` on the fly, and stops (destroying the
 * streams) as soon as the decoded size passes `maxBytes`.
 */
async function readBody(body: Readable, encoding: string | undefined, maxBytes: number): Promise<Uint8Array> {
  const e = (encoding ?? '').trim().toLowerCase();
  const chunks: Buffer[] = [];
  let total = 0;
  const take = (chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLargeError(`body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  };
  if (e === '' || e === 'identity') {
    try {
      for await (const chunk of body) take(chunk as Buffer);
    } finally {
      discard(body);
    }
    return Buffer.concat(chunks);
  }
  let decoder: Transform | null;
  if (e === 'gzip' || e === 'x-gzip') decoder = createGunzip();
  else if (e === 'br') decoder = createBrotliDecompress();
  else if (e === 'deflate') decoder = null;
  else throw new Error(`unsupported content-encoding "${encoding}"`);

  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    body.on('error', () => undefined);
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      body.destroy();
      decoder?.destroy();
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const attach = (d: Transform) => {
      decoder = d;
      d.on('data', (chunk: Buffer) => {
        try {
          take(chunk);
        } catch (err) {
          finish(err as Error);
        }
      });
      d.on('end', () => finish(null));
      d.on('error', (err) => finish(new Error(`cannot decode ${e} body: ${err.message}`, { cause: err })));
    };
    if (decoder) attach(decoder);
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (!decoder) {
        // "deflate" is meant to be zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw
        // DEFLATE; a zlib stream starts with a CMF byte whose low nibble is 8.
        attach((chunk[0] & 0x0f) === 8 ? createInflate() : createInflateRaw());
      }
      // Backpressure: pause the socket while the decoder is full.
      if (!decoder!.write(chunk)) {
        body.pause();
        decoder!.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      if (!decoder) finish(null);
      else decoder.end();
    });
    body.on('error', (err) => finish(err));
  });
}

function errorCode(err: unknown): string {
  let e: any = err;
  for (let i = 0; e && i < 5; i++, e = e.cause) {
    if (typeof e.code === 'string' && e.code) return e.code;
  }
  return '';
}

function errorMessage(err: unknown): string {
  const parts: string[] = [];
  let e: any = err;
  for (let i = 0; e && i < 4; i++, e = e.cause) if (e.message && !parts.includes(e.message)) parts.push(e.message);
  return parts.join(': ') || String(err);
}

function findBlocked(err: unknown): BlockedAddressError | null {
  let e: any = err;
  for (let i = 0; e && i < 6; i++, e = e.cause) {
    if (e instanceof BlockedAddressError) return e;
    if (Array.isArray(e.errors)) for (const x of e.errors) if (x instanceof BlockedAddressError) return x;
  }
  return null;
}

export function createFetcher(settings: FetcherSettings): Fetcher {
  const policy =
    settings.addressPolicy ??
    ((address: string) => {
      if (settings.allowPrivate) return null;
      const reason = addressBlockReason(address);
      return reason ? `${address} is a ${reason} address` : null;
    });
  const resolve: LookupFn = settings.lookup ?? ((host, opts, cb) => dnsLookup(host, opts, cb));

  // net.connect calls lookup with {all: true} when it may try several addresses (Node 20's
  // autoSelectFamily), otherwise expects (err, address, family). Both are served here, and
  // only addresses the policy accepts are handed back.
  const guardedLookup = (hostname: string, options: any, callback: (...args: any[]) => void) => {
    resolve(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err);
      const allowed: LookupAddress[] = [];
      let reason = '';
      for (const a of addresses ?? []) {
        const r = policy(a.address, hostname);
        if (r) reason ||= r;
        else if (!options?.family || options.family === a.family) allowed.push(a);
      }
      if (!allowed.length) return callback(new BlockedAddressError(`${hostname}: ${reason || 'no usable address'}`));
      if (options?.all) callback(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };

  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs, lookup: guardedLookup as any },
    headersTimeout: settings.connectTimeoutMs,
    bodyTimeout: settings.timeoutMs,
    keepAliveTimeout: 4_000,
    connections: 8,
  });

  async function fetchOnce(url: URL, opts: FetchOptions, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      'user-agent': settings.userAgent,
      accept: opts.accept ?? ACCEPT_HTML,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    return request(url, { method: 'GET', headers, dispatcher: agent, signal });
  }

  async function doFetch(startUrl: string, opts: FetchOptions = {}): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(startUrl);
    } catch {
      return { kind: 'network-error', message: `not a URL: "${startUrl}"`, finalUrl: startUrl };
    }
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
    const seen = new Set<string>();
    let redirects = 0;
    let permanentRedirect: string | undefined;
    let allPermanent = true;
    for (;;) {
      const here = url.href;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'blocked', reason: `scheme ${url.protocol} is not fetched`, finalUrl: here };
      if (url.username || url.password) return { kind: 'blocked', reason: 'URLs with credentials are not fetched', finalUrl: here };
      if (isIpLiteral(url.hostname)) {
        const r = policy(url.hostname.replace(/^\[|\]$/g, ''), url.hostname);
        if (r) return { kind: 'blocked', reason: r, finalUrl: here };
      }
      seen.add(here);
      let res: Dispatcher.ResponseData;
      try {
        res = await fetchOnce(url, redirects === 0 ? opts : { ...opts, etag: null, lastModified: null }, signal);
      } catch (err) {
        return classifyError(err, here, deadline, opts.signal);
      }
      const status = res.statusCode;
      const h = res.headers;
      if ([301, 302, 303, 307, 308].includes(status)) {
        discard(res.body);
        const location = firstHeader(h, 'location');
        if (!location) return { kind: 'http-error', status, finalUrl: here };
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return { kind: 'redirect-error', message: `bad Location "${location}"`, finalUrl: here };
        }
        next.hash = '';
        if (seen.has(next.href)) return { kind: 'redirect-error', message: `redirect loop at ${next.href}`, finalUrl: here };
        if (redirects >= settings.maxRedirects) return { kind: 'redirect-error', message: `more than ${settings.maxRedirects} redirects`, finalUrl: here };
        redirects++;
        if (allPermanent && (status === 301 || status === 308)) permanentRedirect = next.href;
        else allPermanent = false;
        url = next;
        continue;
      }
      const finalUrl = here;
      if (status === 304) {
        discard(res.body);
        return { kind: 'not-modified', finalUrl };
      }
      if (status === 410) {
        discard(res.body);
        return { kind: 'gone', status, finalUrl };
      }
      const retryAfterMs = parseRetryAfter(firstHeader(h, 'retry-after'));
      if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
        discard(res.body);
        return { kind: 'rate-limited', status, finalUrl, retryAfterMs: retryAfterMs ?? 60_000 };
      }
      if (status < 200 || status >= 300) {
        discard(res.body);
        return retryAfterMs === undefined ? { kind: 'http-error', status, finalUrl } : { kind: 'http-error', status, finalUrl, retryAfterMs };
      }
      // A declared length over the cap is refused without reading a byte of the body.
      const declared = Number(firstHeader(h, 'content-length') ?? NaN);
      const encoding = firstHeader(h, 'content-encoding');
      if (Number.isFinite(declared) && declared > settings.maxBytes && (!encoding || encoding === 'identity')) {
        discard(res.body);
        return { kind: 'too-large', limitBytes: settings.maxBytes, finalUrl };
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(res.body, encoding, settings.maxBytes);
      } catch (err) {
        if (err instanceof TooLargeError) return { kind: 'too-large', limitBytes: settings.maxBytes, finalUrl };
        return classifyError(err, finalUrl, deadline, opts.signal);
      }
      const kept: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const v = firstHeader(h, name);
        if (v !== undefined) kept[name] = v;
      }
      const result: FetchResult = { kind: 'ok', status, finalUrl, headers: kept, bytes, redirects };
      if (permanentRedirect) result.permanentRedirect = permanentRedirect;
      return result;
    }
  }

  function classifyError(err: unknown, finalUrl: string, deadline: AbortSignal, callerSignal?: AbortSignal): FetchResult {
    const blocked = findBlocked(err);
    if (blocked) return { kind: 'blocked', reason: blocked.message, finalUrl };
    const code = errorCode(err);
    if (deadline.aborted) return { kind: 'timeout', message: `no complete response within ${settings.timeoutMs} ms`, finalUrl };
    if (callerSignal?.aborted) throw callerSignal.reason ?? err; // the job was cancelled: not the server's doing
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
      return { kind: 'timeout', message: errorMessage(err), finalUrl };
    }
    return { kind: 'network-error', message: errorMessage(err), finalUrl };
  }

  return {
    fetch: doFetch,
    close: () => agent.close(),
  };
}

/** One line for logs and the source's last_error: "fetch URL: what happened". */
export function describeFetchResult(r: FetchResult): string {
  switch (r.kind) {
    case 'ok':
      return `${r.status} (${r.bytes.length} bytes)`;
    case 'not-modified':
      return 'not modified';
    case 'gone':
      return `${r.status} gone`;
    case 'http-error':
      return `HTTP ${r.status}${r.retryAfterMs !== undefined ? `, retry after ${Math.round(r.retryAfterMs / 1000)}s` : ''}`;
    case 'rate-limited':
      return `HTTP ${r.status}, rate limited, retry after ${Math.round(r.retryAfterMs / 1000)}s`;
    case 'too-large':
      return `body larger than ${r.limitBytes} bytes`;
    case 'timeout':
      return `timeout: ${r.message}`;
    case 'blocked':
      return `blocked: ${r.reason}`;
    case 'redirect-error':
      return `redirect error: ${r.message}`;
    case 'network-error':
      return `network error: ${r.message}`;
  }
}
