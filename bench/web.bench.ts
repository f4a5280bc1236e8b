/**
 * The website under load on loopback: the article page (seed column with its reading
 * result, body with sentence anchors, hashtags, comments, related articles) and search
 * (common and rare terms, a phrase, a filtered query), with 100,000 synthetic articles on
 * SQLite. Baseline: /healthz of the same server in the same run, the ceiling of the HTTP
 * stack on this machine. autocannon, 10 connections, a few seconds per route.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-ignore autocannon ships no type declarations
import autocannon from 'autocannon';
import { openStore, migrateToLatest, type Store } from '../src/store/db.ts';
import { indexArticles } from '../src/store/search.ts';
import { saveRead } from '../src/store/reads.ts';
import { readArticle } from '../src/read/index.ts';
import { createApp } from '../src/web/app.ts';
import { loadConfig } from '../src/config.ts';
import { table } from '../scripts/report.ts';
import { loadSeed } from '../test/support/seed.ts';
import { startServer } from '../test/web/browser.ts';

export const title = 'Website under load (100,000 articles, SQLite)';

const N = Number(process.env.TIDINGS_BENCH_ARTICLES ?? 100_000);
const SECONDS = Number(process.env.TIDINGS_BENCH_SECONDS ?? 8);

function words(): string[] {
  // A Zipf-like vocabulary: a few very common words, many rare ones.
  const syll = ['ka', 'lo', 'mer', 'tan', 'vi', 'sor', 'del', 'pa', 'ri', 'gon', 'bel', 'tu', 'shan', 'or', 'ek', 'mu'];
  const out: string[] = ['ceasefire', 'government', 'minister', 'election', 'market', 'police', 'court', 'storm', 'talks', 'border'];
  for (let i = 0; out.length < 4000; i++) out.push(syll[i % 16]! + syll[Math.floor(i / 16) % 16]! + syll[Math.floor(i / 256) % 16]!);
  return out;
}

export interface BenchDb {
  target: number;
  now: number;
  vocab: string[];
  loadS: number;
}

/**
 * Builds the synthetic archive into an open, migrated store (deterministic: the same N
 * gives the same articles). `now` is stored as every row's created_at.
 */
