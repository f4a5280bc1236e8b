/**
 * The first-start demo: the bundled sample outlets (samples/, built by
 * scripts/build-samples.ts from the labelled coverage set) go through the whole pipeline
 * on a fresh SQLite database, as `tidings serve` runs them on an empty one.
 *
 * Checks what a newcomer should see: every sample article stored once with its full text
 * and without the page furniture, stories covered by several outlets, wire copies marked
 * as duplicates, the Sweida death tolls shown as a disagreement, hashtags.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshStore } from './support/db.ts';
import { runUntilIdle, testConfig } from './support/pipeline.ts';
import { log } from '../src/log.ts';
import { onFirstStart } from '../src/first-start.ts';
import { serializeOpml } from '../src/ingest/opml.ts';
import { listSources } from '../src/store/sources.ts';
import { buildSamples, compareWithDisk, readCoverage } from '../scripts/build-samples.ts';

log.level = 'error';

/** Page furniture of the generated templates, none of it in any article of the set. */
const FURNITURE = ['Subscribe to our newsletter', 'Share this article', 'Read more', 'Advertisement', 'Privacy policy', 'Most read', 'Trust Principles', 'Skip to main content', 'All rights reserved.\n'];

test('samples/ matches what scripts/build-samples.ts builds from the coverage set', () => {
  const problems = compareWithDisk(buildSamples());
  assert.deepEqual(problems.slice(0, 10), [], 'run: npx tsx scripts/build-samples.ts');
});

