import { parseCommandArgs, intOption } from './args.ts';
import { openRuntime, onShutdownSignal } from '../runtime.ts';
import { Worker } from '../jobs/worker.ts';
import { allHandlers } from '../jobs/handlers.ts';
import { log } from '../log.ts';

export const help = `Usage: tidings worker [--concurrency N] [--kinds KIND,KIND] [--drain-ms MS]

Runs job handlers from the queue until SIGTERM or SIGINT. Any number of workers on any
number of machines can share one database. On SIGTERM the worker stops leasing, lets
running jobs finish (up to --drain-ms), and hands the rest back to the queue.

Options:
  --concurrency N   jobs run at once (default TIDINGS_WORKER_CONCURRENCY, 4)
  --kinds LIST      only run these job kinds (comma-separated)
  --lease-ms MS     lease length (default TIDINGS_JOB_LEASE_MS)
  --drain-ms MS     time allowed to finish running jobs on shutdown (default 10000)
  -h, --help        show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { concurrency: { type: 'string' }, kinds: { type: 'string' }, 'lease-ms': { type: 'string' }, 'drain-ms': { type: 'string' } }, help);
  if (!args) return 0;
  const concurrency = intOption(args.values.concurrency, 'concurrency', { min: 1 });
  const leaseMs = intOption(args.values['lease-ms'], 'lease-ms', { min: 100 });
  const drainMs = intOption(args.values['drain-ms'], 'drain-ms') ?? 10_000;
  const { config, store } = await openRuntime();
  const handlers = allHandlers();
  const kinds = args.values.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds?.filter((k) => !handlers[k]);
  if (unknown?.length) throw new (await import('./args.ts')).UsageError(`unknown job kind(s): ${unknown.join(', ')}; known: ${Object.keys(handlers).join(', ')}`);
  const worker = new Worker(store, config, handlers, log, { concurrency: concurrency ?? Math.max(1, config.TIDINGS_WORKER_CONCURRENCY), leaseMs: leaseMs ?? config.TIDINGS_JOB_LEASE_MS, kinds });
  worker.start();
  onShutdownSignal(async () => {
    await worker.stop(drainMs);
    await store.close();
  });
  return new Promise<number>(() => undefined);
}
