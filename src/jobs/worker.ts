/**
 * A worker leases jobs from the queue table and runs their handlers, up to `concurrency`
 * at a time. Any number of workers in any number of processes can share one database.
 *
 * Leases: a running job's lease is extended by a heartbeat every third of the lease time.
 * If the process dies, the lease runs out and another worker takes the job; if this
 * worker finds its lease lost (it stalled), it aborts the handler and records nothing.
 *
 * Stopping (SIGTERM): stop leasing, let running handlers finish within the drain time,
 * then abort the rest and hand their jobs back to the queue.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { completeJob, deferJob, failJob, heartbeat, leaseJobs, releaseJob, type Job } from '../store/jobs.ts';
import { DeferJobError, PermanentJobError, type JobHandler } from './types.ts';
import { jobDuration, jobsProcessed } from '../metrics.ts';
import { scheduleTick } from './maintenance.ts';

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  /** How long to wait between empty polls of the queue. */
  idleMs?: number;
  /** Only lease these kinds (default: every kind with a handler). */
  kinds?: string[];
  owner?: string;
}

export class Worker {
  readonly owner: string;
  private running = new Map<number, { job: Job; abort: AbortController; done: Promise<void> }>();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly idleMs: number;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: Logger,
    private readonly opts: WorkerOptions,
  ) {
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.idleMs = opts.idleMs ?? 500;
  }

  get activeCount(): number {
    return this.running.size;
  }

  start(): void {
    if (this.loop || this.opts.concurrency <= 0) return;
    this.log.info({ owner: this.owner, concurrency: this.opts.concurrency }, 'worker started');
    if (this.handlers['maintenance.tick'] && !this.opts.kinds) {
      scheduleTick(this.store).catch((err) => this.log.warn({ err }, 'could not schedule the maintenance tick'));
    }
    this.loop = this.run();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    let errorStreak = 0;
    while (!this.stopping) {
      const free = this.opts.concurrency - this.running.size;
      if (free <= 0) {
        await this.sleep(this.idleMs);
        continue;
      }
      let jobs: Job[] = [];
      try {
        jobs = await leaseJobs(this.store, { owner: this.owner, limit: free, leaseMs: this.opts.leaseMs, kinds: this.opts.kinds ?? Object.keys(this.handlers) });
        errorStreak = 0;
      } catch (err) {
        // The database may be restarting; keep trying with a growing pause.
        errorStreak++;
        this.log.warn({ err, errorStreak }, 'worker could not lease jobs; will retry');
        await this.sleep(Math.min(10_000, 250 * 2 ** Math.min(errorStreak, 6)));
        continue;
      }
      for (const job of jobs) this.startJob(job);
      if (jobs.length === 0) await this.sleep(this.idleMs * (0.75 + Math.random() * 0.5));
    }
  }

  private startJob(job: Job): void {
    const abort = new AbortController();
    const done = this.execute(job, abort).finally(() => {
      this.running.delete(job.id);
      this.wake?.();
    });
    this.running.set(job.id, { job, abort, done });
  }

  /** Retries a queue write a few times: a dropped connection must not lose a finished job's result. */
  private async persist<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (attempt >= 8) {
          this.log.error({ err, what }, 'worker could not record a job result; the lease will expire and the job run again');
          return undefined;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  private async execute(job: Job, abort: AbortController): Promise<void> {
    const log = this.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const handler = this.handlers[job.kind];
    const started = performance.now();
    let leaseLost = false;
    const beat = setInterval(() => {
      heartbeat(this.store, job, this.opts.leaseMs).then(
        (held) => {
          if (!held && !leaseLost) {
            leaseLost = true;
            log.warn('job lease lost; aborting the handler');
            abort.abort(new Error('lease lost'));
          }
        },
        (err) => log.warn({ err }, 'heartbeat failed'),
      );
    }, Math.max(250, Math.floor(this.opts.leaseMs / 3)));
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      const parsed = handler.payload.safeParse(job.payload);
      if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await handler.run(parsed.data, { store: this.store, config: this.config, log, job, signal: abort.signal });
      clearInterval(beat);
      if (leaseLost) {
        jobsProcessed.inc({ kind: job.kind, outcome: 'lost' });
        return;
      }
      const recorded = await this.persist('complete', () => completeJob(this.store, job));
      jobsProcessed.inc({ kind: job.kind, outcome: recorded ? 'done' : 'lost' });
      log.debug({ durationMs: Math.round(performance.now() - started) }, 'job done');
    } catch (err) {
      clearInterval(beat);
      if (leaseLost) {
        jobsProcessed.inc({ kind: job.kind, outcome: 'lost' });
        return;
      }
      if (this.stopping && abort.signal.aborted) {
        await this.persist('release', () => releaseJob(this.store, job));
        return;
      }
      if (err instanceof DeferJobError) {
        await this.persist('defer', () => deferJob(this.store, job, err.runAt, err.message));
        jobsProcessed.inc({ kind: job.kind, outcome: 'deferred' });
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const state = await this.persist('fail', () => failJob(this.store, job, message, { permanent: err instanceof PermanentJobError }));
      jobsProcessed.inc({ kind: job.kind, outcome: state === 'dead' ? 'dead' : 'retry' });
      if (state === 'dead') log.error({ err: message }, 'job failed for the last time; dead-lettered');
      else log.warn({ err: message }, 'job failed; will retry');
    } finally {
      clearInterval(beat);
      jobDuration.observe({ kind: job.kind }, (performance.now() - started) / 1000);
    }
  }

  /**
   * Stops leasing; waits up to `drainMs` for running jobs, then aborts them and hands
   * them back to the queue (without counting the attempt).
   */
  async stop(drainMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    const pending = [...this.running.values()];
    if (pending.length) {
      this.log.info({ running: pending.length, drainMs }, 'worker draining');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), drainMs).unref());
      const all = Promise.all(pending.map((p) => p.done)).then(() => 'done' as const);
      if ((await Promise.race([all, timeout])) === 'timeout') {
        for (const p of this.running.values()) p.abort.abort(new Error('worker shutting down'));
        await Promise.race([Promise.all([...this.running.values()].map((p) => p.done)), new Promise((r) => setTimeout(r, 2000).unref())]);
        for (const p of this.running.values()) await releaseJob(this.store, p.job).catch(() => undefined);
      }
    }
    this.log.info({ owner: this.owner }, 'worker stopped');
  }
}
