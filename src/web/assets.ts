/**
 * Static assets (CSS and the small script), served under content-hashed names with a
 * one-year immutable cache: a new build gets new names, so browsers never keep a stale copy.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';

interface Asset {
  path: string;
  body: string;
  type: string;
}

function load(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, ext] = file.split('.');
  return { path: `/assets/${name}.${hash}.${ext}`, body, type };
}

const css = load('app.css', 'text/css; charset=utf-8');
const js = load('app.js', 'text/javascript; charset=utf-8');

export const ASSETS = { css: css.path, js: js.path };

export function assetRoutes(): Hono {
  const app = new Hono();
  for (const a of [css, js]) {
    app.get(a.path, (c) => c.body(a.body, 200, { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=31536000, immutable' }));
  }
  return app;
}
