/**
 * `tidings ask --json --question "..." FILE` prints `{"answer","citations"}`;
 * `tidings ask --json --batch JOBS.jsonl` reads `{"id","file","question"}` lines and prints
 * one `{"id","answer","citations"}` (or `{"id","error"}`) line per job, reading each file once.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseCommandArgs, UsageError } from './args.ts';
import { loadArticleFile, readLoaded } from './read.ts';
import { askArticle } from '../read/ask.ts';
import { parsePublished } from '../read/index.ts';
import { askWithLlm, llmOptionsFromEnv, type LlmOptions } from '../read/llm.ts';
import type { AskResult, ReadResult } from '../read/types.ts';

export const help = `Usage: tidings ask [--json] --question "..." FILE
       tidings ask [--json] --batch JOBS.jsonl

Answers a question about an article with the shortest span that answers it, citing
the sentences it comes from ("The article does not say." when it does not).

Options:
  --json                 print JSON ({"answer","citations":[{"sentence","text"}]})
  --question TEXT        the question
  --batch FILE           JSON lines {"id","file","question"}; one output line per job
  --published DATE       publication date (YYYY-MM-DD) for relative dates
  --offline              ignore TIDINGS_LLM_* and use the offline engine only
`;

const Job = z.object({ id: z.union([z.string(), z.number()]), file: z.string().min(1), question: z.string().min(1) });

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    { json: { type: 'boolean' }, question: { type: 'string' }, batch: { type: 'string' }, published: { type: 'string' }, offline: { type: 'boolean' } },
    help,
    { allowPositionals: true },
  );
  if (!args) return 0;
  const { values, positionals } = args;
  let published: Date | null = null;
  if (values.published !== undefined) {
    published = /^\d{4}-\d{2}-\d{2}$/.test(values.published) ? parsePublished(values.published) : null;
    if (!published) throw new UsageError(`--published must be YYYY-MM-DD, got "${values.published}"`);
  }
  const llm = values.offline ? null : llmOptionsFromEnv(process.env);
  const cache = new Map<string, Promise<ReadResult>>();
  const readCached = (file: string) => {
    let p = cache.get(file);
    if (!p) {
      p = loadArticleFile(file).then((a) => readLoaded(a, published, null));
      cache.set(file, p);
    }
    return p;
  };
  const answer = async (file: string, question: string): Promise<AskResult> => {
    const read = await readCached(file);
    return llm ? askWithLlm(read, question, llm as LlmOptions) : askArticle(read, question);
  };

  if (values.batch !== undefined) {
    if (values.question !== undefined || positionals.length) throw new UsageError('--batch takes no --question or FILE');
    let text: string;
    try {
      text = await readFile(values.batch, 'utf8');
    } catch (err) {
      process.stderr.write(`tidings ask: read ${values.batch}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
    const lines = text.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n]!.trim();
      if (!line) continue;
      let id: unknown = null;
      try {
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          throw new Error(`line ${n + 1}: not JSON`);
        }
        id = (raw as { id?: unknown })?.id ?? null;
        const job = Job.safeParse(raw);
        if (!job.success) throw new Error(`line ${n + 1}: expected {"id","file","question"}`);
        const r = await answer(job.data.file, job.data.question);
        process.stdout.write(JSON.stringify({ id: job.data.id, answer: r.answer, citations: r.citations }) + '\n');
      } catch (err) {
        process.stdout.write(JSON.stringify({ id, error: (err as Error).message }) + '\n');
      }
    }
    return 0;
  }

  if (values.question === undefined || !values.question.trim()) throw new UsageError('--question is required (or --batch)');
  if (positionals.length !== 1) throw new UsageError('exactly one FILE is required');
  const file = positionals[0]!;
  try {
    const r = await answer(file, values.question);
    if (values.json) process.stdout.write(JSON.stringify({ answer: r.answer, citations: r.citations }) + '\n');
    else process.stdout.write(`${r.answer}\n${r.citations.map((c) => `  [${c.sentence}] ${c.text}`).join('\n')}\n`);
    return 0;
  } catch (err) {
    if (values.json) process.stdout.write(JSON.stringify({ file, error: (err as Error).message }) + '\n');
    else process.stderr.write(`tidings ask: ${(err as Error).message}\n`);
    return 1;
  }
}
