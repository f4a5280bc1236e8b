/**
 * The shape of one hand-annotated reading fixture (test/fixtures/read/<slug>.json).
 * Shared by the fixture test and `eval/read.eval.ts`; conventions are in
 * test/fixtures/read/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const NO_ANSWER = 'The article does not say.';

const entity = z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)) });
const isoDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

export const ReadFixture = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  kind: z.enum(['wire', 'analysis', 'live-blog', 'interview', 'court', 'business', 'science', 'sports', 'disaster', 'election', 'obituary', 'politics', 'health', 'culture', 'technology', 'feature', 'environment', 'crime']),
  source: z.string().min(5),
  published: isoDate.refine((s) => s.length === 10, 'published must be YYYY-MM-DD'),
  title: z.string().min(5),
  text: z.string().min(200),
  expected: z.strictObject({
    people: z.array(entity),
    organizations: z.array(entity),
    places: z.array(entity),
    timeline: z.array(z.strictObject({ date: isoDate, text: z.string().min(2) })),
    quotes: z.array(z.strictObject({ speaker: z.string().min(1), text: z.string().min(2) })),
    figures: z.array(
      z.strictObject({
        value: z.number().finite(),
        unit: z.string().min(1).nullable().optional(),
        what: z.string().min(1),
        qualifier: z.string().min(1).nullable(),
        text: z.string().min(1),
      }),
    ),
    summary: z.array(z.string().min(10)).min(3).max(4),
    qa: z
      .array(z.strictObject({ question: z.string().endsWith('?'), answers: z.array(z.string().min(1)).min(1) }))
      .min(4)
      .max(6),
  }),
});
export type ReadFixture = z.infer<typeof ReadFixture>;

export const READ_FIXTURE_DIR = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'read');

/** Loads and validates every fixture; a bad file throws with its name and the zod message. */
export function loadReadFixtures(dir = READ_FIXTURE_DIR): ReadFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = ReadFixture.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`read fixture ${f}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}
