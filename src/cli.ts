#!/usr/bin/env -S npx tsx
/**
 * The `tidings` command line. Each command lives in src/cli/<name>.ts and exports
 * `help` (its usage text) and `run(argv)` (resolving to an exit code). Commands are
 * loaded lazily so that `tidings parse-feed` does not open a database or load the web app.
 *
 * Exit codes: 0 success, 1 failure while running, 2 bad arguments or configuration.
 */
import { UsageError } from './cli/args.ts';

export interface Command {
  help: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'run the web server (and an in-process worker unless --workers 0)', load: () => import('./cli/serve.ts') },
  worker: { summary: 'run job handlers from the queue', load: () => import('./cli/worker.ts') },
  migrate: { summary: 'apply database migrations', load: () => import('./cli/migrate.ts') },
  jobs: { summary: 'inspect the job queue: counts, dead letters, retry', load: () => import('./cli/jobs.ts') },
  add: { summary: 'follow an outlet by feed URL or home page', load: () => import('./cli/add.ts') },
  sources: { summary: 'list outlets with their health', load: () => import('./cli/sources.ts') },
  fetch: { summary: 'fetch one outlet or all of them now', load: () => import('./cli/fetch.ts') },
  'import-opml': { summary: 'import outlets from an OPML file', load: () => import('./cli/import-opml.ts') },
  'export-opml': { summary: 'print outlets as OPML', load: () => import('./cli/export-opml.ts') },
  'parse-feed': { summary: 'parse feed files and print them as JSON', load: () => import('./cli/parse-feed.ts') },
  extract: { summary: 'extract the article from saved HTML pages', load: () => import('./cli/extract.ts') },
  read: { summary: 'read an article: entities, timeline, quotes, figures, summary', load: () => import('./cli/read.ts') },
  ask: { summary: 'answer a question about an article, with citations', load: () => import('./cli/ask.ts') },
  stories: { summary: 'group documents into stories and find duplicates', load: () => import('./cli/stories.ts') },
  backup: { summary: 'write a consistent copy of the database to a file', load: () => import('./cli/backup.ts') },
  restore: { summary: 'replace the database with a backup', load: () => import('./cli/restore.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: tidings <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "tidings <command> --help" for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`tidings: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let command: Command;
  try {
    command = await entry.load();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`/cli/${name}.ts`)) {
      process.stderr.write(`tidings: the "${name}" command is not available in this build\n`);
      return 1;
    }
    throw err;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tidings ${name}: ${err.message}\n\n${command.help.trimEnd()}\n`);
      return 2;
    }
    if ((err as { isConfigError?: boolean }).isConfigError) {
      process.stderr.write(`tidings: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.argv[1]?.endsWith('/src/cli.ts') || process.argv[1]?.endsWith('src/cli.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`tidings: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
