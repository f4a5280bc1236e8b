/**
 * `tidings parse-feed [--json] FILE...`: parses feed files and prints them.
 *
 * With --json, prints one JSON object per line per file, in argument order:
 *   {"file","ok":true,"feed":{"title","link","description","language","updated"},"items":[{"id","title","link","published","updated","author","summary","content"}]}
 *   {"file","ok":false,"error"}
 * This shape is a stable contract for external tools.
 *
 * Never crashes on a file: unreadable files, directories, files over 50 MB, parses that
 * fail and parses that run past --timeout-ms each become an {"ok":false} line. Files of
 * 512 KB and more are parsed in a worker thread so that a slow parse can be stopped (if the
 * worker cannot start, in this thread); smaller ones parse here, where the parser is
 * linear and fuzzed to stay well under a second.
 */
import { readFile, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { parseCommandArgs, intOption, UsageError } from './args.ts';
import { MAX_INPUT_BYTES, parseFeed, type ParseFeedResult } from '../ingest/feed/index.ts';

export const help = `Usage: tidings parse-feed [--json] [options] FILE...

Parses RSS, Atom, RDF and JSON Feed files and prints them.

Options:
  --json               one JSON object per line per file (the stable machine format):
                       {"file","ok":true,"feed":{...},"items":[...]} or {"file","ok":false,"error"}
  --url URL            the URL the feed came from, the base for relative links
  --content-type TYPE  the HTTP Content-Type the feed was served with (for its charset)
  --max-items N        keep at most N items per feed (default 100000)
  --timeout-ms N       give up on a file of 512 KB or more after N milliseconds
                       (default 15000); smaller files are parsed without a worker
  -h, --help           show this help

Files over 50 MB are refused. Exit code: 0 when every file got a result line (also an
"ok":false one) in --json mode; without --json, 1 when any file failed.
`;

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ITEMS = 100_000;
/** Files at least this large are parsed in the worker thread, under the time limit. */
const WORKER_MIN_BYTES = 512 * 1024;

interface Job {
  bytes: Uint8Array;
  url?: string;
  contentType?: string;
  maxItems: number;
}

/** Runs parses in a worker thread, replacing the worker after a timeout or a crash. */
class WorkerParser {
  private worker: Worker | null = null;
  private ready: Promise<boolean> | null = null;
  private nextId = 1;
  private isBroken = false;

  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    this.ready = new Promise<boolean>((resolve) => {
      let worker: Worker;
      try {
        const target = new URL('../ingest/feed/parse-worker.ts', import.meta.url).href;
        const tsxApi = import.meta.resolve('tsx/esm/api');
        // Worker threads do not inherit tsx's loader hooks: register them first, then load the .ts worker.
        const code = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
        worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
      } catch {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        void worker.terminate();
        resolve(false);
      }, 30_000);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      worker.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      this.worker = worker;
      worker.unref();
    });
    return this.ready;
  }

  private reset(): void {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w) void w.terminate();
  }

  async parse(job: Job, timeoutMs: number): Promise<ParseFeedResult> {
    // Small files parse in well under a second (fuzzed); starting a worker would cost more
    // than the parse, and tools call this command once per file.
    if (job.bytes.byteLength < WORKER_MIN_BYTES) {
      return parseFeed(job.bytes, { url: job.url, contentType: job.contentType, maxItems: job.maxItems });
    }
    if (this.isBroken || !(await this.start()) || !this.worker) {
      this.isBroken = true;
      this.reset();
      return parseFeed(job.bytes, { url: job.url, contentType: job.contentType, maxItems: job.maxItems });
    }
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<ParseFeedResult>((resolve) => {
      const done = (result: ParseFeedResult, isWorkerLost: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (isWorkerLost) this.reset();
        resolve(result);
      };
      const onMessage = (msg: { id?: number; result?: ParseFeedResult }) => {
        if (msg.id === id && msg.result) done(msg.result, false);
      };
      const onError = (err: Error) => done({ ok: false, error: `parse failed: ${err.message}` }, true);
      const onExit = () => done({ ok: false, error: 'parse failed: the parser stopped unexpectedly' }, true);
      const timer = setTimeout(() => done({ ok: false, error: `timeout: parsing took longer than ${timeoutMs} ms` }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const bytes = new Uint8Array(job.bytes); // own copy, so its buffer can be transferred
      worker.postMessage({ id, bytes, url: job.url, contentType: job.contentType, maxItems: job.maxItems }, [bytes.buffer]);
    });
  }

  close(): void {
    this.reset();
  }
}

async function readInput(file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, error: `read ${file}: not a regular file` };
    if (info.size > MAX_INPUT_BYTES) return { ok: false, error: `read ${file}: file too large (${info.size} bytes, limit ${MAX_INPUT_BYTES})` };
    return { ok: true, bytes: await readFile(file) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, error: `read ${file}: ${e.message}` };
  }
}

