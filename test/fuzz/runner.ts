/**
 * Runs one fuzz property (properties.ts) with fast-check in a worker thread and watches it
 * from outside: the worker reports each case before running it, so a case that hangs is
 * stopped after `caseTimeoutMs` and reported with its input, which fast-check's own
 * timeouts cannot do for synchronous code. Used by test/fuzz/fuzz.test.ts and
 * scripts/fuzz.ts.
 */
import { Worker } from 'node:worker_threads';

export interface FuzzRunOptions {
  numRuns: number;
  seed?: number;
  /** Stop (without failing) after this long; the runs done so far count. */
  timeLimitMs?: number;
  /** A single case running longer than this is a hang. */
  caseTimeoutMs: number;
  maxHeapMb?: number;
}

export type FuzzOutcome =
  | { kind: 'passed'; name: string; runs: number; seed: number }
  | { kind: 'failed'; name: string; runs: number; seed: number; report: string }
  | { kind: 'hang'; name: string; runs: number; seed: number; afterMs: number; input: string }
  | { kind: 'crashed'; name: string; runs: number; seed: number; message: string; input: string | null };

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsxApi);
  register();
  const { default: fc } = await import('fast-check');
  const { PROPERTIES } = await import(workerData.properties);
  const p = PROPERTIES[workerData.name];
  let runs = 0;
  const property = fc.property(p.arbitrary, (input) => {
    runs++;
    parentPort.postMessage({ type: 'case', runs, input: p.preview(input) });
    p.check(input);
  });
  const details = fc.check(property, {
    numRuns: workerData.numRuns,
    seed: workerData.seed,
    interruptAfterTimeLimit: workerData.timeLimitMs ?? undefined,
    markInterruptAsFailure: false,
  });
  parentPort.postMessage({
    type: 'done',
    failed: details.failed,
    runs: details.numRuns,
    report: details.failed ? fc.defaultReportMessage(details) + '\\nError: ' + String(details.errorInstance && details.errorInstance.message || details.errorInstance) : '',
  });
})().catch((err) => parentPort.postMessage({ type: 'error', message: String(err && err.stack || err) }));
`;

export function runFuzzProperty(name: string, opts: FuzzRunOptions): Promise<FuzzOutcome> {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: {
      tsxApi: import.meta.resolve('tsx/esm/api'),
      properties: new URL('./properties.ts', import.meta.url).href,
      name,
      numRuns: opts.numRuns,
      seed,
      timeLimitMs: opts.timeLimitMs ?? null,
    },
    resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 2048 },
    stdout: false,
    stderr: true,
  });
  return new Promise((resolve) => {
    let runs = 0;
    let lastInput: string | null = null;
    let caseStarted = Date.now();
    let done = false;
    const finish = (o: FuzzOutcome) => {
      if (done) return;
      done = true;
      clearInterval(watch);
      void worker.terminate();
      resolve(o);
    };
    // The first case also waits for the worker to load tsx and the modules.
    const startupGraceMs = 20_000;
    let isStarted = false;
    const watch = setInterval(() => {
      const limit = isStarted ? opts.caseTimeoutMs : opts.caseTimeoutMs + startupGraceMs;
      const ran = Date.now() - caseStarted;
      if (ran > limit) finish({ kind: 'hang', name, runs, seed, afterMs: ran, input: lastInput ?? '(before the first case)' });
    }, 250);
    worker.on('message', (m: { type: string; runs?: number; input?: string; failed?: boolean; report?: string; message?: string }) => {
      if (m.type === 'case') {
        isStarted = true;
        runs = m.runs ?? runs;
        lastInput = m.input ?? null;
        caseStarted = Date.now();
      } else if (m.type === 'done') {
        finish(m.failed ? { kind: 'failed', name, runs: m.runs ?? runs, seed, report: m.report ?? '' } : { kind: 'passed', name, runs: m.runs ?? runs, seed });
      } else if (m.type === 'error') {
        finish({ kind: 'crashed', name, runs, seed, message: m.message ?? '', input: lastInput });
      }
    });
    worker.on('error', (err) => finish({ kind: 'crashed', name, runs, seed, message: `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`, input: lastInput }));
    worker.on('exit', (code) => finish({ kind: 'crashed', name, runs, seed, message: `worker exited with code ${code}`, input: lastInput }));
  });
}

/** A readable account of an outcome (counterexample, seed to replay it). */
export function describeOutcome(o: FuzzOutcome): string {
  switch (o.kind) {
    case 'passed':
      return `${o.name}: ${o.runs} cases passed (seed ${o.seed})`;
    case 'failed':
      return `${o.name}: FAILED after ${o.runs} cases (seed ${o.seed}; replay with --only ${o.name} --seed ${o.seed})\n${o.report}`;
    case 'hang':
      return `${o.name}: HANG, a case ran ${o.afterMs} ms (seed ${o.seed}, case ${o.runs}); input:\n${o.input}`;
    case 'crashed':
      return `${o.name}: CRASHED after ${o.runs} cases (seed ${o.seed}): ${o.message}${o.input ? `\nlast input:\n${o.input}` : ''}`;
  }
}
