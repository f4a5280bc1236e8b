/**
 * End-to-end ingest throughput: 50 outlets x 20 items = 1,000 articles served by loopback
 * HTTP servers (one per outlet, so 50 hosts), through the real pipeline on SQLite:
 * poll-source (conditional GET, parse, upsert) and fetch-article (host slot, robots.txt,
 * guarded fetch, charset, extraction, sanitizing, store), run by a Worker.
 *
 * Baseline, measured in the same run on the same pages: plain `fetch` of each feed and
 * page with the same concurrency, then bare Readability over linkedom, no store, no
 * politeness, no safety checks: the floor cost of "download and extract".
 *
 * TIDINGS_FETCH_HOST_DELAY_MS is 0 here: with the default 1 s between requests to one
 * host, 20 articles per outlet would take 20 s per outlet whatever the code does, and
 * the bench would measure the delay instead of the pipeline. Robots.txt is still fetched
 * (once per host), and host slots are still claimed and released for every request.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { openStore, migrateToLatest } from '../src/store/db.ts';
import { loadConfig } from '../src/config.ts';
import { log } from '../src/log.ts';
import { Worker } from '../src/jobs/worker.ts';
import { pollSourceHandler, enqueuePoll } from '../src/jobs/poll-source.ts';
import { fetchArticleHandler } from '../src/jobs/fetch-article.ts';
import { addSource } from '../src/store/sources.ts';
import { countPendingJobs } from '../src/store/articles.ts';
import type { JobHandler } from '../src/jobs/types.ts';
import { startFixtureServer, file, type FixtureServer } from '../test/support/fixture-server.ts';
import { table } from '../scripts/report.ts';
import { jobsProcessed } from '../src/metrics.ts';

export const title = 'Ingest throughput (fetch + extract)';

const OUTLETS = 50;
const ITEMS = 20;
const CONCURRENCY = 4;

const FIXTURES = new URL('../test/fixtures/ingest/', import.meta.url);
const PARAGRAPHS = ['harbour.html', 'council.html', 'rail.html'].flatMap((f) => [...readFileSync(new URL(f, FIXTURES), 'utf8').matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]));

function articlePage(outlet: number, item: number, origin: string): { path: string; html: string; title: string } {
  const title = `Outlet ${outlet} report number ${item} on the harbour, the night bus and the coastal line`;
  const path = `/news/2025/07/${String(1 + (item % 28)).padStart(2, '0')}/report-${outlet}-${item}-harbour-bus-rail`;
  const paras: string[] = [];
  for (let i = 0; i < 12; i++) paras.push(`<p>${PARAGRAPHS[(outlet * 7 + item * 3 + i) % PARAGRAPHS.length]}</p>`);
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const related = Array.from({ length: 8 }, (_, i) => `<li><a href="/news/2025/06/0${1 + (i % 9)}/related-${outlet}-${i}">Related story ${i} from outlet ${outlet}</a></li>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Outlet ${outlet}</title>
<meta property="og:site_name" content="Outlet ${outlet}"><meta property="article:published_time" content="2025-07-18T08:00:00Z">
<link rel="canonical" href="${origin}${path}"><style>body{font-family:serif}</style><script>window.dataLayer=[];</script></head>
<body><header><nav><ul>${nav}</ul></nav></header><main><article><h1>${title}</h1><p class="byline">By Reporter ${item}</p>
${paras.join('\n')}
</article><aside><h2>Related</h2><ul>${related}</ul></aside></main><footer><p>&copy; Outlet ${outlet}</p></footer></body></html>`;
  return { path, html, title };
}

function feedXml(outlet: number, origin: string, pages: { path: string; title: string }[]): string {
  const items = pages
    .map((p, i) => `<item><title>${p.title}</title><link>${origin}${p.path}</link><guid isPermaLink="false">o${outlet}-i${i}</guid><pubDate>${new Date(Date.UTC(2025, 6, 18, 8, 0) - i * 3600_000).toUTCString()}</pubDate><description>Summary of report ${i}.</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${outlet}</title><link>${origin}/</link>${items}</channel></rss>`;
}

async function startOutlets(): Promise<{ servers: FixtureServer[]; feeds: string[]; pages: string[] }> {
  const servers: FixtureServer[] = [];
  const feeds: string[] = [];
  const pages: string[] = [];
  for (let o = 0; o < OUTLETS; o++) {
    const srv = await startFixtureServer();
    const list = Array.from({ length: ITEMS }, (_, i) => articlePage(o, i, srv.origin));
    for (const p of list) {
      srv.set(p.path, file(p.html, 'text/html; charset=utf-8', { encoding: 'gzip' }));
      pages.push(srv.url(p.path));
    }
    srv.set('/feed.xml', file(feedXml(o, srv.origin, list), 'application/rss+xml; charset=utf-8', { encoding: 'gzip' }));
    srv.set('/robots.txt', file('User-agent: *\nDisallow: /private/\n', 'text/plain'));
    servers.push(srv);
    feeds.push(srv.url('/feed.xml'));
  }
  return { servers, feeds, pages };
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function baseline(feeds: string[], pages: string[]): Promise<{ seconds: number; extracted: number }> {
  const t0 = performance.now();
  let extracted = 0;
  await pool(feeds, CONCURRENCY, async (u) => void (await (await fetch(u)).text()));
  await pool(pages, CONCURRENCY, async (u) => {
    const html = await (await fetch(u)).text();
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    if (article?.textContent && article.textContent.length > 500) extracted++;
  });
  return { seconds: (performance.now() - t0) / 1000, extracted };
}

async function pipeline(feeds: string[]): Promise<{ seconds: number; extracted: number; partial: number; failed: number; deferred: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-ingest-'));
  const url = `sqlite:${join(dir, 'bench.db')}`;
  const store = openStore(url);
  try {
    await migrateToLatest(store);
    const config = loadConfig(
      { TIDINGS_DATABASE_URL: url, TIDINGS_FETCH_ALLOW_PRIVATE: 'true', TIDINGS_FETCH_HOST_DELAY_MS: '0', TIDINGS_LOG_LEVEL: 'silent', TIDINGS_WORKER_CONCURRENCY: String(CONCURRENCY) },
      { configFile: '' },
    );
    const quiet = log.child({});
    quiet.level = 'silent';
    const now = Date.now();
    for (let i = 0; i < feeds.length; i++) {
      const { source } = await addSource(store, { name: `Outlet ${i}`, feedUrl: feeds[i], nextFetchAt: now }, now);
      await enqueuePoll(store, source.id, now);
    }
    const handlers: Record<string, JobHandler> = { 'poll-source': pollSourceHandler as JobHandler, 'fetch-article': fetchArticleHandler as JobHandler };
    const t0 = performance.now();
    const worker = new Worker(store, config, handlers, quiet, { concurrency: CONCURRENCY, leaseMs: 60_000, idleMs: 20 });
    worker.start();
    let idle = 0;
    while (idle < 2) {
      await new Promise((r) => setTimeout(r, 25));
      const pending = await countPendingJobs(store, Object.keys(handlers), Date.now() + 5000);
      idle = pending === 0 && worker.activeCount === 0 ? idle + 1 : 0;
    }
    const seconds = (performance.now() - t0) / 1000;
    await worker.stop(1000);
    const counts = (await jobsProcessed.get()).values;
    const deferred = counts.filter((v) => v.labels.outcome === 'deferred').reduce((a, v) => a + v.value, 0);
    const rows = await store.db.selectFrom('articles').select(['status', 'is_partial']).execute();
    return {
      seconds,
      extracted: rows.filter((r) => r.status === 'extracted' && r.is_partial === 0).length,
      partial: rows.filter((r) => r.status === 'extracted' && r.is_partial === 1).length,
      failed: rows.filter((r) => r.status !== 'extracted').length,
      deferred,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string> {
  const load = loadavg()[0];
  const { servers, feeds, pages } = await startOutlets();
  try {
    await baseline(feeds.slice(0, 2), pages.slice(0, 40)); // warm up the JIT and sockets
    const base = await baseline(feeds, pages);
    const full = await pipeline(feeds);
    const n = OUTLETS * ITEMS;
    const rows = [
      ['baseline: fetch + Readability (linkedom), no store', base.seconds.toFixed(2), (n / base.seconds).toFixed(1), `${base.extracted} extracted`],
      ['Tidings: poll-source + fetch-article on SQLite (Worker)', full.seconds.toFixed(2), (n / full.seconds).toFixed(1), `${full.extracted} full, ${full.partial} partial, ${full.failed} other; ${full.deferred} jobs deferred (host busy)`],
    ];
    return [
      `${OUTLETS} outlets x ${ITEMS} items = ${n} articles, each outlet on its own loopback server (50 hosts), pages about 9 KB gzip-compressed; concurrency ${CONCURRENCY} in both runs. TIDINGS_FETCH_HOST_DELAY_MS=0 (see the module comment: the default 1 s per host would dominate); robots.txt fetched once per host; SQLite in a temporary file. Load average when the run started: ${load.toFixed(1)} (the machine is shared; compare the two rows, not runs).`,
      '',
      table(['run', 'seconds', 'articles/s', 'result'], rows),
      '',
      `The pipeline costs ${(full.seconds / base.seconds).toFixed(1)}x the baseline: it adds feed parsing, per-host slots (two writes per request), robots.txt, charset detection, our cleanup and sanitizing on top of Readability, the article and body writes, and the queue (lease, complete, enqueue of the next stage per article).`,
    ].join('\n');
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