/** Set when stdout is gone (the reader of a pipe exited, as `| head` does): stop quietly. */
let isStdoutClosed = false;

function write(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (isStdoutClosed) return resolve();
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

function summary(file: string, result: ParseFeedResult): string {
  if (!result.ok) return `${file}: error: ${result.error}\n`;
  const { feed } = result;
  const lines = [`${file}: ${JSON.stringify(feed.title ?? '(untitled)')}, ${feed.items.length} item${feed.items.length === 1 ? '' : 's'}${feed.link ? `, ${feed.link}` : ''}`];
  for (const it of feed.items.slice(0, 5)) lines.push(`  ${it.published ?? '(no date)'}  ${it.title ?? '(untitled)'}${it.link ? `  <${it.link}>` : ''}`);
  if (feed.items.length > 5) lines.push(`  ... ${feed.items.length - 5} more`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      json: { type: 'boolean' },
      url: { type: 'string' },
      'content-type': { type: 'string' },
      'max-items': { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
    help,
    { allowPositionals: true },
  );
  if (!args) return 0;
  const files = args.positionals;
  if (files.length === 0) throw new UsageError('no feed files given');
  const isJson = args.values.json === true;
  const maxItems = intOption(args.values['max-items'], 'max-items', { min: 0 }) ?? DEFAULT_MAX_ITEMS;
  const timeoutMs = intOption(args.values['timeout-ms'], 'timeout-ms', { min: 1 }) ?? DEFAULT_TIMEOUT_MS;
  const url = typeof args.values.url === 'string' ? args.values.url : undefined;
  const contentType = typeof args.values['content-type'] === 'string' ? args.values['content-type'] : undefined;

  const parser = new WorkerParser();
  let failed = 0;
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    isStdoutClosed = true;
    process.stdout.emit('drain');
  };
  process.stdout.on('error', onStdoutError);
  try {
    for (const file of files) {
      if (isStdoutClosed) break;
      const input = await readInput(file);
      let result: ParseFeedResult;
      if (!input.ok) result = input;
      else {
        try {
          result = await parser.parse({ bytes: input.bytes, url, contentType, maxItems }, timeoutMs);
        } catch (err) {
          result = { ok: false, error: `parse failed: ${(err as Error).message}` };
        }
      }
      if (!result.ok) failed++;
      if (isJson) {
        const line = result.ok
          ? {
              file,
              ok: true,
              feed: { title: result.feed.title, link: result.feed.link, description: result.feed.description, language: result.feed.language, updated: result.feed.updated },
              items: result.feed.items,
            }
          : { file, ok: false, error: result.error };
        await write(JSON.stringify(line) + '\n');
      } else {
        await write(summary(file, result));
      }
    }
  } finally {
    parser.close();
    process.stdout.off('error', onStdoutError);
  }
  return isJson || failed === 0 ? 0 : 1;
}
