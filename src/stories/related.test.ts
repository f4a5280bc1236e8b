import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryEngine, type ArticleInput } from './cluster.ts';
import { duplicateOf } from './dedup.ts';
import { createMemoryState } from './memory-store.ts';
import { RelatedIndex, relatedArticles, type RelatedArticle } from './related.ts';
import { ownReport, quakeA, quakeB, wireCopy, wireOriginal, wireShort } from './testdata.ts';

function build(docs: ArticleInput[]) {
  const state = createMemoryState();
  const engine = new StoryEngine(state);
  const index = new RelatedIndex();
  const placed: RelatedArticle[] = [];
  for (const d of [...docs].sort((a, b) => a.publishedMs - b.publishedMs)) {
    const p = engine.place(d);
    placed.push({ id: d.id, story: p.story, duplicateOf: p.duplicateOf, publishedMs: d.publishedMs, ...p.features });
  }
  // Read the final story and canonical copy of each article, as the pipeline's tables would hold them.
  for (const a of placed) {
    a.story = state.stories.resolve(state.stories.storyOf(a.id)!);
    a.duplicateOf = duplicateOf(state.dedup, a.id);
    index.add(a);
  }
  return { state, index, get: (id: string) => index.get(id)! };
}

const all = [wireOriginal, wireCopy, wireShort, ownReport, ...quakeA, ...quakeB];

test('related never includes the article itself nor its near-duplicates', () => {
  const { state, index, get } = build(all);
  for (const d of all) {
    const target = get(d.id);
    const members = state.stories.get(target.story!)!.members;
    const got = relatedArticles(target, index.candidates(target, members));
    const ids = got.map((r) => r.id);
    assert.ok(!ids.includes(d.id), `${d.id} lists itself`);
    const copies = [wireOriginal.id, wireCopy.id, wireShort.id];
    if (copies.includes(d.id)) for (const c of copies) assert.ok(!ids.includes(c), `${d.id} lists its copy ${c}`);
  }
});

test('same-story articles come first, then similar ones; copies of another report appear once', () => {
  const { state, index, get } = build(all);
  const target = get(quakeA[0]!.id);
  const got = relatedArticles(target, index.candidates(target, state.stories.get(target.story!)!.members));
  assert.deepEqual(got.slice(0, 2).map((r) => r.kind), ['story', 'story']);
  assert.deepEqual(new Set(got.slice(0, 2).map((r) => r.id)), new Set([quakeA[1]!.id, quakeA[2]!.id]));
  assert.ok(got.slice(2).every((r) => r.kind === 'similar'));
  assert.ok(got.some((r) => quakeB.some((q) => q.id === r.id)), 'the other earthquake is related');
  for (const r of got) assert.ok(r.score >= 0 && r.score <= 1);

  const fromOwn = relatedArticles(get(ownReport.id), index.candidates(get(ownReport.id), state.stories.get(get(ownReport.id).story!)!.members));
  const copies = fromOwn.filter((r) => [wireOriginal.id, wireCopy.id, wireShort.id].includes(r.id));
  assert.equal(copies.length, 1, 'one copy stands for the group');
});

test('a pure function of its candidates: an empty set gives nothing', () => {
  const { get } = build(all);
  assert.deepEqual(relatedArticles(get(quakeA[0]!.id), []), []);
});
