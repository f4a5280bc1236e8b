/**
 * The reading engine: one article in, one `ReadResult` out (sentences, entities,
 * hashtags, timeline, quotes, figures, summary). Pure and synchronous; the LLM mode
 * lives in llm.ts and wraps this.
 *
 * Sentence numbering: when a title is given, `sentences[0]` is the title (always one
 * sentence, whatever its punctuation) and the body starts at 1. Every `sentence` field in
 * the result indexes `sentences`. Entities and dates in the title count like any other.
 *
 * Non-English text (see lang.ts) gets its sentences and a summary; the English-only
 * features (entities, hashtags, timeline, quotes, figures) are empty rather than misread.
 */
import { splitSentencesWithCredits, MAX_SENTENCE_CHARS, type Credit } from './sentences.ts';
import { detectLanguage } from './lang.ts';
import { extractEntities } from './entities.ts';
import { makeHashtags } from './hashtags.ts';
import { summarize } from './summary.ts';
import { extractTimeline } from './timeline.ts';
import { extractQuotes } from './quotes.ts';
import { extractFigures } from './figures.ts';
import type { ReadInput, ReadOptions, ReadResult, Sentence } from './types.ts';

export type { ReadInput, ReadOptions, ReadResult, Sentence } from './types.ts';

/**
 * Sentences of title + body, as `readArticle` numbers them; `credits` are the datelines
 * and agency credits left out of them, with the sentence they belong to.
 */
export function articleSentences(input: { title?: string | null; text: string }): { sentences: Sentence[]; hasTitle: boolean; credits: Credit[] } {
  let title = (typeof input.title === 'string' ? input.title : '').replace(/\s+/g, ' ').trim();
  // A title is one sentence; a runaway one (a scraped paragraph) is cut like long sentences.
  if (title.length > MAX_SENTENCE_CHARS) title = title.slice(0, title.lastIndexOf(' ', MAX_SENTENCE_CHARS) > 0 ? title.lastIndexOf(' ', MAX_SENTENCE_CHARS) : MAX_SENTENCE_CHARS).trim();
  let body = typeof input.text === 'string' ? input.text : '';
  if (title) body = stripRepeatedTitle(body, title);
  const split = splitSentencesWithCredits(body);
  if (!title) return { sentences: split.sentences, hasTitle: false, credits: split.credits };
  const offset = title.length + 1;
  const sentences: Sentence[] = [{ index: 0, text: title, start: 0, end: title.length, paragraph: 0 }];
  for (const s of split.sentences) {
    sentences.push({ index: sentences.length, text: s.text, start: s.start + offset, end: s.end + offset, paragraph: s.paragraph + 1 });
  }
  return { sentences, hasTitle: true, credits: split.credits.map((c) => ({ text: c.text, sentence: c.sentence + 1 })) };
}

/**
 * Scraped bodies often repeat the headline glued to the first sentence
 * ("Sweida clashes continue The government says ..."); drop that copy.
 */
function stripRepeatedTitle(body: string, title: string): string {
  const lead = body.trimStart();
  const norm = (x: string) => x.replace(/\s+/g, ' ').toLowerCase();
  const head = lead.slice(0, title.length + 20);
  if (!norm(head).startsWith(norm(title))) return body;
  // Walk the original text to the end of the repeated title, whitespace-insensitively.
  let i = 0;
  let matched = 0;
  const t = title.toLowerCase();
  while (i < lead.length && matched < t.length) {
    const c = lead[i]!.toLowerCase();
    if (/\s/.test(c) && (matched === 0 || /\s/.test(t[matched - 1]!) || t[matched] !== ' ')) {
      if (t[matched] === ' ') matched++;
      i++;
      continue;
    }
    if (c !== t[matched]) return body;
    i++;
    matched++;
  }
  const rest = lead.slice(i);
  if (rest && !/^\s/.test(rest)) return body; // title was only a prefix of a longer word
  return rest.trim() ? rest.replace(/^[ \t]+/, '') : body;
}

export function parsePublished(published: string | Date | null | undefined): Date | null {
  if (published == null || published === '') return null;
  const d = published instanceof Date ? published : new Date(/^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T12:00:00Z` : published);
  return Number.isNaN(d.getTime()) ? null : d;
}


/** Reads one article. Never throws on odd input: empty text gives empty lists. */
export function readArticle(input: ReadInput, opts: ReadOptions = {}): ReadResult {
  const { sentences, hasTitle, credits } = articleSentences(input);
  const lang = detectLanguage(sentences.map((s) => s.text).join(' '));
  const published = parsePublished(input.published);
  const english = lang === 'en';
  const entities = english ? extractEntities(sentences, credits, { genericBodies: opts.genericBodies }) : { people: [], organizations: [], places: [] };
  const summary = summarize(sentences, { hasTitle, count: opts.summarySentences, entities });
  return {
    lang,
    sentences: sentences.map((s) => s.text),
    summary,
    hashtags: english ? makeHashtags(entities, sentences, hasTitle) : [],
    entities,
    timeline: english ? extractTimeline(sentences, published) : [],
    quotes: english ? extractQuotes(sentences, entities.people, entities.organizations) : [],
    figures: english ? extractFigures(sentences) : [],
  };
}
