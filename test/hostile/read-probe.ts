/**
 * Runs the reading engine and ask on one input and checks, where the result is (in the
 * worker of isolate.ts, so huge results need not be copied back), that every citation
 * points into the sentence list. Returns a small summary.
 */
import { readArticle } from '../../src/read/index.ts';
import { askArticle } from '../../src/read/ask.ts';
import type { ReadInput, ReadResult } from '../../src/read/types.ts';

export interface ReadProbe {
  sentences: number;
  /** "where: index" for every citation outside 0..sentences-1 or not an integer. */
  badIndexes: string[];
  answers: { question: string; answer: string; citations: number[] }[];
  jsonChars: number;
}

/** Every place a ReadResult cites a sentence, as [where, index]. */
export function citations(r: ReadResult): [string, unknown][] {
  const out: [string, unknown][] = [];
  r.summary.forEach((s, i) => out.push([`summary.${i}`, s.sentence]));
  r.timeline.forEach((s, i) => out.push([`timeline.${i}`, s.sentence]));
  r.quotes.forEach((s, i) => out.push([`quotes.${i}`, s.sentence]));
  r.figures.forEach((s, i) => out.push([`figures.${i}`, s.sentence]));
  for (const kind of ['people', 'organizations', 'places'] as const) {
    r.entities[kind].forEach((e, i) => e.sentences.forEach((s, j) => out.push([`entities.${kind}.${i}.sentences.${j}`, s])));
  }
  return out;
}

function isValidIndex(i: unknown, n: number): boolean {
  return typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < n;
}

export function readAndAsk(input: ReadInput, questions: string[]): ReadProbe {
  const r = readArticle(input);
  const n = r.sentences.length;
  const badIndexes = citations(r)
    .filter(([, i]) => !isValidIndex(i, n))
    .map(([where, i]) => `${where}: ${String(i)}`);
  const answers = questions.map((question) => {
    const a = askArticle(r, question);
    for (const [k, c] of a.citations.entries()) {
      if (!isValidIndex(c.sentence, n)) badIndexes.push(`ask "${question}" citation ${k}: ${String(c.sentence)}`);
      else if (c.text !== r.sentences[c.sentence]) badIndexes.push(`ask "${question}" citation ${k}: text differs from sentence ${c.sentence}`);
    }
    return { question, answer: a.answer, citations: a.citations.map((c) => c.sentence) };
  });
  return { sentences: n, badIndexes: badIndexes.slice(0, 20), answers, jsonChars: JSON.stringify(r).length };
}
