/**
 * Start-up shared by the commands that need the database: load the configuration,
 * open the store, apply migrations.
 */
import { loadConfig, type Config } from './config.ts';
import { openStore, migrateToLatest, type Store } from './store/db.ts';
import { log } from './log.ts';
import { setDefaultMaxAttempts } from './store/jobs.ts';

export interface Runtime {
  config: Config;
  store: Store;
}

export async function openRuntime({ migrate = true }: { migrate?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig();
  log.level = config.TIDINGS_LOG_LEVEL;
  setDefaultMaxAttempts(config.TIDINGS_JOB_MAX_ATTEMPTS);
  const store = openStore(config.TIDINGS_DATABASE_URL, {
    poolSize: config.TIDINGS_DB_POOL_SIZE,
    onPoolError: (err) => log.warn({ err: err.message }, 'database connection lost; the pool will reconnect'),
  });
  if (migrate) {
    const applied = await migrateToLatest(store);
    if (applied.length) log.info({ applied }, 'migrations applied');
  }
  return { config, store };
}

/** Resolves on the first SIGTERM or SIGINT; a second one exits at once. */
export function onShutdownSignal(fn: (signal: string) => Promise<void>): void {
  let shuttingDown = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (shuttingDown) process.exit(130);
      shuttingDown = true;
      log.info({ signal: sig }, 'shutting down');
      fn(sig).then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'error during shutdown');
          process.exit(1);
        },
      );
    });
  }
}
