import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/feeds`;

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'parse-feed', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

test('--json prints one line per file, in order, and never fails on bad files', () => {
  const files = [`${fixtures}/rss20-basic/feed.xml`, `${fixtures}/html-page/feed.html`, `${root}does-not-exist.xml`, fixtures];
  const r = cli(['--json', ...files]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.file, l.ok]), files.map((f, i) => [f, i === 0]));
  const [ok, html, missing, dir] = lines;
  assert.deepEqual(Object.keys(ok), ['file', 'ok', 'feed', 'items']);
  assert.deepEqual(Object.keys(ok.feed), ['title', 'link', 'description', 'language', 'updated']);
  assert.deepEqual(Object.keys(ok.items[0]), ['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content']);
  assert.equal(ok.feed.title, 'The Daily Example');
  assert.equal(ok.items.length, 3);
  assert.match(html.error, /HTML page/);
  assert.match(missing.error, /ENOENT|no such file/);
  assert.match(dir.error, /not a regular file/);
});

test('a parse that runs past --timeout-ms becomes an error line', (t) => {
  // 20,000 items with HTML take far more than a millisecond on any machine.
  const dir = mkdtempSync(join(tmpdir(), 'tidings-parse-feed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const items = Array.from({ length: 20_000 }, (_, i) => `<item><title>${i}</title><description>&lt;p&gt;${i}&lt;/p&gt;</description></item>`).join('');
  const file = join(dir, 'big.xml');
  writeFileSync(file, `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`);
  const r = cli(['--json', '--timeout-ms', '1', file]);
  assert.equal(r.status, 0, r.stderr);
  const line = JSON.parse(r.stdout.trim());
  assert.equal(line.ok, false);
  assert.match(line.error, /timeout/);
});

test('without --json prints a summary; bad arguments exit 2', () => {
  const r = cli([`${fixtures}/atom10-basic/feed.xml`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"Example Atom Newsroom", 2 items/);
  assert.equal(cli([]).status, 2);
  assert.equal(cli(['--json', '--max-items', 'x', 'f.xml']).status, 2);
});
