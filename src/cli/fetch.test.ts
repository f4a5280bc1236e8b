/**
 * The ingest commands as a person runs them (on a temporary SQLite file, against the
 * fixture server): add, fetch, sources, export-opml, import-opml, and usage errors.
 */
import assert from 'node:assert/strict';
import { UsageError } from './args.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, after } from 'node:test';
import { startFixtureServer, file } from '../../test/support/fixture-server.ts';

const srv = await startFixtureServer();
after(() => srv.close());
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8').replaceAll('{{ORIGIN}}', srv.origin);
srv.set('/', file(fixture('home.html'), 'text/html'));
srv.set('/feed.xml', file(fixture('feed.xml'), 'application/rss+xml'));
for (const [p, n] of Object.entries({
  '/news/2025/07/18/harbour-dredging-to-start-in-september': 'harbour.html',
  '/news/2025/07/17/council-keeps-night-bus': 'council.html',
  '/news/2025/07/16/coastal-rail-line-reopens': 'rail.html',
  '/premium/2025/07/15/fish-market-traders-fear-rent-rise': 'paywall.html',
})) srv.set(p, file(fixture(n), 'text/html'));

const dir = mkdtempSync(join(tmpdir(), 'tidings-cli-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs a command in this process (a child process per command would cost seconds of
 * start-up each): environment set for the command, console output captured, a
 * UsageError mapped to exit code 2 as src/cli.ts does.
 */
async function cli(args: string[], dataDir = join(dir, 'a')): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
    add: () => import('./add.ts'),
    fetch: () => import('./fetch.ts'),
    sources: () => import('./sources.ts'),
    'export-opml': () => import('./export-opml.ts'),
    'import-opml': () => import('./import-opml.ts'),
  };
  const saved = { ...process.env };
  delete process.env.TIDINGS_DATABASE_URL; // the database is the one in TIDINGS_DATA_DIR
  Object.assign(process.env, { TIDINGS_DATA_DIR: dataDir, TIDINGS_FETCH_ALLOW_PRIVATE: 'true', TIDINGS_FETCH_HOST_DELAY_MS: '0', TIDINGS_LOG_LEVEL: 'silent' });
  let stdout = '';
  let stderr = '';
  const { log: origLog, error: origError } = console;
  console.log = (...a: unknown[]) => void (stdout += a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void (stderr += a.join(' ') + '\n');
  try {
    const code = await (await commands[args[0]]()).run(args.slice(1));
    return { code, stdout, stderr };
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, stdout, stderr: stderr + err.message };
    throw err;
  } finally {
    console.log = origLog;
    console.error = origError;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

test('add a home page, fetch, list, export and import', async () => {
  const added = await cli(['add', srv.url('/'), '--folder', 'Coast']);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /added #1 The Portwell Courier/);
  assert.match(added.stdout, /announced by the page/);

  const again = await cli(['add', srv.url('/feed.xml')]);
  assert.match(again.stdout, /already following #1/);

  const fetched = await cli(['fetch', '1', '--json']);
  assert.equal(fetched.code, 0, fetched.stderr);
  const outcome = JSON.parse(fetched.stdout.trim());
  assert.equal(outcome.ok, true);
  assert.equal(outcome.newArticles, 4);
  assert.equal(outcome.extracted, 4);
  assert.equal(outcome.partial, 1);

  const listed = await cli(['sources', '--json']);
  const [s] = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(s.health, 'ok');
  assert.equal(s.articles, 4);
  assert.equal(s.folder, 'Coast');

  const exported = await cli(['export-opml']);
  assert.match(exported.stdout, /<outline text="Coast"/);
  const opml = join(dir, 'out.opml');
  writeFileSync(opml, exported.stdout);
  const imported = await cli(['import-opml', opml], join(dir, 'b'));
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /1 outlets added/);
  const listedB = await cli(['sources', '--json'], join(dir, 'b'));
  const [b] = listedB.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(b.feedUrl, srv.url('/feed.xml'));
  assert.equal(b.folder, 'Coast');
});

test('errors: usage (2) and remote failures (1)', async () => {
  assert.equal((await cli(['add'])).code, 2);
  assert.equal((await cli(['fetch', '--timeout-s', 'x'])).code, 2);
  const missing = await cli(['add', srv.url('/nothing-here')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /HTTP 404/);
  assert.equal((await cli(['fetch', '999'])).code, 1);
});