export async function buildBenchDb(store: Store, n = N, now = Date.now()): Promise<BenchDb> {
  const db = store.sqlite!;
  const vocab = words();
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => vocab[Math.floor(vocab.length * Math.pow(rand(), 3))]!;
  const t0 = performance.now();
  const insSource = db.prepare('INSERT INTO sources (name, feed_url, site_url, kind, status, error_streak, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)');
  db.transaction(() => {
    for (let s = 1; s <= 200; s++) insSource.run(`Outlet ${s}`, `https://outlet${s}.example/feed`, `https://outlet${s}.example`, 'feed', 'active', now, now);
  })();
  const insArticle = db.prepare('INSERT INTO articles (id, source_id, guid, url, canonical_url, title, published_at, excerpt, status, is_partial, comment_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)');
  const insBody = db.prepare('INSERT INTO article_bodies (article_id, text, updated_at) VALUES (?, ?, ?)');
  const insTag = db.prepare('INSERT INTO article_hashtags (article_id, tag, tag_key, published_at) VALUES (?, ?, ?, ?)');
  for (let start = 1; start <= n; start += 5000) {
    const batch: { id: number; title: string; body: string }[] = [];
    db.transaction(() => {
      for (let id = start; id < Math.min(n + 1, start + 5000); id++) {
        const titleText = Array.from({ length: 8 }, pick).join(' ');
        const body = Array.from({ length: 12 }, () => Array.from({ length: 14 }, pick).join(' ') + '.').join(' ');
        const published = now - (n - id) * 30_000;
        insArticle.run(id, 1 + (id % 200), `g${id}`, `https://outlet${1 + (id % 200)}.example/a/${id}`, `https://outlet${1 + (id % 200)}.example/a/${id}`, titleText, published, body.slice(0, 200), 'placed', now, now);
        insBody.run(id, body, now);
        insTag.run(id, `Tag${id % 500}`, `tag${id % 500}`, published);
        batch.push({ id, title: titleText, body });
      }
    })();
    await indexArticles(store, batch);
  }
  const loadS = (performance.now() - t0) / 1000;
  // The article under test: the seed column, read by the engine, as the pipeline stores it.
  const column = loadSeed()[0]!;
  const target = n + 1;
  insArticle.run(target, 1, 'seed', 'https://chintan.example/column', 'https://chintan.example/column', column.title, now - 30 * 3600_000, null, 'placed', now, now);
  db.prepare('INSERT INTO article_bodies (article_id, text, html, updated_at) VALUES (?, ?, ?, ?)').run(target, column.text, column.text.split('\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join(''), now);
  await saveRead(store, target, 1, readArticle({ title: column.title, text: column.text, published: new Date(now - 30 * 3600_000) }));
  await indexArticles(store, [{ id: target, title: column.title, body: column.text }]);
  db.pragma('optimize');
  return { target, now, vocab, loadS };
}

/** Reopens a database built by `buildBenchDb` (TIDINGS_BENCH_DB, for profiling runs). */
export function describeBenchDb(store: Store): BenchDb {
  const db = store.sqlite!;
  const row = db.prepare("SELECT id, created_at FROM articles WHERE guid = 'seed'").get() as { id: number; created_at: number };
  return { target: row.id, now: row.created_at, vocab: words(), loadS: 0 };
}

export async function run(): Promise<string> {
  // TIDINGS_BENCH_DB=/tmp/x.db keeps the database between runs (built when missing).
  const keep = process.env.TIDINGS_BENCH_DB;
  const dir = keep ? null : mkdtempSync(join(tmpdir(), 'tidings-web-bench-'));
  const file = keep ?? join(dir!, 'bench.db');
  const reuse = !!keep && existsSync(file);
  const store = openStore(`sqlite:${file}`);
  try {
    await migrateToLatest(store);
    const { target, now, vocab, loadS } = reuse ? describeBenchDb(store) : await buildBenchDb(store);
    const config = loadConfig({ TIDINGS_SAMPLES: '0', TIDINGS_LOG_LEVEL: 'silent' }, { configFile: '' });
    const { log } = await import('../src/log.ts');
    log.level = 'silent';
    const app = createApp({ store, config, log });
    const server = await startServer(app);
    const routes: [string, string][] = [
      ['/healthz (ceiling)', '/healthz'],
      ['article page', `/articles/${target}`],
      ['search: common word', '/search?q=ceasefire'],
      ['search: rare word', `/search?q=${encodeURIComponent(vocab[3500]!)}`],
      ['search: phrase + prefix', `/search?q=${encodeURIComponent(`"${vocab[1]} ${vocab[2]}" gov*`)}`],
      ['search: common word, newest first', '/search?q=ceasefire&sort=recent'],
      ['search: filtered (hashtag)', '/search?q=minister&tag=tag7'],
      ['search: filtered (outlet, dates)', `/search?q=minister&outlet=7&from=${new Date(now - 5 * 86_400_000).toISOString().slice(0, 10)}`],
      ['API search (JSON)', '/api/v1/search?q=election&limit=20'],
      ['home page', '/'],
      ['outlet page', '/outlets/7'],
      ['hashtag page', '/hashtags/tag7'],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, path] of routes) {
      const check = await fetch(server.url + path);
      if (check.status !== 200) throw new Error(`${path}: ${check.status}`);
      await check.text();
      const r = await autocannon({ url: server.url + path, connections: 10, duration: SECONDS, pipelining: 1 });
      rows.push([name, Math.round(r.requests.average), r.latency.p50, r.latency.p99, r.non2xx]);
    }
    await server.close();
    return [
      `${N.toLocaleString('en-GB')} synthetic articles (8-word titles, 170-word bodies over a 4,000-word Zipf-like vocabulary, 200 outlets, 500 hashtags) inserted and indexed in ${loadS.toFixed(1)} s. The article page is the seed column with its stored reading result. autocannon, 10 connections, ${SECONDS} s per route, one Node.js process serving; the web process and autocannon share the machine's cores.`,
      '',
      table(['route', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx'], rows),
      '',
      'A filtered search with few candidates (an outlet, a hashtag, a few days) and a common word walks the candidates along an index and looks each up in FTS5, then scores the matches with bm25 in one pass over their rowid range; newest-first search of a word common in the newest articles looks up the newest articles one by one. Prefixes, phrases and rare words walk the FTS5 matches as before. Relevance is ranked (bm25 divided by an age factor) within the newest 2,000 matches, so a word found in nearly every article ("ceasefire" here) costs about as much as a rare one; snippets are cut from the first 6,000 characters of each hit. Rendered article bodies and parsed reading results are cached per article version in the process. The machine is shared with other jobs during the run, so compare each route with the /healthz ceiling of the same run rather than across runs.',
    ].join('\n');
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
