import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandKeys, estimateContainment, estimateJaccard, shingleHashes, signature } from './minhash.ts';

function text(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => `w${i + offset}`).join(' ');
}

test('identical texts have identical signatures and band keys', () => {
  const a = signature('The quick brown fox jumps over the lazy dog near the river bank today')!;
  const b = signature('the QUICK brown fox jumps over the lazy dog near the river bank today')!;
  assert.equal(estimateJaccard(a.values, b.values), 1);
  assert.deepEqual(bandKeys(a.values), bandKeys(b.values));
});

test('estimated Jaccard is close to the exact Jaccard of the shingle sets', () => {
  // 200 words sharing their first 120: exact 5-shingle Jaccard is 116 / (196 + 196 - 116).
  const a = text(200);
  const b = text(120) + ' ' + text(80, 1000);
  const ha = new Set(shingleHashes(a, 5));
  const hb = new Set(shingleHashes(b, 5));
  const inter = [...ha].filter((x) => hb.has(x)).length;
  const exact = inter / (ha.size + hb.size - inter);
  const est = estimateJaccard(signature(a)!.values, signature(b)!.values);
  assert.ok(Math.abs(est - exact) < 0.12, `estimate ${est} vs exact ${exact}`);
});

test('containment follows from Jaccard and the set sizes', () => {
  const cases = [
    { name: 'half of a text inside it', j: 0.5, a: 100, b: 200, want: 1 },
    { name: 'disjoint', j: 0, a: 100, b: 100, want: 0 },
    { name: 'equal sets', j: 1, a: 50, b: 50, want: 1 },
    { name: 'one third overlap of equal sets', j: 0.2, a: 120, b: 120, want: (0.2 * 240) / 1.2 / 120 },
  ];
  for (const c of cases) assert.ok(Math.abs(estimateContainment(c.j, c.a, c.b) - c.want) < 1e-9, c.name);
});

test('empty text has no signature; a text shorter than a shingle has one', () => {
  assert.equal(signature('  ... '), null);
  assert.equal(signature('two words')!.shingles, 1);
});

test('a mismatched band layout is refused', () => {
  assert.throws(() => signature('a b c d e f', { shingleWords: 5, permutations: 128, bands: 30, rows: 4 }), /bands/);
});
