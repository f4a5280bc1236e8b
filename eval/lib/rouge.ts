/**
 * ROUGE-N and ROUGE-L F-measures (Lin 2004), our own small version: lower-cased word
 * tokens without punctuation, no stemming or stop-word removal, and ROUGE-L over the
 * whole token sequences (not the summary-level union LCS). Scores are therefore close to,
 * but not identical with, the reference Perl implementation.
 */
import { tokens } from './text.ts';

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

function ngrams(toks: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= toks.length; i++) {
    const g = toks.slice(i, i + n).join('\u0001');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function f(overlapCount: number, candTotal: number, refTotal: number): number {
  if (candTotal === 0 || refTotal === 0 || overlapCount === 0) return 0;
  const p = overlapCount / candTotal;
  const r = overlapCount / refTotal;
  return (2 * p * r) / (p + r);
}

export function rougeN(cand: readonly string[], ref: readonly string[], n: number): number {
  const c = ngrams(cand, n);
  const r = ngrams(ref, n);
  let hit = 0;
  for (const [g, k] of c) hit += Math.min(k, r.get(g) ?? 0);
  return f(hit, Math.max(0, cand.length - n + 1), Math.max(0, ref.length - n + 1));
}

/** Length of the longest common subsequence, O(n*m) time and O(m) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev = cur;
  }
  return prev[b.length];
}

export function rouge(candidate: string, reference: string): RougeScores {
  const cand = tokens(candidate).map((t) => t.replace(/'/g, ''));
  const ref = tokens(reference).map((t) => t.replace(/'/g, ''));
  return {
    rouge1: rougeN(cand, ref, 1),
    rouge2: rougeN(cand, ref, 2),
    rougeL: f(lcsLength(cand, ref), cand.length, ref.length),
  };
}
