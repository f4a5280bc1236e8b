/** Placeholder site until the website issue lands: a home page listing the latest articles. */
import { Hono } from 'hono';
import type { AppDeps } from './app.ts';

export function siteRoutes({ store }: AppDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const articles = await store.db.selectFrom('articles').select(['id', 'title', 'url', 'published_at']).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(50).execute();
    return c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Tidings</title>
        </head>
        <body>
          <h1>Tidings</h1>
          <ul>
            {articles.map((a) => (
              <li>
                <a href={a.url} rel="noopener noreferrer">
                  {a.title}
                </a>
              </li>
            ))}
          </ul>
          {articles.length === 0 && <p>No articles yet. Add an outlet with <code>tidings add URL</code>.</p>}
        </body>
      </html>,
    );
  });
  return app;
}
