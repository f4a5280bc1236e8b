/**
 * Records of the reading engine. `ReadResult` is exactly the JSON that
 * `tidings read --json` prints for one file, minus its "file" key.
 *
 * Every `sentence` field is an index into `ReadResult.sentences`. When the input
 * has a title, `sentences[0]` is the title and the body starts at index 1; without
 * a title the body starts at index 0.
 */

/** One sentence of the input; `start`/`end` are character offsets into the text that was split. */
export interface Sentence {
  index: number;
  text: string;
  start: number;
  end: number;
  /** 0-based paragraph number (paragraphs are separated by newlines). */
  paragraph: number;
}

export interface ReadInput {
  title?: string | null;
  text: string;
  /** Publication time; relative dates ("on Saturday") are resolved against it. */
  published?: string | Date | null;
}

export interface ReadOptions {
  /** Number of summary sentences wanted (3..5, default chosen from article length). */
  summarySentences?: number;
  /** Also list lowercase generic bodies ("the interior ministry") as organizations; default false. */
  genericBodies?: boolean;
}

export interface SummaryEntry {
  text: string;
  sentence: number;
}

export interface EntityEntry {
  /** Canonical name: the fullest form the article uses, titles stripped. */
  name: string;
  /** Every other form seen in the text (short names, acronyms, variants), as written. */
  aliases: string[];
  /** Number of mentions, all forms counted. */
  mentions: number;
  /** Sorted, distinct sentence indexes where it is mentioned. */
  sentences: number[];
}

export interface Entities {
  people: EntityEntry[];
  organizations: EntityEntry[];
  places: EntityEntry[];
}

export interface TimelineEntry {
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  date: string;
  /** The date expression as written ("on Saturday", "in December 2023"). */
  text: string;
  /** What happened then: a short clause from the sentence. */
  event: string;
  sentence: number;
}

export interface QuoteEntry {
  /** Canonical name of the speaker (a person or organization), or null when unknown. */
  speaker: string | null;
  /** The quoted words, without quote marks. */
  text: string;
  sentence: number;
}

export interface FigureEntry {
  value: number;
  /** "people", "USD", "%", "km", ... or null for a bare count. */
  unit: string | null;
  /** What is counted or measured ("killed", "Afghans evacuated"). */
  what: string | null;
  /** "at least", "nearly", "more than", ... or null. */
  qualifier: string | null;
  /** The figure as written ("at least 940 people"). */
  text: string;
  sentence: number;
}

export interface ReadResult {
  /** ISO 639-1 code ("en", "fr", ...) or "und" when unknown. English-only features are empty for other languages. */
  lang: string;
  sentences: string[];
  summary: SummaryEntry[];
  hashtags: string[];
  entities: Entities;
  timeline: TimelineEntry[];
  quotes: QuoteEntry[];
  figures: FigureEntry[];
}

export interface Citation {
  sentence: number;
  text: string;
}

export interface AskResult {
  answer: string;
  citations: Citation[];
}

/** The answer given when the article does not answer the question. */
export const NO_ANSWER = 'The article does not say.';
