/** Question answering over a read article (first version: best sentence by overlap). */
import type { AskResult, ReadResult } from './types.ts';
import { NO_ANSWER } from './types.ts';

export interface AskOptions {
  /** Minimum overlap score for an answer; below it the article "does not say". */
  minScore?: number;
}

const STOP = new Set('the a an of to in on at for and or is are was were did does do what who when where how many much which why with by from that this it its be been has have had'.split(' '));
const tokens = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w));

export function askArticle(read: ReadResult, question: string, opts: AskOptions = {}): AskResult {
  const q = new Set(tokens(question ?? ''));
  let best = -1;
  let bestScore = 0;
  read.sentences.forEach((s, i) => {
    const t = new Set(tokens(s));
    let score = 0;
    for (const w of q) if (t.has(w)) score++;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best < 0 || bestScore < (opts.minScore ?? 1)) return { answer: NO_ANSWER, citations: [] };
  return { answer: read.sentences[best]!, citations: [{ sentence: best, text: read.sentences[best]! }] };
}
