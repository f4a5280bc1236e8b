/**
 * `tidings read --json [--published YYYY-MM-DD] FILE...`: one JSON line per file,
 * `{"file", ...ReadResult}` or `{"file", "error"}`. A bad file never stops the others.
 *
 * FILE is `.html` (run through the extractor) or text: first line is the title (may be
 * empty), the rest the body, one paragraph per line.
 */
import { readFile } from 'node:fs/promises';
import { parseCommandArgs, UsageError } from './args.ts';
import { readArticle, parsePublished } from '../read/index.ts';
import { extractArticle } from '../extract/index.ts';
import { decodeHtmlPage } from '../extract/decode.ts';
import { llmOptionsFromEnv, readArticleWithLlm, type LlmOptions } from '../read/llm.ts';
import type { ReadInput, ReadResult } from '../read/types.ts';

export const help = `Usage: tidings read [--json] [--published YYYY-MM-DD] FILE...

Reads each article file (.html, or .txt with the title on the first line) and prints
its sentences, summary, hashtags, entities, timeline, quotes and figures.

Options:
  --json                 one JSON object per line per file
  --published DATE       publication date used for relative dates (default: the
                         article's own date, else today)
  --offline              ignore TIDINGS_LLM_* and use the offline engine only

With TIDINGS_LLM_BASE_URL and TIDINGS_LLM_MODEL set, summaries come from that
OpenAI-compatible endpoint (falling back to the offline engine on any failure).
`;

export interface LoadedArticle extends ReadInput {
  file: string;
}

/** Runs a saved page through the extractor; its failure ("no article body") is the file's error. */
function fromHtml(bytes: Uint8Array, file: string): ReadInput {
  const html = decodeHtmlPage(bytes).text;
  const r = extractArticle(html, {});
  if ('error' in r) throw new Error(`extract ${file}: ${r.error}`);
  return { title: r.title, text: r.text, published: r.published };
}

/** Loads one article file (.html or .txt). Throws with the file name on failure. */
export async function loadArticleFile(file: string): Promise<LoadedArticle> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new Error(`read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const raw = new TextDecoder().decode(bytes);
  if (/\.x?html?$/i.test(file) || /^\s*<(!doctype|html)/i.test(raw.slice(0, 200))) {
    return { file, ...fromHtml(bytes, file) };
  }
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const nl = text.indexOf('\n');
  const title = (nl < 0 ? text : text.slice(0, nl)).trim();
  const body = nl < 0 ? '' : text.slice(nl + 1);
  return { file, title: title || null, text: body, published: null };
}

/** Reads a loaded article, with the LLM when configured; `published` overrides the article's date. */
export async function readLoaded(article: LoadedArticle, published: Date | null, llm: LlmOptions | null): Promise<ReadResult> {
  const input: ReadInput = { title: article.title, text: article.text, published: published ?? parsePublished(article.published) ?? new Date() };
  return llm ? readArticleWithLlm(input, llm) : readArticle(input);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { json: { type: 'boolean' }, published: { type: 'string' }, offline: { type: 'boolean' } }, help, { allowPositionals: true });
  if (!args) return 0;
  const files = args.positionals;
  if (!files.length) throw new UsageError('at least one FILE is required');
  let published: Date | null = null;
  if (args.values.published !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(args.values.published) || !parsePublished(args.values.published)) throw new UsageError(`--published must be YYYY-MM-DD, got "${args.values.published}"`);
    published = parsePublished(args.values.published);
  }
  const llm = args.values.offline ? null : llmOptionsFromEnv(process.env);
  let failed = 0;
  for (const file of files) {
    try {
      const result = await readLoaded(await loadArticleFile(file), published, llm);
      if (args.values.json) process.stdout.write(JSON.stringify({ file, ...result }) + '\n');
      else process.stdout.write(formatText(file, result));
    } catch (err) {
      failed++;
      if (args.values.json) process.stdout.write(JSON.stringify({ file, error: (err as Error).message }) + '\n');
      else process.stderr.write(`tidings read: ${(err as Error).message}\n`);
    }
  }
  return failed === files.length ? 1 : 0;
}

function formatText(file: string, r: ReadResult): string {
  const names = (l: { name: string }[]) => l.map((e) => e.name).join(', ') || '-';
  const lines = [
    `== ${file} (${r.lang}, ${r.sentences.length} sentences)`,
    `Hashtags: ${r.hashtags.join(' ') || '-'}`,
    `People: ${names(r.entities.people)}`,
    `Organizations: ${names(r.entities.organizations)}`,
    `Places: ${names(r.entities.places)}`,
    'Summary:',
    ...r.summary.map((s) => `  [${s.sentence}] ${s.text}`),
    ...(r.timeline.length ? ['Timeline:', ...r.timeline.map((t) => `  ${t.date}  ${t.event} [${t.sentence}]`)] : []),
    ...(r.quotes.length ? ['Quotes:', ...r.quotes.map((q) => `  ${q.speaker ?? '?'}: "${q.text}" [${q.sentence}]`)] : []),
    ...(r.figures.length ? ['Figures:', ...r.figures.map((f) => `  ${f.text} (${f.what ?? '-'}) [${f.sentence}]`)] : []),
  ];
  return lines.join('\n') + '\n\n';
}
