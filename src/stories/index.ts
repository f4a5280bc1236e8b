/**
 * Stories: near-duplicates, online story clustering, story facts and related articles.
 * Pure and in memory; state sits behind three interfaces so that it can live in tables.
 *
 * Use from the `place-article` job:
 * ```ts
 * const engine = new StoryEngine({ dedup, stories, terms });   // stores implementing DedupStore, StoryStore, TermStats
 * const p = engine.place({ id, title, text, publishedMs, source, entities });  // entities: names from the reading engine
 * // persist: story_article(p.id -> p.story); article.duplicate_of = p.duplicateOf;
 * // p.canonicalChanged: set duplicate_of = p.canonicalChanged.to for the other members of the group (see DedupResult);
 * // p.merged: story redirects (from -> into) and move story_article rows; p.headline: new story headline;
 * // p.features: term and entity vectors for related articles.
 * const facts = storyFacts(articlesOfTheStoryWithTheirReadResults);
 * const related = relatedArticles(target, candidates);
 * ```
 * Placement is sequential by nature (each article sees the stories made before it): run
 * `place-article` one at a time (a single-concurrency job kind or an advisory lock).
 * Articles may arrive in any order: each is compared with the stories around its own
 * publication time, among those whose latest article is within `retentionDays` (30) of the
 * newest article seen; a process that rebuilds its engine should replay that much.
 * The in-memory stores (`createMemoryState`) back the CLI, the evaluation and the benchmark.
 */
export { DEFAULT_CLUSTER, DEFAULT_STORIES, StoryEngine } from './cluster.ts';
export type { ArticleInput, ClusterConfig, Placement, StoriesConfig, StoriesState, StoryRecord, StoryStore } from './cluster.ts';
export { DEFAULT_DEDUP, duplicateOf, isWireSource, MemoryDedupStore, placeDuplicate } from './dedup.ts';
export type { DedupConfig, DedupEntry, DedupInput, DedupResult, DedupStore, DuplicateGroup } from './dedup.ts';
export { normaliseMeasure, storyFacts, wireCredit } from './facts.ts';
export type { Citation, Disagreement, FactArticle, FactFigure, StoryFacts } from './facts.ts';
export { createMemoryState, MemoryStoryStore } from './memory-store.ts';
export type { MemoryState } from './memory-store.ts';
export { DEFAULT_RELATED, RelatedIndex, relatedArticles } from './related.ts';
export type { RelatedArticle, RelatedOptions, RelatedResult } from './related.ts';
export { MemoryTermStats } from './vectors.ts';
export type { SparseVector, TermStats } from './vectors.ts';
export { parseDocumentLine, placeBatch } from './batch.ts';
export type { BatchResult } from './batch.ts';
