/**
 * Extraction speed over every page of the readability-test-pages corpus: our
 * extractArticle (metadata, cleanup, Readability, sanitizing, text) beside bare
 * Readability over linkedom (parse + Readability.parse), in the same run, same pages.
 * Pages are decoded once beforehand; timing covers extraction only.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { table } from '../scripts/report.ts';
import { extractArticle } from '../src/extract/index.ts';
import { decodeHtmlPage } from '../src/extract/decode.ts';
import { corpusDir } from '../eval/extract-expected/corpus.ts';

export const title = 'Article extraction speed (readability-test-pages corpus)';

function bare(html: string): void {
  try {
    const { document } = parseHTML(html) as unknown as { document: Document };
    new Readability(document).parse();
  } catch {
    // Counted like any page: the time was spent.
  }
}

function timeAll(pages: string[], fn: (html: string) => unknown): { ms: number; slowestMs: number } {
  let slowest = 0;
  const start = performance.now();
  for (const html of pages) {
    const t = performance.now();
    fn(html);
    slowest = Math.max(slowest, performance.now() - t);
  }
  return { ms: performance.now() - start, slowestMs: slowest };
}

export async function run(): Promise<string> {
  const dir = corpusDir();
  const pages = readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'source.html')))
    .sort()
    .map((d) => decodeHtmlPage(readFileSync(join(dir, d, 'source.html'))).text);
  const mb = pages.reduce((n, p) => n + Buffer.byteLength(p), 0) / 2 ** 20;
  // Warm-up: JIT and module caches, so neither side pays for the first page.
  for (const p of pages.slice(0, 10)) {
    bare(p);
    extractArticle(p);
  }
  const rounds = 2;
  const results = { base: { ms: 0, slowestMs: 0 }, ours: { ms: 0, slowestMs: 0 } };
  for (let i = 0; i < rounds; i++) {
    // Alternate order so that neither side always runs on a warmer or cooler machine.
    const a = i % 2 === 0 ? timeAll(pages, bare) : null;
    const o = timeAll(pages, (h) => extractArticle(h));
    const b = a ?? timeAll(pages, bare);
    results.base.ms += b.ms;
    results.base.slowestMs = Math.max(results.base.slowestMs, b.slowestMs);
    results.ours.ms += o.ms;
    results.ours.slowestMs = Math.max(results.ours.slowestMs, o.slowestMs);
  }
  const row = (name: string, r: { ms: number; slowestMs: number }) => {
    const seconds = r.ms / 1000 / rounds;
    return [name, pages.length / seconds, mb / seconds, (r.ms / rounds / pages.length), r.slowestMs];
  };
  return [
    `${pages.length} pages, ${mb.toFixed(1)} MiB of decoded HTML, ${rounds} rounds each, one process, single-threaded.`,
    '',
    table(['extractor', 'pages/s', 'MiB/s', 'mean ms/page', 'slowest page ms'], [row('Tidings extractArticle', results.ours), row('bare Readability + linkedom', results.base)]),
    '',
    'Ours does more work per page: a second parse of Readability\'s output for the cleanup, the metadata pass, and sanitize-html over the article.',
  ].join('\n');
}
