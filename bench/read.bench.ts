/**
 * Reading-engine speed: the offline `readArticle` on a typical ~800-word news article
 * (median of many runs, one process, one core), articles per second over a batch of the
 * hand-annotated reading fixtures, and `askArticle` per question. Baseline in the same
 * run on the same texts: compromise alone (`nlp(text)` then `.people()`,
 * `.organizations()`, `.places()`), which finds names but resolves nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { table } from '../scripts/report.ts';
import { readArticle } from '../src/read/index.ts';
import { askArticle } from '../src/read/ask.ts';

export const title = 'Reading engine speed (offline readArticle vs compromise alone)';

interface Article {
  slug: string;
  title: string;
  text: string;
  published: string;
}

function loadArticles(): Article[] {
  const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'read');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Article);
}

const words = (a: Article) => `${a.title} ${a.text}`.split(/\s+/).filter(Boolean).length;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!;
}

function compromiseOnly(a: Article): number {
  const doc = nlp(`${a.title}\n${a.text}`);
  return doc.people().length + doc.organizations().length + doc.places().length;
}

function timeRuns(fn: () => unknown, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function run(): Promise<string> {
  const articles = loadArticles();
  if (!articles.length) return 'No reading fixtures found in test/fixtures/read.';
  // A typical article: the fixture closest to 800 words.
  const typical = [...articles].sort((a, b) => Math.abs(words(a) - 800) - Math.abs(words(b) - 800))[0]!;

  const coldStart = performance.now();
  readArticle(typical);
  const coldMs = performance.now() - coldStart;
  compromiseOnly(typical);
  for (let i = 0; i < 5; i++) {
    readArticle(typical);
    compromiseOnly(typical);
  }

  const runs = 60;
  const ours = timeRuns(() => readArticle(typical), runs);
  const base = timeRuns(() => compromiseOnly(typical), runs);

  const rounds = 5;
  const batchStart = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of articles) readArticle(a);
  const batchS = (performance.now() - batchStart) / 1000;
  const baseStart = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of articles) compromiseOnly(a);
  const baseS = (performance.now() - baseStart) / 1000;
  const n = rounds * articles.length;
  const totalWords = articles.reduce((s, a) => s + words(a), 0) * rounds;

  const read = readArticle(typical);
  const questions = ['Who said it?', 'When did it happen?', 'Where did it happen?', 'How many people were affected?', 'What did officials say?', 'Why did it happen?'];
  const ask = timeRuns(() => {
    for (const q of questions) askArticle(read, q);
  }, 20).map((ms) => ms / questions.length);

  return [
    `Typical article: \`${typical.slug}\` (${words(typical)} words, ${read.sentences.length} sentences). Batch: ${articles.length} fixtures x ${rounds} rounds (${n} articles, ${Math.round(totalWords / rounds)} words per round), one process, one core. First call (builds the gazetteer, loads compromise's lexicon): ${coldMs.toFixed(0)} ms.`,
    '',
    table(
      ['system', 'median ms / article', 'p90 ms / article', 'batch articles/s', 'batch words/s'],
      [
        ['readArticle (sentences, entities, hashtags, timeline, quotes, figures, summary)', median(ours), p90(ours), Math.round(n / batchS), Math.round(totalWords / batchS)],
        ['compromise alone (people, organizations, places)', median(base), p90(base), Math.round(n / baseS), Math.round(totalWords / baseS)],
      ],
    ),
    '',
    table(['operation', 'median ms'], [['askArticle, per question (on a read article)', median(ask)]]),
    '',
    'The machine is shared with other work, so absolute numbers move between runs; compare rows of one run.',
  ].join('\n');
}
