import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STORIES, StoryEngine, type ArticleInput } from './cluster.ts';
import { createMemoryState } from './memory-store.ts';
import { ownReport, quakeA, quakeB, readSeed, T0, wireCopy, wireOriginal, wireShort } from './testdata.ts';

const H = 3_600_000;

function placeAll(docs: ArticleInput[], config = DEFAULT_STORIES) {
  const state = createMemoryState();
  const engine = new StoryEngine(state, config);
  const placements = [...docs].sort((a, b) => a.publishedMs - b.publishedMs).map((d) => engine.place(d));
  const storyOf = (id: string) => state.stories.resolve(state.stories.storyOf(id)!);
  return { state, engine, placements, storyOf };
}

test('two different earthquakes in one week are two stories', () => {
  const { storyOf } = placeAll([...quakeA, ...quakeB]);
  const a = new Set(quakeA.map((d) => storyOf(d.id)));
  const b = new Set(quakeB.map((d) => storyOf(d.id)));
  assert.equal(a.size, 1, 'the Peru reports form one story');
  assert.equal(b.size, 1, 'the Turkey reports form one story');
  assert.notEqual([...a][0], [...b][0]);
});

test("the seed's two Sweida reports are one story; the Taliban column and the Trump/UAE report are not in it", () => {
  const seed = readSeed();
  const day = 24 * H;
  const docs: ArticleInput[] = [
    { id: 'taliban', ...seed.taliban, publishedMs: T0 },
    { id: 'sweida-deploy', ...seed.sweidaDeploy, publishedMs: T0 + day },
    { id: 'trump-uae', ...seed.trump, publishedMs: T0 + day + 5 * H },
    { id: 'sweida-clashes', ...seed.sweidaClashes, publishedMs: T0 + 2 * day },
  ];
  const { storyOf } = placeAll(docs);
  assert.equal(storyOf('sweida-clashes'), storyOf('sweida-deploy'));
  assert.notEqual(storyOf('taliban'), storyOf('sweida-deploy'));
  assert.notEqual(storyOf('trump-uae'), storyOf('sweida-deploy'));
});

test('a duplicate joins the story of its canonical copy, and the story id is its first article', () => {
  const { storyOf, placements } = placeAll([wireOriginal, wireCopy, ownReport]);
  assert.equal(storyOf(wireOriginal.id), wireCopy.id, 'the copy came first, so its id names the story');
  assert.equal(storyOf(ownReport.id), storyOf(wireOriginal.id));
  const p = placements.find((x) => x.id === wireOriginal.id)!;
  assert.deepEqual(p.canonicalChanged, { from: wireCopy.id, to: wireOriginal.id });
});

test('a story stops absorbing articles after the window, and leaves the index after the retention', () => {
  const late = { ...quakeA[1]!, id: 'late', publishedMs: quakeA[0]!.publishedMs + 5 * 24 * H };
  const { storyOf, state, engine } = placeAll([quakeA[0]!, late]);
  assert.notEqual(storyOf('late'), storyOf(quakeA[0]!.id));
  assert.notEqual(state.stories.get(quakeA[0]!.id)!.active, null, 'still retained for a backlog around its date');
  // Something published after the retention freezes both: they leave the index and drop their centroids.
  const retention = DEFAULT_STORIES.cluster.retentionDays;
  engine.place({ ...quakeB[0]!, id: 'much-later', publishedMs: late.publishedMs + (retention + 1) * 24 * H });
  assert.equal(state.stories.get(quakeA[0]!.id)!.active, null, 'the old story was frozen');
  assert.equal(state.stories.get('late')!.active, null);
  assert.equal(state.stories.stats().active, 1);
  // A backlog article from the frozen story's date starts a new story: nothing old is scanned.
  const p = engine.place({ ...quakeA[2]!, id: 'old-backlog' });
  assert.equal(p.isNewStory, true);
});

