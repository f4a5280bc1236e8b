/**
 * Who is asking: the session cookie, the CSRF token, the client address, and guards for
 * roles. Sessions live in the database (only a hash of the cookie token is stored).
 *
 * CSRF: every form carries `_csrf`. For a signed-in reader it must equal the session's
 * token; for an anonymous one (sign-in, sign-up, the Ask box) it must equal the value of
 * the `tid_csrf` cookie (double submit). Both cookies are httpOnly and SameSite=Lax, and
 * Secure when the site is served over TLS.
 *
 * Rate limits (counted in the database table `rate_limits`, so they hold across web
 * processes) are declared in RATE_LIMITS below and checked by the routes that name them.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import { baseUrl } from '../config.ts';
import { sessionFromToken, randomToken, hitRateLimit, type User, type Role } from '../store/users.ts';

export const SESSION_COOKIE = 'tid_session';
export const CSRF_COOKIE = 'tid_csrf';

export type WebEnv = {
  Variables: {
    user: User | null;
    sessionToken: string | null;
    sessionCsrf: string | null;
    requestId: string;
  };
};
export type WebContext = Context<WebEnv>;

/** Rate limits: [limit, window]. Keys add who acts: the client address or the account. */
export const RATE_LIMITS = {
  signinIp: { limit: 10, windowMs: 15 * 60_000 },
  signinEmail: { limit: 5, windowMs: 15 * 60_000 },
  signupIp: { limit: 5, windowMs: 60 * 60_000 },
  commentUser: { limit: 10, windowMs: 10 * 60_000 },
  commentIp: { limit: 30, windowMs: 10 * 60_000 },
  askIp: { limit: 30, windowMs: 60_000 },
  apiWriteToken: { limit: 30, windowMs: 10 * 60_000 },
} as const;

export function isSecure(c: Context, config: Config): boolean {
  return baseUrl(config).startsWith('https:') || new URL(c.req.url).protocol === 'https:';
}

/**
 * The client address. By default the socket's (@hono/node-server); requests made in tests
 * with `app.request()` have none and count as "local". Forwarded headers are trusted only
 * for the number of proxies configured (TIDINGS_TRUST_PROXY): behind N proxies the client
 * is the Nth address from the right of X-Forwarded-For, since each proxy appends the peer
 * it saw and anything further left was written by the client itself.
 */
let trustedProxies = 0;
export function setTrustedProxies(n: number): void {
  trustedProxies = n;
}

export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'local';
  if (trustedProxies <= 0) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return hops.length >= trustedProxies ? hops[hops.length - trustedProxies]! : socket;
}

export function loadSession(store: Store): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionToken', null);
    c.set('sessionCsrf', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const s = await sessionFromToken(store, token);
      if (s && !s.user.isBanned) {
        c.set('user', s.user);
        c.set('sessionToken', token);
        c.set('sessionCsrf', s.csrf);
      }
    }
    await next();
  };
}

/** The CSRF token for forms on this response; sets the anonymous cookie when needed. */
export function csrfToken(c: WebContext, config: Config): string {
  const s = c.get('sessionCsrf');
  if (s) return s;
  let t = getCookie(c, CSRF_COOKIE);
  if (!t || !/^[\w-]{20,64}$/.test(t)) {
    t = randomToken(24);
    setCookie(c, CSRF_COOKIE, t, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c, config), path: '/', maxAge: 60 * 60 * 24 * 30 });
  }
  // Pages that carry a per-reader token must not be stored by shared caches.
  c.header('Cache-Control', 'private, no-store');
  return t;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks the `_csrf` form field (or X-CSRF-Token header) of a POST. */
export async function isValidCsrf(c: WebContext): Promise<boolean> {
  let sent = c.req.header('x-csrf-token') ?? '';
  if (!sent) {
    const ct = c.req.header('content-type') ?? '';
    if (ct.includes('application/x-www-form-urlencoded') || ct.includes('multipart/form-data')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : '';
    }
  }
  if (!sent) return false;
  const expected = c.get('sessionCsrf') ?? getCookie(c, CSRF_COOKIE) ?? '';
  return !!expected && same(sent, expected);
}

export function setSessionCookie(c: Context, config: Config, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c, config), path: '/', expires: new Date(expiresAt) });
}
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function hasRole(user: User | null, role: Role): boolean {
  if (!user || user.isBanned) return false;
  const rank = { reader: 0, moderator: 1, admin: 2 } as const;
  return rank[user.role] >= rank[role];
}

export async function isRateLimited(c: Context, store: Store, name: keyof typeof RATE_LIMITS, who: string): Promise<number | null> {
  const r = RATE_LIMITS[name];
  const hit = await hitRateLimit(store, `${name}:${who}`, r.limit, r.windowMs);
  if (hit.isLimited) {
    c.header('Retry-After', String(hit.retryAfterS));
    return hit.retryAfterS;
  }
  return null;
}
