/**
 * Validates the hand-annotated reading-engine fixtures (test/fixtures/read/*.json), so a
 * broken annotation fails CI before it silently skews `npm run eval -- read`.
 * Conventions are in test/fixtures/read/README.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NO_ANSWER, ReadFixture, READ_FIXTURE_DIR } from '../eval/lib/read-fixture.ts';

const DIR = READ_FIXTURE_DIR;

/** Case-insensitive, with typographic apostrophes folded, so annotations need not copy them exactly. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

test('there are at least 25 read fixtures', () => {
  assert.ok(files.length >= 25, `only ${files.length} fixtures in ${DIR}`);
});

for (const file of files) {
  test(`read fixture ${file}`, async (t) => {
    const raw: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    const parsed = ReadFixture.safeParse(raw);
    if (!parsed.success) assert.fail(`${file}: ${z.prettifyError(parsed.error)}`);
    const fx = parsed.data;
    const doc = fold(`${fx.title}\n${fx.text}`);

    await t.test('slug matches the file name', () => assert.equal(`${fx.slug}.json`, file));

    await t.test('every entity name and alias appears in the article', () => {
      for (const type of ['people', 'organizations', 'places'] as const) {
        for (const e of fx.expected[type]) {
          for (const name of [e.name, ...e.aliases]) {
            assert.ok(doc.includes(fold(name)), `${type} "${name}" is not in the text`);
          }
        }
      }
    });

    await t.test('no name is listed under two entities', () => {
      const seen = new Map<string, string>();
      for (const type of ['people', 'organizations', 'places'] as const) {
        for (const e of fx.expected[type]) {
          for (const name of new Set([e.name, ...e.aliases].map(fold))) {
            assert.ok(!seen.has(name), `"${name}" is listed under ${seen.get(name)} and ${type}/${e.name}`);
            seen.set(name, `${type}/${e.name}`);
          }
        }
      }
    });

    await t.test('every timeline expression appears as often as it is annotated', () => {
      const byText = new Map<string, number>();
      for (const e of fx.expected.timeline) byText.set(fold(e.text), (byText.get(fold(e.text)) ?? 0) + 1);
      for (const [text, n] of byText) {
        const seen = count(doc, text);
        assert.ok(seen >= n, `timeline "${text}" annotated ${n} times, found ${seen} times`);
      }
    });

    await t.test('every quote appears verbatim (parts split by " ... ")', () => {
      const speakers = new Set(
        [...fx.expected.people, ...fx.expected.organizations].flatMap((e) => [e.name, ...e.aliases]).map(fold),
      );
      for (const q of fx.expected.quotes) {
        for (const part of q.text.split(' ... ')) {
          assert.ok(doc.includes(fold(part)), `quote part "${part}" is not in the text`);
        }
        assert.ok(!/^["'\u201c\u201d\u2018\u2019]|["\u201c\u201d]$/.test(q.text), `quote "${q.text}" keeps its quote marks`);
        // Named speakers must be annotated entities; unnamed ones ("a doctor in Sweida") are written lower-case.
        if (/^[A-Z]/.test(q.speaker)) assert.ok(speakers.has(fold(q.speaker)), `speaker "${q.speaker}" is not a listed person or organization`);
        else assert.ok(doc.includes(fold(q.speaker)), `unnamed speaker "${q.speaker}" is not in the text`);
      }
    });

    await t.test('every figure appears as written', () => {
      for (const f of fx.expected.figures) assert.ok(doc.includes(fold(f.text)), `figure "${f.text}" is not in the text`);
    });

    await t.test('summary and questions are well formed', () => {
      assert.ok(fx.expected.qa.some((q) => q.answers.length === 1 && q.answers[0] === NO_ANSWER), 'no unanswerable question');
      for (const q of fx.expected.qa) {
        if (q.answers.includes(NO_ANSWER)) continue;
        for (const a of q.answers) assert.ok(a.split(/\s+/).length <= 12, `answer "${a}" is not a short span`);
      }
    });
  });
}
