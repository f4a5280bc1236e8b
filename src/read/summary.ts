/** Extractive summary: placeholder (first sentences); replaced by the ranked version below. */
import type { Sentence, SummaryEntry } from './types.ts';

export function summarize(sentences: Sentence[], opts: { hasTitle: boolean; count?: number; entities?: unknown }): SummaryEntry[] {
  const body = sentences.filter((s) => !(opts.hasTitle && s.index === 0));
  return body.slice(0, opts.count ?? 3).map((s) => ({ text: s.text, sentence: s.index }));
}
