/** Table tests for the scoring helpers of the reading evaluation (eval/lib). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcsLength, rouge } from '../eval/lib/rouge.ts';
import { matchOneToOne, pairCounts, prf } from '../eval/lib/prf.ts';
import { nameKey, splitSentences, tokenF1, tokens } from '../eval/lib/text.ts';

test('tokens fold case, diacritics, thousands separators and acronym dots', () => {
  const cases: { input: string; want: string[] }[] = [
    { input: 'Ouédraogo SAID', want: ['ouedraogo', 'said'] },
    { input: 'at least 1,200 people', want: ['at', 'least', '1200', 'people'] },
    { input: 'the U.S. and $4.2 billion', want: ['the', 'us', 'and', '4.2', 'billion'] },
    { input: 'al-Shara’s Syria', want: ["al-shara's", 'syria'] },
  ];
  for (const c of cases) assert.deepEqual(tokens(c.input), c.want, c.input);
});

test('nameKey drops a leading "the" and a possessive', () => {
  assert.equal(nameKey("the Syrian Observatory's"), 'syrian observatory');
  assert.equal(nameKey('U.S.'), 'us');
  assert.equal(nameKey('Éditions du Levant'), 'editions du levant');
});

test('ROUGE matches hand-computed values', () => {
  // cand: the cat sat on the mat (6), ref: the cat was on the mat (6); unigram overlap 5.
  const r = rouge('The cat sat on the mat.', 'the cat was on the mat');
  assert.equal(r.rouge1.toFixed(4), (5 / 6).toFixed(4));
  // bigrams: cand {the cat, cat sat, sat on, on the, the mat}, ref {the cat, cat was, was on, on the, the mat}: 3 of 5.
  assert.equal(r.rouge2.toFixed(4), (3 / 5).toFixed(4));
  assert.equal(r.rougeL.toFixed(4), (5 / 6).toFixed(4));
  assert.deepEqual(rouge('', 'anything'), { rouge1: 0, rouge2: 0, rougeL: 0 });
  assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['b', 'd', 'a']), 2);
});

test('prf handles empty predictions and empty gold', () => {
  assert.deepEqual(prf(pairCounts(0, 0, 0)), { precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(prf(pairCounts(0, 3, 0)), { precision: 0, recall: 0, f1: 0 });
  assert.deepEqual(prf(pairCounts(0, 0, 2)), { precision: 0, recall: 0, f1: 0 });
  assert.equal(prf(pairCounts(2, 4, 2)).f1.toFixed(4), (2 / 3).toFixed(4));
});

test('one-to-one matching never reuses a prediction', () => {
  const pairs = matchOneToOne([5, 5, 7], [5, 7], (g, p) => (g === p ? 1 : 0), 1);
  assert.deepEqual(pairs, [[0, 0], [2, 1]]);
});

test('token F1 and the baseline sentence splitter', () => {
  assert.equal(tokenF1(['a', 'b'], ['a', 'b']), 1);
  assert.equal(tokenF1(['a', 'b'], ['c']), 0);
  assert.deepEqual(splitSentences('Mr. Smith left. "Yes," he said. Then 3 more came.\nNew line'), ['Mr. Smith left.', '"Yes," he said.', 'Then 3 more came.', 'New line']);
});
