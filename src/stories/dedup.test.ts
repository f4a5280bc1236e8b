import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateOf, isWireSource, MemoryDedupStore, placeDuplicate } from './dedup.ts';
import { ownReport, wireCopy, wireOriginal, wireShort, quakeA, quakeB } from './testdata.ts';

test('a wire story republished with a new headline, boilerplate and a cut paragraph is a duplicate', () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireOriginal);
  const r = placeDuplicate(store, wireCopy);
  assert.equal(r.duplicateOf, wireOriginal.id);
  assert.ok(r.match && r.match.jaccard >= 0.5, `jaccard ${r.match?.jaccard}`);
});

test('a copy cut to its first paragraphs is found through containment', () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireOriginal);
  const r = placeDuplicate(store, wireShort);
  assert.equal(r.duplicateOf, wireOriginal.id);
  assert.ok(r.match!.containment >= 0.8, `containment ${r.match!.containment}`);
});

test("the wire's own copy becomes canonical even when a republished copy came first", () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireCopy);
  const r = placeDuplicate(store, wireOriginal);
  assert.equal(r.duplicateOf, null);
  assert.deepEqual(r.canonicalChanged, { from: wireCopy.id, to: wireOriginal.id });
  assert.equal(duplicateOf(store, wireCopy.id), wireOriginal.id);
  assert.equal(duplicateOf(store, wireOriginal.id), null);
});

test('without a wire copy the earliest published is canonical', () => {
  const store = new MemoryDedupStore();
  const later = { ...wireOriginal, id: 'later', source: 'Paper A', publishedMs: wireCopy.publishedMs + 3_600_000 };
  placeDuplicate(store, later);
  placeDuplicate(store, wireCopy);
  assert.equal(duplicateOf(store, later.id), wireCopy.id);
});

test('another outlet reporting the same event in its own words is not a duplicate', () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireOriginal);
  assert.equal(placeDuplicate(store, ownReport).duplicateOf, null);
});

test('two reports on different earthquakes are not duplicates', () => {
  const store = new MemoryDedupStore();
  for (const a of [...quakeA, ...quakeB]) assert.equal(placeDuplicate(store, a).duplicateOf, null, a.id);
});

test('articles outside the window are no longer matched, and leave the buckets', () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireOriginal);
  store.evictBefore(wireOriginal.publishedMs + 1);
  assert.equal(store.size, 0);
  const late = { ...wireCopy, publishedMs: wireOriginal.publishedMs + 30 * 86_400_000 };
  assert.equal(placeDuplicate(store, late).duplicateOf, null);
});

test('placing an article twice does not add it twice', () => {
  const store = new MemoryDedupStore();
  placeDuplicate(store, wireOriginal);
  placeDuplicate(store, wireCopy);
  const again = placeDuplicate(store, wireCopy);
  assert.equal(again.duplicateOf, wireOriginal.id);
  assert.equal(store.groupOf(wireOriginal.id)!.members.length, 2);
});

test('wire sources', () => {
  const cases: [string, boolean][] = [
    ['Reuters', true], ['AP', true], ['Associated Press', true], ['AFP', true], ['reuters.com', true], ['apnews.com', true],
    ['Kyodo News', true], ['RTHK', false], ['South China Morning Post', false], ['Daily Herald', false], ['Apple Daily', false],
  ];
  for (const [source, want] of cases) assert.equal(isWireSource(source), want, source);
});

test('short items with the same stub body but different titles are not copies', () => {
  const store = new MemoryDedupStore();
  const stub = 'Subscribe to continue reading this article.';
  placeDuplicate(store, { id: 's1', title: 'Central bank raises rates to fight inflation', text: stub, publishedMs: 0, source: 'Paper A' });
  const r = placeDuplicate(store, { id: 's2', title: 'Floods force thousands from homes in the north', text: stub, publishedMs: 1, source: 'Paper A' });
  assert.equal(r.duplicateOf, null);
});
