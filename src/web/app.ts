/**
 * The web application: operational routes, static assets, the site (pages, accounts,
 * comments, admin), outgoing feeds and the JSON API. Built from the store and config so
 * that tests can call `app.request('/path')` without a listening server.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import { log as rootLog, type Logger } from '../log.ts';
import { opsRoutes } from './ops.ts';
import { requestContext, securityHeaders } from './middleware.ts';
import { siteRoutes } from './site.tsx';
import { assetRoutes } from './assets.ts';
import { accountRoutes } from './accounts.tsx';
import { adminRoutes } from './admin.tsx';
import { feedRoutes } from './feeds.ts';
import { apiRoutes } from './api.ts';
import { loadSession, isValidCsrf, type WebEnv, setTrustedProxies } from './session.ts';

export interface AppDeps {
  store: Store;
  config: Config;
  log?: Logger;
}

const FORM_BODY_LIMIT = 64 * 1024;

const ERROR_PAGE = (title: string, message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Tidings</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the front page</a></p></main></body></html>`;

export function createApp(deps: AppDeps): Hono {
  const log = deps.log ?? rootLog;
  setTrustedProxies(deps.config.TIDINGS_TRUST_PROXY);
  const app = new Hono<WebEnv>();
  app.use('*', requestContext(log));
  app.use('*', securityHeaders());
  app.route('/', opsRoutes(deps.store));
  app.route('/', assetRoutes());
  app.route('/api/v1', apiRoutes(deps));

  app.use('*', loadSession(deps.store));
  // Every state-changing form post carries the CSRF token (see session.ts); the API uses tokens instead.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    return bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (cc) => cc.html(ERROR_PAGE('Too large', 'That form was too large.'), 413) })(c, async () => {
      if (!(await isValidCsrf(c))) {
        return void (c.res = c.html(ERROR_PAGE('Form expired', 'This form was not accepted (its security token is missing or out of date). Go back, reload the page and try again.'), 403));
      }
      await next();
    });
  });
  app.route('/', accountRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', siteRoutes(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { id: 'not-found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404);
    return c.html(ERROR_PAGE('Not found', 'There is no page at this address.'), 404);
  });
  app.onError((err, c) => {
    log.error({ err, path: c.req.path }, 'unhandled error');
    if (c.req.path.startsWith('/api/')) return c.json({ error: { id: 'internal', message: 'Something went wrong on our side.' } }, 500);
    return c.html(ERROR_PAGE('Something went wrong', 'The error was logged.'), 500);
  });
  return app as unknown as Hono;
}
