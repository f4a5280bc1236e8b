/**
 * Article extraction quality: token F1 of the extracted text against a hand-written
 * expected article text (eval/extract-expected/<page>.txt: the article body only, no
 * bylines, captions, credits, related links, share text or footers), for saved news
 * pages of the readability-test-pages corpus. Ours (extractArticle) beside bare
 * Readability over linkedom (textContent), in the same run.
 *
 * Scoring: bag of words with counts. Tokens are runs of letters/digits, lowercased;
 * each CJK ideograph or kana is a token of its own (those scripts have no spaces).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { table } from '../scripts/report.ts';
import { extractArticle } from '../src/extract/index.ts';
import { decodeHtmlPage } from '../src/extract/decode.ts';
import { corpusDir } from './extract-expected/corpus.ts';

export const title = 'Article extraction (token F1 vs hand-written article text)';

const EXPECTED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'extract-expected');

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w)) {
      // Split ideographs/kana into single characters, keep Latin/digit runs inside them whole.
      for (const part of w.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? []) out.push(part);
    } else out.push(w);
  }
  return out;
}

export function tokenF1(got: string, want: string): { p: number; r: number; f1: number } {
  const g = tokens(got);
  const w = tokens(want);
  const counts = new Map<string, number>();
  for (const t of w) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of g) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  const p = g.length ? common / g.length : 0;
  const r = w.length ? common / w.length : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function bareReadability(html: string): string {
  try {
    const { document } = parseHTML(html) as unknown as { document: Document };
    return new Readability(document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

export async function run(): Promise<string> {
  const dir = corpusDir();
  const pages = readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  const rows: (string | number)[][] = [];
  const sum = { ours: { p: 0, r: 0, f1: 0 }, base: { p: 0, r: 0, f1: 0 } };
  for (const page of pages) {
    const want = readFileSync(join(EXPECTED_DIR, `${page}.txt`), 'utf8');
    const bytes = readFileSync(join(dir, page, 'source.html'));
    const html = decodeHtmlPage(bytes).text;
    const r = extractArticle(html);
    const ours = tokenF1('error' in r ? '' : r.text, want);
    const base = tokenF1(bareReadability(html), want);
    for (const k of ['p', 'r', 'f1'] as const) {
      sum.ours[k] += ours[k];
      sum.base[k] += base[k];
    }
    rows.push([page, tokens(want).length, ours.p, ours.r, ours.f1, base.p, base.r, base.f1, ours.f1 - base.f1 >= 0 ? `+${(ours.f1 - base.f1).toFixed(3)}` : (ours.f1 - base.f1).toFixed(3)]);
  }
  const n = pages.length;
  const mean = (o: { p: number; r: number; f1: number }) => [o.p / n, o.r / n, o.f1 / n];
  const wins = rows.filter((r) => String(r[8]).startsWith('+') && r[8] !== '+0.000').length;
  const losses = rows.filter((r) => String(r[8]).startsWith('-')).length;
  return [
    `${n} saved news pages from readability-test-pages (BBC, CNN, Guardian, NYT, Washington Post, Le Monde, Libération, Folha, La Nación, Aktuálně, heise, Ars Technica, The Verge, Engadget, Chinese portals and more). Expected texts were written by reading each page (eval/extract-expected/, drafted with draft.ts from the page's own blocks, not from any extractor). Token F1 is a bag-of-words score with counts; CJK characters count one token each.`,
    '',
    table(['extractor', 'mean precision', 'mean recall', 'mean F1'], [
      ['Tidings extractArticle', ...mean(sum.ours)],
      ['bare Readability + linkedom (textContent)', ...mean(sum.base)],
    ]),
    '',
    `Per page (ours better on ${wins}, worse on ${losses}):`,
    '',
    table(['page', 'tokens', 'ours P', 'ours R', 'ours F1', 'base P', 'base R', 'base F1', 'ΔF1'], rows),
  ].join('\n');
}
