import type { z } from 'zod';
import type { Store } from '../store/db.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Job } from '../store/jobs.ts';

export interface JobContext {
  store: Store;
  config: Config;
  log: Logger;
  job: Job;
  /** Aborted when the lease is lost or the worker is shutting down hard. */
  signal: AbortSignal;
}

/** A job kind: its payload schema and an idempotent handler (running it twice changes nothing more). */
export interface JobHandler<S extends z.ZodType = z.ZodType> {
  payload: S;
  run(payload: z.output<S>, ctx: JobContext): Promise<void>;
}

/** The job can never succeed (bad payload, gone resource): dead-letter it at once. */
export class PermanentJobError extends Error {}

/** Not a failure: run the job again at `runAt` without counting an attempt (e.g. Retry-After, host busy). */
export class DeferJobError extends Error {
  constructor(
    readonly runAt: number,
    message: string,
  ) {
    super(message);
  }
}

export function defineHandler<S extends z.ZodType>(h: JobHandler<S>): JobHandler<S> {
  return h;
}
