/**
 * `tidings extract --json [--url URL] FILE...`: extracts the article from saved HTML
 * pages. Prints one JSON object per line per file, in argument order:
 *   {"file","title","byline","published","lang","siteName","image","text","html"}
 * or {"file","error"}. A bad file (missing, binary, empty, too large) gives an error
 * line and never stops the batch. Exit code 0 once every file has its line (per-file
 * errors are data, not a failed run), 2 for bad arguments.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.ts';
import { decodeHtmlPage } from '../extract/decode.ts';
import { extractArticle, MAX_INPUT_CHARS } from '../extract/index.ts';

export const help = `Usage: tidings extract --json [--url URL] FILE...

Extracts the article from saved HTML pages (any character encoding) and prints one
JSON object per line per file:
  {"file","title","byline","published","lang","siteName","image","text","html"}
or {"file","error"} when a page cannot be read or has no article.

Options:
  --json       print JSON lines (the only output format, required)
  --url URL    the page's original address: makes links absolute and picks per-site rules
               (applies to every FILE)
  -h, --help   show this help
`;

/** Files larger than this are read only up to it (bounded time per file). */
const MAX_FILE_BYTES = 2 * MAX_INPUT_CHARS;

function readPage(file: string): { text: string } | { error: string } {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { error: `read ${file}: not a regular file` };
    size = st.size;
  } catch (err) {
    return { error: `read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (size === 0) return { error: `read ${file}: empty file` };
  let bytes: Uint8Array;
  try {
    const buf = readFileSync(file);
    bytes = buf.length > MAX_FILE_BYTES ? buf.subarray(0, MAX_FILE_BYTES) : buf;
  } catch (err) {
    return { error: `read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    return { text: decodeHtmlPage(bytes).text };
  } catch (err) {
    return { error: `decode ${file}: ${(err as Error).message}` };
  }
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { json: { type: 'boolean' }, url: { type: 'string' } }, help, { allowPositionals: true });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (!values.json) throw new UsageError('--json is required (JSON lines is the only output format)');
  if (!positionals.length) throw new UsageError('give at least one FILE');
  const url = values.url as string | undefined;
  if (url !== undefined) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      throw new UsageError(`--url must be an absolute http(s) URL, got "${url}"`);
    }
  }
  for (const file of positionals) {
    const page = readPage(file);
    let line: Record<string, unknown>;
    if ('error' in page) {
      line = { file, error: page.error };
    } else {
      const r = extractArticle(page.text, { url });
      line = 'error' in r
        ? { file, error: r.error }
        : { file, title: r.title, byline: r.byline, published: r.published, lang: r.lang, siteName: r.siteName, image: r.image, text: r.text, html: r.html, ...(r.partial ? { partial: true } : {}) };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  return 0;
}
