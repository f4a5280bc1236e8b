import { readFile } from 'node:fs/promises';
import { parseCommandArgs, UsageError } from './args.ts';
import { openRuntime } from '../runtime.ts';
import { parseOpml } from '../ingest/opml.ts';
import { addSource } from '../store/sources.ts';
import { enqueuePoll } from '../jobs/poll-source.ts';

export const help = `Usage: tidings import-opml FILE [--folder FOLDER]

Follows every outlet listed in an OPML file (the export format of feed readers),
keeping its folders. Outlets already followed are left as they are. Each new
outlet's first poll is queued.

Options:
  --folder FOLDER  file outlets that have no folder in the OPML under FOLDER
  -h, --help       show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { folder: { type: 'string' } }, help, { allowPositionals: true });
  if (!args) return 0;
  if (args.positionals.length !== 1) throw new UsageError('import-opml needs exactly one FILE');
  let text: string;
  try {
    text = await readFile(args.positionals[0], 'utf8');
  } catch (err) {
    console.error(`tidings import-opml: cannot read ${args.positionals[0]}: ${(err as Error).message}`);
    return 1;
  }
  const parsed = parseOpml(text);
  if (!parsed.ok) {
    console.error(`tidings import-opml: ${args.positionals[0]}: ${parsed.error}`);
    return 1;
  }
  const { store } = await openRuntime();
  try {
    let added = 0;
    let existing = 0;
    const now = Date.now();
    for (const o of parsed.outlets) {
      const { source, created } = await addSource(store, { name: o.name, feedUrl: o.feedUrl, siteUrl: o.siteUrl, kind: o.kind, folder: o.folder ?? args.values.folder ?? null, nextFetchAt: now }, now);
      if (created) {
        added++;
        await enqueuePoll(store, source.id, now);
      } else existing++;
    }
    console.log(`${added} outlets added, ${existing} already followed${parsed.skipped ? `, ${parsed.skipped} entries skipped (no http(s) feed URL)` : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}
