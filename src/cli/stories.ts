/**
 * `tidings stories --json --input FILE.jsonl`: groups documents into stories and finds
 * near-duplicates, in memory, as the live pipeline would (publication order).
 * Output contract (stable, used by external evaluation tools): one JSON line per valid input
 * document, in input order: {"id","story","duplicate_of"}. Bad lines give
 * {"line": n, "error": "..."} on stderr and do not stop the batch.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseCommandArgs, UsageError } from './args.ts';
import { parseDocumentLine, placeBatch } from '../stories/batch.ts';
import type { ArticleInput } from '../stories/cluster.ts';

export const help = `Usage: tidings stories --json --input FILE.jsonl
       tidings stories rebuild --since DATE

Groups documents into stories and finds near-duplicate copies, processing them in
publication order as the live pipeline does (in memory, nothing is stored).

Input: one JSON object per line: {"id","title","text","published","source"}
(optional "entities": [names]). "-" reads standard input.
Output: one line per document, in input order: {"id","story","duplicate_of"}.
Bad lines are reported on stderr as {"line": n, "error": "..."} and skipped.

"stories rebuild --since DATE" re-clusters the stored articles published since DATE
(YYYY-MM-DD or an ISO time) in the database, in publication order, and recomputes
their stories' facts. Worker processes pick up the new placements by themselves.

Options:
  --input FILE   JSON lines to read (required)
  --since DATE   with rebuild: the start of the window to re-cluster
  --json         print JSON lines (the only output format)
  -h, --help     show this help
`;

async function rebuild(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { since: { type: 'string' }, json: { type: 'boolean' } }, help);
  if (!args) return 0;
  const since = args.values.since;
  if (!since) throw new UsageError('rebuild needs --since DATE');
  const sinceMs = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(sinceMs)) throw new UsageError(`--since must be a date (YYYY-MM-DD), got "${since}"`);
  const { openRuntime } = await import('../runtime.ts');
  const { rebuildStories } = await import('../jobs/place-article.ts');
  const { config, store } = await openRuntime();
  try {
    let last = 0;
    const r = await rebuildStories(store, config, sinceMs, (done, total) => {
      if (!args.values.json && (done === total || Date.now() - last > 2000)) {
        last = Date.now();
        process.stderr.write(`placed ${done}/${total}\n`);
      }
    });
    if (args.values.json) console.log(JSON.stringify({ since: new Date(sinceMs).toISOString(), articles: r.articles, stories: r.stories }));
    else console.log(`re-clustered ${r.articles} articles published since ${new Date(sinceMs).toISOString()} into ${r.stories} stories`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'rebuild') return rebuild(argv.slice(1));
  const args = parseCommandArgs(argv, { input: { type: 'string' }, json: { type: 'boolean' } }, help);
  if (!args) return 0;
  const input = args.values.input;
  if (!input) throw new UsageError('--input FILE is required');

  const stream = input === '-' ? process.stdin : createReadStream(input, { encoding: 'utf8' });
  const docs: ArticleInput[] = [];
  const seen = new Set<string>();
  let badLines = 0;
  try {
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    let n = 0;
    for await (const text of rl) {
      n++;
      const parsed = parseDocumentLine(text, n);
      if (parsed.kind === 'blank') continue;
      if (parsed.kind === 'error') {
        badLines++;
        process.stderr.write(JSON.stringify({ line: parsed.line, error: parsed.error }) + '\n');
        continue;
      }
      if (seen.has(parsed.doc.id)) {
        badLines++;
        process.stderr.write(JSON.stringify({ line: n, error: `duplicate id "${parsed.doc.id}" (first occurrence kept)` }) + '\n');
        continue;
      }
      seen.add(parsed.doc.id);
      docs.push(parsed.doc);
    }
  } catch (err) {
    process.stderr.write(`tidings stories: cannot read ${input}: ${(err as Error).message}\n`);
    return 1;
  }

  const out: string[] = [];
  for (const r of placeBatch(docs)) out.push(JSON.stringify(r));
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return badLines > 0 && docs.length === 0 ? 1 : 0;
}
