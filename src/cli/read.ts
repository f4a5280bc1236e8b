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

/** Crude HTML to text for when no extractor is available: title + block-level paragraphs. */
function crudeHtml(html: string): { title: string; text: string; published: string | null } {
  const decode = (s: string) =>
    s
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)));
  const title = decode((/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '')).trim();
  const published =
    /<meta[^>]+(?:article:published_time|datePublished|pubdate)[^>]+content=["']([^"']+)/i.exec(html)?.[1] ??
    /<time[^>]+datetime=["']([^"']+)/i.exec(html)?.[1] ??
    null;
  const body = (/<article[\s\S]*?<\/article>/i.exec(html)?.[0] ?? /<body[\s\S]*<\/body>/i.exec(html)?.[0] ?? html)
    .replace(/<(script|style|noscript|nav|header|footer|aside|figure|form)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<h1[\s\S]*?<\/h1>/gi, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6]|section|blockquote|tr)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  const text = decode(body)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return { title, text, published };
}

async function fromHtml(html: string, file: string): Promise<ReadInput> {
  let extractor: ((html: string, url?: string) => unknown) | undefined;
  try {
    // TODO(#5): import statically once src/extract/index.ts lands (extraction helper).
    const spec = '../extract/index.ts';
    const mod = (await import(spec)) as { extractArticle?: (html: string, url?: string) => unknown };
    extractor = mod.extractArticle;
  } catch {
    extractor = undefined; // extractor not built yet: fall back to the crude one below
  }
  if (extractor) {
    let r = (await extractor(html, `file://${file}`)) as Record<string, unknown> | null;
    if (r && typeof r === 'object' && 'kind' in r) {
      if (r.kind !== 'ok') throw new Error(`extract ${file}: ${String(r.kind)}${r.error ? `: ${String(r.error)}` : ''}`);
      r = (r.article ?? r) as Record<string, unknown>;
    }
    if (r && typeof r.text === 'string') {
      const pub = r.publishedAt ?? r.published ?? null;
      return { title: typeof r.title === 'string' ? r.title : null, text: r.text, published: pub instanceof Date || typeof pub === 'string' ? pub : null };
    }
  }
  return crudeHtml(html);
}

/** Loads one article file (.html or .txt). Throws with the file name on failure. */
export async function loadArticleFile(file: string): Promise<LoadedArticle> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  if (/\.x?html?$/i.test(file) || /^\s*<(!doctype|html)/i.test(raw.slice(0, 200))) {
    return { file, ...(await fromHtml(raw, file)) };
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
