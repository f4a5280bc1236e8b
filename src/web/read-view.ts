/**
 * The reading result and story facts as pages use them: parsed from their JSON columns
 * with zod, tolerant of older or partial results (a missing list is empty, a bad entry is
 * dropped), so one odd row never breaks a page.
 */
import { z } from 'zod';

const idx = z.number().int().nonnegative();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .default([])
    .transform((xs) => xs.flatMap((x) => {
      const r = item.safeParse(x);
      return r.success ? [r.data as z.output<T>] : [];
    }));

const entity = z.object({ name: z.string().min(1), aliases: z.array(z.string()).catch([]).default([]), mentions: z.number().catch(1).default(1), sentences: z.array(idx).catch([]).default([]) });

export const ReadView = z.object({
  lang: z.string().catch('und').default('und'),
  sentences: z.array(z.string()).catch([]).default([]),
  summary: list(z.object({ text: z.string(), sentence: idx })),
  hashtags: list(z.string()),
  entities: z
    .object({ people: list(entity), organizations: list(entity), places: list(entity) })
    .catch({ people: [], organizations: [], places: [] })
    .default({ people: [], organizations: [], places: [] }),
  timeline: list(z.object({ date: z.string(), text: z.string().catch('').default(''), event: z.string().catch('').default(''), sentence: idx })),
  quotes: list(z.object({ speaker: z.string().nullable().catch(null).default(null), text: z.string(), sentence: idx })),
  figures: list(z.object({ value: z.number(), unit: z.string().nullable().catch(null).default(null), what: z.string().nullable().catch(null).default(null), qualifier: z.string().nullable().catch(null).default(null), text: z.string(), sentence: idx })),
});
export type ReadView = z.output<typeof ReadView>;

export function parseRead(json: string | null): ReadView | null {
  if (!json) return null;
  try {
    const r = ReadView.safeParse(JSON.parse(json));
    return r.success && r.data.sentences.length ? r.data : null;
  } catch {
    return null;
  }
}

const citation = z.object({ article: z.union([z.string(), z.number()]).transform(String), source: z.string().catch('').default(''), via: z.string().nullable().catch(null).default(null), sentence: idx, text: z.string().catch('').default('') });

export const FactsView = z.object({
  outlets: list(z.object({ source: z.string(), articles: z.array(z.union([z.string(), z.number()]).transform(String)).catch([]).default([]), firstMs: z.number().catch(0), latestMs: z.number().catch(0) })),
  timeline: list(z.object({ date: z.string(), event: z.string().catch('').default(''), citations: list(citation) })),
  quotes: list(z.object({ speaker: z.string().nullable().catch(null).default(null), quotes: list(z.object({ text: z.string(), citations: list(citation) })) })),
  disagreements: list(
    z.object({
      measure: z.string(),
      values: list(z.object({ value: z.number(), unit: z.string().nullable().catch(null).default(null), qualifier: z.string().nullable().catch(null).default(null), text: z.string().catch('').default(''), sources: z.array(z.string()).catch([]).default([]), citations: list(citation) })),
    }),
  ),
});
export type FactsView = z.output<typeof FactsView>;
export type CitationView = z.output<typeof citation>;

export function parseFacts(facts: unknown): FactsView | null {
  if (!facts || typeof facts !== 'object') return null;
  const r = FactsView.safeParse(facts);
  return r.success ? r.data : null;
}

/** The entity page kind for a reading-result list. */
export const ENTITY_KINDS = { people: 'person', organizations: 'organization', places: 'place' } as const;
export const KIND_LABELS: Record<string, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };
