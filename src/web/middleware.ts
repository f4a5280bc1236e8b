/** Request id, access log, metrics and security headers for every response. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import { httpDuration, httpRequests } from '../metrics.ts';

export function requestContext(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId' as never, requestId as never);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    // Label by the matched route pattern, never the raw path (bounded cardinality).
    const route = c.res.status === 404 ? 'unmatched' : routePath(c) || 'unmatched';
    httpRequests.inc({ route, method: c.req.method, status: String(c.res.status) });
    httpDuration.observe({ route }, durationMs / 1000);
    if (route !== '/healthz' && route !== '/metrics') {
      log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, durationMs: Math.round(durationMs) }, 'request');
    }
  };
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Content-Security-Policy')) {
      // No inline scripts or styles anywhere; outlet images from https, embeds only from the players the sanitizer allows.
      c.header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }
  };
}
