/**
 * The web application: operational routes plus the site. Built from the store and
 * config so that tests can call `app.request('/path')` without a listening server.
 */
import { Hono } from 'hono';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import { log as rootLog, type Logger } from '../log.ts';
import { opsRoutes } from './ops.ts';
import { requestContext, securityHeaders } from './middleware.ts';
import { siteRoutes } from './site.tsx';

export interface AppDeps {
  store: Store;
  config: Config;
  log?: Logger;
}

export function createApp(deps: AppDeps): Hono {
  const log = deps.log ?? rootLog;
  const app = new Hono();
  app.use('*', requestContext(log));
  app.use('*', securityHeaders());
  app.route('/', opsRoutes(deps.store));
  app.route('/', siteRoutes(deps));
  app.onError((err, c) => {
    log.error({ err, path: c.req.path }, 'unhandled error');
    if (c.req.path.startsWith('/api/')) return c.json({ error: { id: 'internal', message: 'Something went wrong on our side.' } }, 500);
    return c.html('<!doctype html><title>Error</title><h1>Something went wrong</h1><p>The error was logged.</p>', 500);
  });
  return app;
}
