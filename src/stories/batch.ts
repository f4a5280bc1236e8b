/**
 * Batch placement over JSON lines, as the live pipeline would place them one by one:
 * documents are taken in publication order (input order breaks ties) and the answers are
 * read at the end, after every merge and every change of canonical copy.
 */
import { z } from 'zod';
import { DEFAULT_STORIES, StoryEngine, type ArticleInput, type StoriesConfig } from './cluster.ts';
import { duplicateOf } from './dedup.ts';
import { createMemoryState, type MemoryState } from './memory-store.ts';

export const documentSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string().default(''),
  text: z.string().default(''),
  published: z.union([z.string(), z.number()]),
  source: z.string().default(''),
  entities: z.array(z.string()).optional(),
});

export type DocumentLine = z.infer<typeof documentSchema>;

/** Parses a publication time: ISO 8601 (or anything Date parses), or a number of milliseconds (seconds if below 1e11). */
export function parsePublished(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? (Math.abs(value) < 1e11 ? value * 1000 : value) : null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export type ParsedLine = { kind: 'ok'; doc: ArticleInput; line: number } | { kind: 'error'; line: number; error: string } | { kind: 'blank'; line: number };

/** Parses one JSON line into an article, or an error value naming what is wrong. */
export function parseDocumentLine(text: string, line: number): ParsedLine {
  if (!text.trim()) return { kind: 'blank', line };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { kind: 'error', line, error: `invalid JSON: ${(err as Error).message}` };
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'error', line, error: `${issue.path.join('.') || 'line'}: ${issue.message}` };
  }
  const publishedMs = parsePublished(parsed.data.published);
  if (publishedMs === null) return { kind: 'error', line, error: `published: not a date: ${JSON.stringify(parsed.data.published)}` };
  if (!parsed.data.title.trim() && !parsed.data.text.trim()) return { kind: 'error', line, error: 'title and text are both empty' };
  const d = parsed.data;
  return { kind: 'ok', line, doc: { id: d.id, title: d.title, text: d.text, publishedMs, source: d.source, entities: d.entities } };
}

export interface BatchResult {
  id: string;
  story: string;
  duplicate_of: string | null;
}

/**
 * Places documents in publication order on a fresh in-memory state and returns one answer per
 * document in input order. A repeated id is placed once; its later lines get the same answer.
 */
export function placeBatch(docs: readonly ArticleInput[], config: StoriesConfig = DEFAULT_STORIES, state: MemoryState = createMemoryState()): BatchResult[] {
  const order = docs.map((d, i) => i).sort((a, b) => docs[a]!.publishedMs - docs[b]!.publishedMs || a - b);
  return placeInOrder(docs, order, config, state);
}

/**
 * Places documents in the given arrival order (indexes into `docs`), as the live pipeline
 * does when a backlog arrives out of publication order, and answers in input order.
 */
export function placeInOrder(docs: readonly ArticleInput[], order: readonly number[], config: StoriesConfig = DEFAULT_STORIES, state: MemoryState = createMemoryState()): BatchResult[] {
  const engine = new StoryEngine(state, config);
  for (const i of order) engine.place(docs[i]!);
  return docs.map((d) => {
    const sid = state.stories.storyOf(d.id);
    return { id: d.id, story: sid === undefined ? d.id : state.stories.resolve(sid), duplicate_of: duplicateOf(state.dedup, d.id) };
  });
}