test('first start: the sample outlets become a populated site', async (t) => {
  const coverage = readCoverage();
  const build = buildSamples(coverage);
  const planned = build.plans.flatMap((o) => o.articles.map((p) => ({ ...p, outlet: o.name })));
  assert.ok(build.plans.length >= 50 && planned.length >= 120, `${build.plans.length} outlets, ${planned.length} articles`);

  const store = await freshStore('sqlite');
  const config = testConfig({ TIDINGS_SAMPLES: 'true', TIDINGS_LOG_LEVEL: 'error' });
  await onFirstStart({ store, config });
  const sources = await listSources(store);
  assert.equal(sources.length, build.plans.length + 3, 'the three seed outlets and every generated one');
  assert.ok(sources.every((s) => s.kind === 'sample'));
  await runUntilIdle(store, config, { concurrency: 2, timeoutMs: 85_000 });

  const rows = await store.db
    .selectFrom('articles')
    .leftJoin('article_bodies', 'article_bodies.article_id', 'articles.id')
    .leftJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.id', 'articles.url', 'articles.title', 'articles.status', 'articles.is_partial', 'articles.error', 'articles.duplicate_of', 'articles.story_id', 'articles.published_at', 'articles.byline', 'article_bodies.text', 'sources.name as source'])
    .execute();
  const byUrl = new Map(rows.map((r) => [r.url, r]));

  await t.test('every article is stored once, placed, with its full text', () => {
    assert.equal(rows.length, planned.length + 4, 'the generated articles and the seed samples\' four');
    assert.equal(byUrl.size, rows.length, 'no URL stored twice');
    const problems: string[] = [];
    for (const p of planned) {
      const r = byUrl.get(p.url);
      if (!r) {
        problems.push(`${p.a.id}: not stored (${p.url})`);
        continue;
      }
      if (r.status !== 'placed' || r.is_partial || r.error) problems.push(`${p.a.id}: status ${r.status}, partial ${r.is_partial}, error ${r.error}`);
      if (r.source !== p.outlet) problems.push(`${p.a.id}: stored under ${r.source}`);
      if (r.published_at !== Date.parse(p.a.published)) problems.push(`${p.a.id}: published ${new Date(r.published_at ?? 0).toISOString()} instead of ${p.a.published}`);
      const text = r.text ?? '';
      // Every paragraph of prose is kept word for word (short credit lines such as
      // "Reuters" may go: the extractor removes agency credits).
      for (const para of p.a.text.split('\n\n').filter((x) => x.length >= 100)) {
        if (!text.includes(para)) problems.push(`${p.a.id}: paragraph missing: "${para.slice(0, 60)}…"`);
      }
    }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  });

  await t.test('page furniture is not in the extracted text', () => {
    const leaks: string[] = [];
    for (const o of build.plans) {
      for (const p of o.articles) {
        const text = byUrl.get(p.url)?.text ?? '';
        for (const f of FURNITURE) if (text.includes(f)) leaks.push(`${p.a.id}: "${f.trim()}"`);
        // The "Read more" box lists the outlet's other headlines.
        for (const other of o.articles) if (other !== p && text.includes(other.a.title)) leaks.push(`${p.a.id}: headline "${other.a.title}"`);
      }
    }
    assert.deepEqual(leaks.slice(0, 10), [], `${leaks.length} leaks`);
  });

  const stories = await store.db.selectFrom('stories').select(['id', 'headline', 'outlet_count', 'article_count', 'facts']).where('merged_into', 'is', null).execute();

  await t.test('stories are covered by several outlets', () => {
    const wide = stories.filter((s) => s.outlet_count >= 3);
    assert.ok(wide.length >= 1, 'a story with 3+ outlets');
    // The set has 31 stories with 3+ outlets; clustering splits some, but a demo shows many.
    assert.ok(wide.length >= 10, `only ${wide.length} stories with 3+ outlets: ${stories.map((s) => `${s.outlet_count} ${s.headline}`).join(' | ')}`);
    // Stories are not glued together: no story mixes articles of more than two gold stories.
    const gold = new Map(coverage.map((a) => [a.title, a.story]));
    const mixed = stories.filter((s) => new Set(rows.filter((r) => r.story_id === s.id).map((r) => gold.get(r.title))).size > 2);
    assert.deepEqual(mixed.map((s) => s.headline), []);
  });

  await t.test('wire copies are marked as duplicates of an article of the same story', () => {
    const dups = rows.filter((r) => r.duplicate_of !== null);
    assert.ok(dups.length >= 1, 'an article with duplicate_of set');
    const gold = new Map(coverage.map((a) => [a.title, a]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const d of dups) {
      const original = byId.get(d.duplicate_of!);
      assert.ok(original, `${d.title}: duplicate_of points at a stored article`);
      assert.equal(gold.get(d.title)?.story, gold.get(original.title)?.story, `"${d.title}" marked a copy of "${original.title}"`);
    }
    const goldCopies = coverage.filter((a) => a.duplicate_of).length;
    assert.ok(dups.length >= goldCopies / 2, `${dups.length} duplicates found of the set's ${goldCopies}`);
  });

  await t.test('the Sweida story shows the 940 and 718 tolls as a disagreement', () => {
    const sweida = stories.filter((s) => rows.some((r) => r.story_id === s.id && /Sweida/.test(r.title)));
    assert.ok(sweida.length >= 1);
    const values = sweida.flatMap((s) => (JSON.parse(s.facts ?? '{}').disagreements ?? []).flatMap((d: { values: { value: number }[] }) => d.values.map((v) => v.value)));
    assert.ok(values.includes(940) && values.includes(718), `disagreement values: ${JSON.stringify(values)}`);
  });

  await t.test('hashtags and OPML folders', async () => {
    const tags = await store.db.selectFrom('article_hashtags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(tags.n) >= planned.length, `${tags.n} hashtags`);
    const opml = serializeOpml(sources.map((s) => ({ name: s.name, feedUrl: s.feedUrl, siteUrl: s.siteUrl, folder: s.folder, kind: 'feed' as const })));
    for (const folder of ['Wires', 'World', 'Business', 'Sport']) assert.match(opml, new RegExp(`<outline text="${folder}"`), `folder ${folder} in OPML`);
  });
});
