// Runs every *.test.ts under src/ and test/ with node's test runner through tsx.
// Node 20 neither expands globs given to --test nor discovers .ts files by itself.
//
// One PostgreSQL server is started for the whole run (each test file makes its own
// database in it) and its URL passed as TIDINGS_TEST_PG_URL. Without PostgreSQL the
// PostgreSQL variants are skipped, except in CI (CI=true), where that is a failure.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startPgServer } from '../test/support/pg-server.mjs';

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length ? only : [...walk('src', []), ...walk('test', [])].sort();
const env = { ...process.env, NODE_ENV: 'test' };
let pg = null;
if (!env.TIDINGS_TEST_PG_URL && env.TIDINGS_TEST_PG !== '0') {
  try {
    pg = await startPgServer();
    env.TIDINGS_TEST_PG_URL = pg.url;
    console.log(`# PostgreSQL for tests at ${pg.url}`);
  } catch (err) {
    console.log(`# PostgreSQL unavailable: ${err.message.split('\n')[0]}`);
    if (env.CI === 'true') {
      console.error('CI=true: PostgreSQL tests must not be skipped');
      process.exit(1);
    }
  }
}
const concurrency = env.TIDINGS_TEST_CONCURRENCY ?? '2';
const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', ...files], { stdio: 'inherit', env });
const stop = () => pg?.stop();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { child.kill(sig); });
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