test('an article that links two stories strongly merges them and the old id redirects', () => {
  // A strict join threshold keeps the first two reports apart; the third report (their two texts
  // together, so near-duplicate detection is switched off here) links both.
  const config = {
    cluster: { ...DEFAULT_STORIES.cluster, joinThreshold: 0.6, mergeArticleThreshold: 0.2, mergeCentroidThreshold: 0.2 },
    dedup: { ...DEFAULT_STORIES.dedup, minJaccard: 2, minContainment: 2 },
  };
  const [a, b] = quakeA;
  const bridge: ArticleInput = { id: 'bridge', title: `${a!.title}; ${b!.title}`, text: `${a!.text}\n\n${b!.text}`, publishedMs: b!.publishedMs + H, source: 'Digest' };
  const { storyOf, placements, state } = placeAll([a!, b!, bridge], config);
  assert.notEqual(placements[1]!.story, placements[0]!.story, 'the first two start separate stories');
  const p = placements[2]!;
  assert.equal(p.merged.length, 1);
  const { from, into } = p.merged[0]!;
  assert.equal(state.stories.resolve(from), into);
  assert.equal(state.stories.get(from), undefined);
  assert.equal(storyOf(a!.id), storyOf(b!.id));
  assert.equal(storyOf('bridge'), into);
  assert.equal(state.stories.get(into)!.members.length, 3);
});

test('the headline is the most representative title', () => {
  const { state, storyOf } = placeAll([...quakeB]);
  const s = state.stories.get(storyOf(quakeB[0]!.id))!;
  assert.ok(quakeB.some((d) => d.id === s.headline.id));
  // Every member title was a candidate; the chosen one scores highest against the centroid.
  assert.ok(s.active!.titles.length >= 1 && s.active!.titles[0]!.id === s.headline.id);
});

test('placing the same article twice changes nothing', () => {
  const state = createMemoryState();
  const engine = new StoryEngine(state);
  const first = engine.place(quakeA[0]!);
  const again = engine.place(quakeA[0]!);
  assert.equal(again.story, first.story);
  assert.equal(state.stories.get(first.story)!.members.length, 1);
});

test('candidates come from the index of active stories only', () => {
  const { state } = placeAll([...quakeA, ...quakeB]);
  const stats = state.stories.stats();
  assert.ok(stats.postings > 0);
  // Peru stories are past the window once the Turkey reports arrive three days later? Peru's last report is T0+50h,
  // Turkey's last T0+111h: the gap (61 h) is inside the 3-day window, so both are still active.
  assert.equal(stats.active, 2);
});

/** The stories as a set of member sets (story ids depend on which article came first). */
function partition(docs: readonly ArticleInput[], storyOf: (id: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const d of docs) (groups.get(storyOf(d.id)) ?? groups.set(storyOf(d.id), []).get(storyOf(d.id))!).push(d.id);
  return [...groups.values()].map((g) => g.sort().join(',')).sort();
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  let x = seed >>> 0 || 1;
  const rand = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('arrival order does not change the stories: shuffled backlogs give the publication-order stories', () => {
  const seed = readSeed();
  const day = 24 * H;
  const docs: ArticleInput[] = [
    ...quakeA,
    ...quakeB,
    wireOriginal,
    wireCopy,
    wireShort,
    ownReport,
    { id: 'taliban', ...seed.taliban, publishedMs: T0 },
    { id: 'sweida-deploy', ...seed.sweidaDeploy, publishedMs: T0 + day },
    { id: 'trump-uae', ...seed.trump, publishedMs: T0 + day + 5 * H },
    { id: 'sweida-clashes', ...seed.sweidaClashes, publishedMs: T0 + 2 * day },
  ];
  const byPublication = placeAll(docs);
  const expected = partition(docs, byPublication.storyOf);
  assert.ok(expected.length >= 6, 'several stories');
  // Newest first is the worst case for a watermark: every older article arrives after the clock has moved on.
  const orders = [[...docs].sort((a, b) => b.publishedMs - a.publishedMs), ...[1, 2, 3, 4, 5, 6, 7, 8].map((s) => shuffled(docs, s))];
  for (const order of orders) {
    const state = createMemoryState();
    const engine = new StoryEngine(state);
    for (const d of order) engine.place(d);
    const got = partition(docs, (id) => state.stories.resolve(state.stories.storyOf(id)!));
    assert.deepEqual(got, expected, `order ${order.map((d) => d.id).join(' ')}`);
  }
});

test('the expiry queue hands out stories by latest article time, not by touch order', () => {
  const store = createMemoryState().stories;
  const day = 24 * H;
  // A backlog touches old stories after newer ones.
  for (const [id, ms] of [['new', 10 * day], ['old', 1 * day], ['mid', 5 * day], ['older', 0], ['newest', 20 * day]] as const) store.touch(id, ms);
  assert.deepEqual(store.expiring(0), []);
  assert.deepEqual(store.expiring(6 * day).sort(), ['mid', 'old', 'older']);
  assert.deepEqual(store.expiring(6 * day), [], 'each touch is handed out once');
  assert.deepEqual(store.expiring(30 * day).sort(), ['new', 'newest']);
});
