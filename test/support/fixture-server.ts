/**
 * A real HTTP server on 127.0.0.1 for ingest tests and benchmarks: feeds and pages in the
 * shapes the internet serves them (conditional GET, compression, redirects, errors, slow,
 * endless and hostile bodies). Routes are plain functions of the request, so a test can
 * change what a path returns between two polls.
 *
 *   const srv = await startFixtureServer({ '/feed.xml': file(xml, 'application/rss+xml') });
 *   srv.url('/feed.xml'); srv.hits('/feed.xml'); srv.set('/x', status(500)); await srv.close();
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync, deflateRawSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FixtureServer {
  port: number;
  origin: string;
  url(path: string): string;
  /** Replaces (or adds) the route for a path. */
  set(path: string, route: Route): void;
  /** Requests received for a path (path without query). */
  hits(path: string): number;
  /** Request headers of the last request for a path. */
  lastHeaders(path: string): Record<string, string | string[] | undefined> | undefined;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const hitCount = new Map<string, number>();
  const headersSeen = new Map<string, IncomingMessage['headers']>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hitCount.set(path, (hitCount.get(path) ?? 0) + 1);
    headersSeen.set(path, req.headers);
    const route = table.get(path) ?? table.get('*');
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(route(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  // Hanging routes keep sockets open; close() must not wait for them.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path) => origin + path,
    set: (path, route) => void table.set(path, route),
    hits: (path) => hitCount.get(path) ?? 0,
    lastHeaders: (path) => headersSeen.get(path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface FileOptions {
  status?: number;
  headers?: Record<string, string>;
  /** Send an ETag and Last-Modified and answer a matching conditional GET with 304. */
  validators?: { etag?: string; lastModified?: string };
  /** Compress the body when the client accepts it. */
  encoding?: 'gzip' | 'br' | 'deflate' | 'deflate-raw';
}

/** A static body with a content type; optional validators (304) and compression. */
export function file(body: string | Uint8Array, contentType: string, opts: FileOptions = {}): Route {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return (req, res) => {
    const headers: Record<string, string> = { 'content-type': contentType, ...opts.headers };
    const v = opts.validators;
    if (v?.etag) headers.etag = v.etag;
    if (v?.lastModified) headers['last-modified'] = v.lastModified;
    if (v && ((v.etag && req.headers['if-none-match'] === v.etag) || (v.lastModified && !v.etag && req.headers['if-modified-since'] === v.lastModified))) {
      res.writeHead(304, headers).end();
      return;
    }
    let out = raw;
    if (opts.encoding) {
      const wire = opts.encoding === 'deflate-raw' ? 'deflate' : opts.encoding;
      out = opts.encoding === 'gzip' ? gzipSync(raw) : opts.encoding === 'br' ? brotliCompressSync(raw) : opts.encoding === 'deflate' ? deflateSync(raw) : deflateRawSync(raw);
      headers['content-encoding'] = wire;
    }
    headers['content-length'] = String(out.length);
    res.writeHead(opts.status ?? 200, headers).end(out);
  };
}

export function status(code: number, headers: Record<string, string> = {}, body = ''): Route {
  return (_req, res) => void res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(body);
}

export function redirect(code: 301 | 302 | 303 | 307 | 308, location: string): Route {
  return (_req, res) => void res.writeHead(code, { location }).end();
}

/** Accepts the request and never answers. */
export function hang(): Route {
  return () => new Promise<void>(() => undefined);
}

/** Sends headers, then one byte every `everyMs`, for ever. */
export function trickle(everyMs = 200): Route {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    const t = setInterval(() => res.write('.'), everyMs);
    req.socket.on('close', () => clearInterval(t));
  };
}

/**
 * Streams `totalBytes` of filler, chunked (no content length unless `declareLength`),
 * recording how many bytes were actually written before the client hung up.
 */
export function huge(totalBytes: number, opts: { declareLength?: boolean } = {}): Route & { written: () => number } {
  let written = 0;
  const route: Route = (req, res) => {
    const headers: Record<string, string> = { 'content-type': 'text/html' };
    if (opts.declareLength) headers['content-length'] = String(totalBytes);
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let closed = false;
    req.socket.on('close', () => (closed = true));
    const pump = () => {
      while (!closed && sent < totalBytes) {
        const n = Math.min(chunk.length, totalBytes - sent);
        sent += n;
        written += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) res.end();
    };
    pump();
  };
  return Object.assign(route, { written: () => written });
}

/** A small gzip body that inflates to `inflatedBytes` of zeros. */
export function gzipBomb(inflatedBytes: number, contentType = 'text/html'): Route {
  const bomb = gzipSync(Buffer.alloc(inflatedBytes, 0), { level: 9 });
  return (_req, res) => void res.writeHead(200, { 'content-type': contentType, 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
}

/** A route whose answer changes on each request: the n-th request (from 0) gets routes[min(n, last)]. */
export function sequence(...routes: Route[]): Route {
  let n = 0;
  return (req, res) => routes[Math.min(n++, routes.length - 1)](req, res);
}
