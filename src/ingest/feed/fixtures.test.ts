// One loop over test/fixtures/feeds: each folder holds a feed and expected.json (see expectations.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from './index.ts';
import { checkFeed, loadFeedFixtures } from './expectations.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const fixtures = loadFeedFixtures();

test('the fixture set is large enough to mean something', () => {
  assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
});

test('feed fixtures', async (t) => {
  for (const f of fixtures) {
    await t.test(f.slug, () => {
      const result = parseFeed(f.bytes, { contentType: f.expected.contentType, url: f.expected.url, now: NOW });
      const failed = checkFeed(f.expected, result).filter((c) => !c.pass);
      const detail = failed.map((c) => `  ${c.name}: got ${JSON.stringify(c.got)} instead of ${JSON.stringify(c.want)}`).join('\n');
      assert.equal(failed.length, 0, `${f.slug} (${f.expected.notes ?? ''}):\n${detail}${result.ok ? '' : `\n  error: ${result.error}`}`);
    });
  }
});
