import cluster from 'node:cluster';
import { serve as serveHttp } from '@hono/node-server';
import { parseCommandArgs, intOption } from './args.ts';
import { openRuntime, onShutdownSignal } from '../runtime.ts';
import { createApp } from '../web/app.ts';
import { Worker } from '../jobs/worker.ts';
import { allHandlers } from '../jobs/handlers.ts';
import { log } from '../log.ts';
import { baseUrl } from '../config.ts';

export const help = `Usage: tidings serve [--host HOST] [--port PORT] [--workers N] [--cluster N]

Runs the web server on TIDINGS_HOST:TIDINGS_PORT (127.0.0.1:8080 by default) with an
in-process worker, so one command is a whole system.

Options:
  --host HOST     listen address (overrides TIDINGS_HOST)
  --port PORT     listen port (overrides TIDINGS_PORT)
  --workers N     jobs the in-process worker runs at once; 0 runs no worker
                  (default TIDINGS_WORKER_CONCURRENCY, 4)
  --cluster N     run N web processes sharing the port (needs --workers 0 or
                  PostgreSQL; default 1)
  -h, --help      show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { host: { type: 'string' }, port: { type: 'string' }, workers: { type: 'string' }, cluster: { type: 'string' } }, help);
  if (!args) return 0;
  const port = intOption(args.values.port, 'port');
  if (port !== undefined && port > 65535) throw new (await import('./args.ts')).UsageError('--port must be at most 65535');
  const workers = intOption(args.values.workers, 'workers');
  const clusterSize = intOption(args.values.cluster, 'cluster', { min: 1 }) ?? 1;
  if (args.values.host) process.env.TIDINGS_HOST = args.values.host;
  if (port !== undefined) process.env.TIDINGS_PORT = String(port);

  if (clusterSize > 1 && cluster.isPrimary) {
    // The primary only supervises: it migrates once, then forks web processes that share the port.
    const { store } = await openRuntime();
    await store.close();
    for (let i = 0; i < clusterSize; i++) cluster.fork({ TIDINGS_CLUSTER_CHILD: '1' });
    cluster.on('exit', (w, code, signal) => {
      if (!shuttingDown) {
        log.warn({ pid: w.process.pid, code, signal }, 'web process exited; starting another');
        cluster.fork({ TIDINGS_CLUSTER_CHILD: '1' });
      }
    });
    let shuttingDown = false;
    onShutdownSignal(async () => {
      shuttingDown = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      while (Object.keys(cluster.workers ?? {}).length) await new Promise((r) => setTimeout(r, 100));
    });
    return new Promise<number>(() => undefined);
  }

  const { config, store } = await openRuntime({ migrate: !process.env.TIDINGS_CLUSTER_CHILD });
  const concurrency = workers ?? config.TIDINGS_WORKER_CONCURRENCY;
  if (clusterSize > 1 && concurrency > 0 && store.kind === 'sqlite') {
    log.warn('several web processes on SQLite each run a worker; consider --workers 0 and one `tidings worker`');
  }
  const worker = concurrency > 0 ? new Worker(store, config, allHandlers(), log, { concurrency, leaseMs: config.TIDINGS_JOB_LEASE_MS }) : null;
  const app = createApp({ store, config });
  if (!process.env.TIDINGS_CLUSTER_CHILD) {
    const { onFirstStart } = await import('../first-start.ts');
    await onFirstStart({ store, config });
  }
  const server = serveHttp({ fetch: app.fetch, hostname: config.TIDINGS_HOST, port: config.TIDINGS_PORT }, (info) => {
    log.info({ url: `http://${info.address}:${info.port}`, publicUrl: baseUrl(config), database: store.kind, worker: concurrency }, 'tidings is serving');
  });
  server.on('error', (err) => {
    log.fatal({ err }, 'web server failed to start');
    process.exit(1);
  });
  worker?.start();
  onShutdownSignal(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker?.stop();
    await store.close();
  });
  return new Promise<number>(() => undefined);
}
