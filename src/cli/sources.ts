import { parseCommandArgs, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { articleCountsBySource, listSources, type Source } from '../store/sources.ts';

export const help = `Usage: tidings sources [--json] [--status active|paused|gone]

Lists the outlets followed, with their health: status, articles stored, last
successful poll, errors in a row with the last error, and when the next poll is due.

Options:
  --status S  only outlets with this status
  --json      one JSON object per outlet
  -h, --help  show this help
`;

function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const s = Math.round((now - ms) / 1000);
  const abs = Math.abs(s);
  const span = abs < 90 ? `${abs}s` : abs < 5400 ? `${Math.round(abs / 60)}m` : abs < 129_600 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86_400)}d`;
  return s >= 0 ? `${span} ago` : `in ${span}`;
}

export function health(s: Source): 'ok' | 'failing' | 'gone' | 'paused' | 'new' {
  if (s.status === 'gone') return 'gone';
  if (s.status === 'paused') return 'paused';
  if (s.errorStreak > 0) return 'failing';
  return s.lastSuccessAt ? 'ok' : 'new';
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { json: { type: 'boolean' }, status: { type: 'string' } }, help);
  if (!args) return 0;
  const status = args.values.status as Source['status'] | undefined;
  if (status && !['active', 'paused', 'gone'].includes(status)) throw new UsageError('--status must be active, paused or gone');
  const { store } = await openRuntime();
  try {
    const sources = await listSources(store, { status });
    const counts = await articleCountsBySource(store);
    const now = Date.now();
    if (args.values.json) {
      for (const s of sources) {
        console.log(JSON.stringify({ id: s.id, name: s.name, kind: s.kind, folder: s.folder, feedUrl: s.feedUrl, siteUrl: s.siteUrl, status: s.status, health: health(s), articles: counts.get(s.id) ?? 0, lastSuccessAt: s.lastSuccessAt, lastFetchedAt: s.lastFetchedAt, errorStreak: s.errorStreak, lastError: s.lastError, nextFetchAt: s.status === 'active' ? s.nextFetchAt : null, pollIntervalS: s.pollIntervalS }));
      }
      return 0;
    }
    if (!sources.length) {
      console.log('no outlets yet: tidings add URL, or tidings import-opml FILE');
      return 0;
    }
    for (const s of sources) {
      const h = health(s);
      console.log(`#${s.id} ${s.name}${s.folder ? ` [${s.folder}]` : ''} (${s.kind}) ${h.toUpperCase()}`);
      console.log(`   ${s.feedUrl}`);
      const next = s.status === 'active' && s.nextFetchAt !== null ? `next poll ${ago(s.nextFetchAt, now)}` : 'not polled';
      console.log(`   ${counts.get(s.id) ?? 0} articles, last success ${ago(s.lastSuccessAt, now)}, ${next}${s.pollIntervalS ? ` (every ${Math.round(s.pollIntervalS / 60)} min)` : ''}`);
      if (s.lastError) console.log(`   ${s.errorStreak} error(s) in a row, last: ${s.lastError}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
