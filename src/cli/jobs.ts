import { parseCommandArgs, intOption, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { countJobsByState, listJobs, retryJob, getJob, queueLagSeconds, JOB_STATES, type JobState } from '../store/jobs.ts';

export const help = `Usage: tidings jobs [counts]            job counts by state and queue lag
       tidings jobs dead [--limit N]    dead letters with their last error
       tidings jobs list [--state S] [--kind K] [--limit N]
       tidings jobs retry ID            put a dead (or done) job back in the queue
       tidings jobs show ID             one job in full

Options:
  --json      print JSON instead of text
  -h, --help  show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { limit: { type: 'string' }, state: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } }, help, { allowPositionals: true });
  if (!args) return 0;
  const [sub = 'counts', idArg, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (!['counts', 'dead', 'list', 'retry', 'show'].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"`);
  const limit = intOption(args.values.limit, 'limit', { min: 1 }) ?? 50;
  const state = args.values.state as JobState | undefined;
  if (state && !JOB_STATES.includes(state)) throw new UsageError(`--state must be one of ${JOB_STATES.join(', ')}`);
  let id: number | undefined;
  if (sub === 'retry' || sub === 'show') {
    id = Number(idArg);
    if (!idArg || !Number.isInteger(id) || id < 1) throw new UsageError(`${sub} needs a job id`);
  }
  const { store } = await openRuntime();
  const json = args.values.json;
  try {
    if (sub === 'counts') {
      const counts = await countJobsByState(store);
      const lag = await queueLagSeconds(store);
      if (json) console.log(JSON.stringify({ ...counts, lagSeconds: lag }));
      else console.log(`${JOB_STATES.map((s) => `${s}: ${counts[s]}`).join('  ')}  lag: ${lag.toFixed(1)}s`);
      return 0;
    }
    if (sub === 'retry') {
      const ok = await retryJob(store, id!);
      if (!ok) {
        console.error(`job ${id} is not dead or done (or does not exist)`);
        return 1;
      }
      console.log(`job ${id} queued again`);
      return 0;
    }
    if (sub === 'show') {
      const job = await getJob(store, id!);
      if (!job) {
        console.error(`no job ${id}`);
        return 1;
      }
      console.log(JSON.stringify(job, null, json ? 0 : 2));
      return 0;
    }
    const jobs = await listJobs(store, { state: sub === 'dead' ? 'dead' : state, kind: args.values.kind, limit });
    for (const j of jobs) {
      if (json) console.log(JSON.stringify(j));
      else console.log(`#${j.id} ${j.kind} ${j.state} attempts=${j.attempts}/${j.maxAttempts} run_at=${new Date(j.runAt).toISOString()}${j.lastError ? `\n    error: ${j.lastError.split('\n')[0]}` : ''}`);
    }
    if (!json && jobs.length === 0) console.log('no jobs');
    return 0;
  } finally {
    await store.close();
  }
}
