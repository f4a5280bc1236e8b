/**
 * Watchdog for hostile-input tests: runs one exported function of one of our modules in a
 * worker thread with a heap limit, and gives up after a deadline. A hang or runaway cost
 * then fails one test (kind "timeout") instead of stalling the suite, and a memory blow-up
 * ends the worker (kind "crashed", ERR_WORKER_OUT_OF_MEMORY) instead of the test process.
 *
 *   const r = await isolate('src/read/index.ts', 'readArticle', [input], { timeoutMs: 30_000 });
 *   assert.equal(r.kind, 'ok', describe(r));
 *
 * Arguments and results cross the thread boundary by structured clone, so only plain data
 * (strings, Uint8Array, objects) goes in and out. `heapUsedMb` is measured in the worker
 * after the call, before the result is sent back.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export type Isolated<T> =
  | { kind: 'ok'; value: T; heapUsedMb: number }
  | { kind: 'threw'; message: string }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'crashed'; message: string };

export interface IsolateOptions {
  timeoutMs?: number;
  /** Old-generation heap limit of the worker (MB). */
  maxHeapMb?: number;
  /**
   * Post-processing done in the worker on the result before it is sent back, given as the
   * name of a function exported by this file's `POST` table (results can be large).
   */
  post?: keyof typeof POST;
  /** Run in a worker of its own (so that several calls can run at once), ended afterwards. */
  fresh?: boolean;
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Small summaries computed in the worker, so that huge results need not be cloned back. */
export const POST = {
  /** JSON text of the result (so the caller can check it is valid and scan it). */
  json: (v: unknown) => JSON.stringify(v),
  /** For a ParseFeedResult: ok/error, item count and the JSON length. */
  feedSummary: (v: any) => ({ ok: v?.ok === true, error: v?.ok ? null : v?.error, items: v?.ok ? v.feed.items.length : 0, jsonChars: JSON.stringify(v).length }),
} as const;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = (async () => {
  const { register } = await import(workerData.tsxApi);
  register();
  return (await import(workerData.self)).POST;
})();
parentPort.on('message', async (job) => {
  let POST;
  try {
    POST = await ready;
  } catch (err) {
    parentPort.postMessage({ id: job.id, kind: 'crashed', message: 'worker setup: ' + String(err && err.stack || err) });
    return;
  }
  try {
    const mod = await import(job.target);
    let value = await mod[job.fn](...job.args);
    if (job.post) value = POST[job.post](value);
    const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1048576);
    parentPort.postMessage({ id: job.id, kind: 'ok', value, heapUsedMb });
  } catch (err) {
    parentPort.postMessage({ id: job.id, kind: 'threw', message: String(err && err.stack || err) });
  }
});
`;

/**
 * One warm worker per heap limit, reused between calls (starting tsx in a worker costs
 * about a second); a worker that timed out or crashed is thrown away and replaced.
 */
const warm = new Map<number, Worker>();
const pending = new WeakMap<Worker, number>();
let nextId = 1;

function workerFor(maxHeapMb: number, fresh = false): Worker {
  let w = fresh ? undefined : warm.get(maxHeapMb);
  if (!w) {
    w = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { tsxApi: import.meta.resolve('tsx/esm/api'), self: import.meta.url },
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      stdout: true,
      stderr: true,
    });
    w.unref();
    if (fresh) return w;
    const worker = w;
    worker.on('exit', () => {
      if (warm.get(maxHeapMb) === worker) warm.delete(maxHeapMb);
    });
    warm.set(maxHeapMb, w);
  }
  return w;
}

/** Runs `modulePath` (relative to the repository root) `fn(...args)` in a worker with a deadline. */
export function isolate<T = unknown>(modulePath: string, fn: string, args: unknown[], opts: IsolateOptions = {}): Promise<Isolated<T>> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxHeapMb = opts.maxHeapMb ?? 1024;
  const worker = workerFor(maxHeapMb, opts.fresh);
  const id = nextId++;
  return new Promise((resolvePromise) => {
    let done = false;
    const finish = (r: Isolated<T>, isWorkerLost: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (isWorkerLost || opts.fresh) {
        if (warm.get(maxHeapMb) === worker) warm.delete(maxHeapMb);
        void worker.terminate();
      }
      resolvePromise(r);
    };
    const started = Date.now();
    const onMessage = (m: Isolated<T> & { id: number }) => {
      if (m.id !== id) return;
      const { id: _id, ...r } = m;
      finish(r as Isolated<T>, r.kind === 'crashed');
    };
    const onError = (err: Error) => finish({ kind: 'crashed', message: `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` }, true);
    const onExit = (code: number) => finish({ kind: 'crashed', message: `worker exited with code ${code}` }, true);
    const timer = setTimeout(() => finish({ kind: 'timeout', afterMs: Date.now() - started }, true), timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if ((pending.get(worker) ?? 0) === 0) worker.ref();
    pending.set(worker, (pending.get(worker) ?? 0) + 1);
    worker.postMessage({ id, target: pathToFileURL(resolve(ROOT, modulePath)).href, fn, args, post: opts.post ?? null });
  }).finally(() => {
    const n = (pending.get(worker) ?? 1) - 1;
    pending.set(worker, n);
    if (n === 0) worker.unref();
  }) as Promise<Isolated<T>>;
}

/** Stops the warm workers (call from `after`). */
export async function closeIsolates(): Promise<void> {
  const all = [...warm.values()];
  warm.clear();
  await Promise.all(all.map((w) => w.terminate()));
}

/** One line for assertion messages. */
export function describe(r: Isolated<unknown>): string {
  switch (r.kind) {
    case 'ok':
      return `ok (heap ${r.heapUsedMb} MB)`;
    case 'threw':
      return `threw: ${r.message.slice(0, 500)}`;
    case 'timeout':
      return `did not finish within ${r.afterMs} ms (watchdog)`;
    case 'crashed':
      return `worker crashed: ${r.message.slice(0, 500)}`;
  }
}

/** C0 control characters other than tab, newline and carriage return (and DEL). */
export const C0_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Paths (like "feed.items.3.title") of string values anywhere in `v` that match `re`. */
export function stringsMatching(v: unknown, re: RegExp, path = '', out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (re.test(v)) out.push(`${path || '(root)'}=${JSON.stringify(v.slice(0, 120))}`);
  } else if (Array.isArray(v)) v.forEach((x, i) => stringsMatching(x, re, path ? `${path}.${i}` : String(i), out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stringsMatching(x, re, path ? `${path}.${k}` : k, out);
  return out;
}
