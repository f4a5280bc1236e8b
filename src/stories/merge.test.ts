/**
 * Merges with the default settings, on real coverage (test/fixtures/stories/coverage.jsonl):
 * one event split in two stories is joined by an article that bridges them; two events of
 * one kind in one week stay apart whatever the arrival order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocumentLine } from './batch.ts';
import { StoryEngine, type ArticleInput, type Placement } from './cluster.ts';
import { createMemoryState } from './memory-store.ts';

const FILE = fileURLToPath(new URL('../../test/fixtures/stories/coverage.jsonl', import.meta.url));

function coverage(story: string): ArticleInput[] {
  const out: ArticleInput[] = [];
  readFileSync(FILE, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const p = parseDocumentLine(line, i + 1);
      if (p.kind === 'ok' && (JSON.parse(line) as { story: string }).story === story) out.push(p.doc);
    });
  assert.ok(out.length > 0, `no articles labelled ${story}`);
  return out;
}

function byId(docs: ArticleInput[], id: string): ArticleInput {
  const d = docs.find((x) => x.id === id);
  assert.ok(d, id);
  return d;
}

test('defaults: a report bridging two stories of one earthquake merges them, and the old id redirects', () => {
  const turkey = coverage('quake-turkey');
  const state = createMemoryState();
  const engine = new StoryEngine(state);
  // A backlog arriving newest first: the local angle and the town report come before the wire reports.
  const local = engine.place(byId(turkey, 'valleytimes-quake-turkey-local'));
  const town = engine.place(byId(turkey, 'bosphorus-quake-turkey-sindirgi'));
  assert.equal(local.isNewStory, true);
  assert.equal(town.isNewStory, true, 'the two angles alone are too far apart to join');
  const bridge = engine.place(byId(turkey, 'afp-quake-turkey'));
  assert.equal(bridge.merged.length, 1, 'the agency report links both');
  const { from, into } = bridge.merged[0]!;
  assert.deepEqual(new Set([from, into]), new Set([local.story, town.story]));
  assert.equal(bridge.story, into);
  assert.equal(state.stories.resolve(from), into, 'the merged-away id redirects');
  assert.equal(state.stories.get(from), undefined);
  assert.equal(state.stories.get(into)!.members.length, 3);
  // Later reports of the quake join the merged story.
  for (const d of turkey.filter((x) => ![local.id, town.id, bridge.id].includes(x.id))) {
    assert.equal(state.stories.resolve(engine.place(d).story), into, d.id);
  }
});

test('defaults: the Peru and Turkey earthquakes of one week never share a story, in any of several arrival orders', () => {
  const peru = coverage('quake-peru');
  const turkey = coverage('quake-turkey');
  const docs = [...peru, ...turkey];
  const pub = [...docs].sort((a, b) => a.publishedMs - b.publishedMs);
  const orders = [pub, [...pub].reverse(), [...peru, ...turkey].reverse(), [...turkey, ...peru], interleave(turkey, peru), interleave(peru, turkey)];
  for (const order of orders) {
    const state = createMemoryState();
    const engine = new StoryEngine(state);
    const placements: Placement[] = order.map((d) => engine.place(d));
    const storyOf = (id: string) => state.stories.resolve(state.stories.storyOf(id)!);
    const peruStories = new Set(peru.map((d) => storyOf(d.id)));
    for (const d of turkey) assert.ok(!peruStories.has(storyOf(d.id)), `${d.id} joined a Peru story (order ${order.map((x) => x.id).join(' ')})`);
    for (const p of placements) {
      for (const m of p.merged) {
        const side = (id: string) => (peru.some((d) => d.id === id) ? 'peru' : 'turkey');
        assert.equal(side(m.from), side(m.into), `merged ${m.from} into ${m.into}`);
      }
    }
  }
});

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
