// Starts a throwaway PostgreSQL server for tests: initdb and pg_ctl on a temporary
// directory, listening on 127.0.0.1 at a free port. As root, the binaries run as the
// `postgres` user (initdb refuses root). Plain JavaScript so scripts/test.mjs can use it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

export function findPgBin() {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {}
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  return null;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runAs(bin, args, user) {
  const r = user ? spawnSync('runuser', ['-u', user, '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Returns { url, dir, stop(), restart() } or throws when PostgreSQL is not installed. */
export async function startPgServer() {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (install the postgresql package)');
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'tidings-pg-'));
  if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
  const data = join(dir, 'data');
  runAs(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], user);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const ctl = (...args) => runAs(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args], user);
  ctl('-o', opts, 'start');
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    bin,
    restart() {
      ctl('-o', opts, '-m', 'fast', 'restart');
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
