/**
 * Sentence splitting for news text.
 *
 * Rules, in the order they apply:
 * - every newline ends a paragraph, and a paragraph always ends a sentence (so headings
 *   and list items without final punctuation are sentences of their own);
 * - a dateline at the start of a paragraph ("KYIV (Reuters) -", "WASHINGTON, Jan 5 (AP) —")
 *   is not a sentence and is left out of the first sentence's span;
 * - photo credits glued into the text ("... region. Photo: Reuters Sectarian clashes ...")
 *   end the sentence before them and are left out; so are trailing agency credits
 *   ("(Reuters)", "(AFP)"), bylines and "Reporting by ..." lines;
 * - ".", "!", "?", "…" and "..." end a sentence when followed by space and a token that can
 *   start one; closing quotes and brackets after the mark stay with the sentence;
 * - a period after an abbreviation (Gen., Sen., Dr., Jan., Inc., No., U.S., a.m.) or an
 *   initial ("John F. Kennedy") ends a sentence only when the next word is one that
 *   typically starts a sentence ("The", "He", "But" ...); titles (Mr., Dr., Gen.) never do;
 * - decimals and amounts ("3.5%", "$1.2 billion") never split: a boundary needs a space.
 *
 * `start`/`end` are offsets into the given text and `text === input.slice(start, end)`.
 */
import type { Sentence } from './types.ts';

/** Titles before a name: a period after them never ends a sentence. */
const TITLES = new Set(
  'mr mrs ms mx dr prof gen lt col maj capt cpt sgt cmdr cmdt adm brig sen rep gov pres supt insp det rev fr hon st sr jr messrs mme mlle sir atty amb gen'.split(' '),
);
/** Other abbreviations: end a sentence only before a typical sentence starter. */
const ABBREVIATIONS = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun inc corp co ltd plc bros llc no nos vs v etc al approx est dept univ ave blvd rd mt ft fig figs vol pp ed eds op cit ca cf ie eg am pm pt gov govt assn intl natl'.split(
    ' ',
  ),
);
/** Words that commonly begin a sentence; after an abbreviation they signal a boundary. */
const STARTERS = new Set(
  'the a an he she it they we i you his her its their our my your this that these those there here but and or so yet in on at as after before when while if although though however meanwhile still also some many most all not what why how who where which earlier later last next then now both each every one two three four five six seven eight nine ten officials police authorities according despite during since until for from by with without under over among nobody no none such instead'.split(
    ' ',
  ),
);

const CLOSERS = `"'”’»)]`;
const OPENERS = `"'“‘«([`;
const TERMINATORS = '.!?…';

/** Photo credit labels; the credit is the run of capitalised words after them. */
const CREDIT_RE = /(?:^|(?<=[\s.!?"”']))(?:Photo|Photograph|Picture|Image|Credit|Photo credit|File photo|Pictured|Video|Source)s?\s*:\s*/g;
/** "KYIV (Reuters) -", "WASHINGTON, Jan 5 (AP) —", "Kyiv, Ukraine (AP) —", "LONDON -" */
const DATELINE_RE =
  /^(?:(?:[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}(?:\s*,\s*[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,2})?(?:\s*\([A-Za-z][\w .&/-]{0,30}\))?)|(?:[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}(?:\s*,\s*[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,2})?\s*\([A-Za-z][\w .&/-]{0,30}\)))\s*(?:-{1,2}|–|—)\s+/;
const AGENCY_CREDIT_RE = /^\(?\s*(?:[A-Z][A-Za-z.&-]*(?:[ /][A-Z][A-Za-z.&-]*){0,3})\s*\)?\.?$/;
const BYLINE_RE = /^(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|in|de|van|von|al-\w+))*\s*(?:[,|/–—-]\s*[A-Z][\w .&'’-]*)?$/;
const REPORTING_RE = /^\(?\s*(?:Reporting|Additional reporting|Writing|Editing|Compiled|Translated) by\b/i;

function isUpper(ch: string | undefined): boolean {
  return !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLower(ch: string | undefined): boolean {
  return !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u2009' || ch === '\u202f';
}

/** The word just before position `i` (letters and inner periods), e.g. "U.S" for "U.S.". */
function wordBefore(s: string, i: number): string {
  let j = i;
  while (j > 0 && /[\p{L}.]/u.test(s[j - 1]!)) j--;
  return s.slice(j, i);
}
function wordAt(s: string, i: number): string {
  const m = /^[\p{L}\p{N}'’-]+/u.exec(s.slice(i, i + 40));
  return m ? m[0] : '';
}

/** Decides whether a single period at `dot` (with next token at `next`) ends a sentence. */
function periodEnds(s: string, dot: number, next: number): boolean {
  const before = wordBefore(s, dot);
  const nextWord = wordAt(s, next);
  const nextLower = nextWord.toLowerCase().replace(/['’]s$/, '');
  const nextIsStarter = STARTERS.has(nextLower);
  const lower = before.toLowerCase();
  if (!before) return true;
  if (TITLES.has(lower)) return false;
  // Single initial ("F." in "John F. Kennedy") or dotted acronym ("U.S.", "a.m.").
  if (/^\p{L}$/u.test(before)) {
    // An initial follows a capitalised name or another initial ("John F. Kennedy",
    // "J. R. R. Tolkien"); "posted on X. US envoy ..." is a sentence end.
    const prevWord = /(\S+)\s+$/u.exec(s.slice(Math.max(0, dot - 1 - 40), dot - 1))?.[1] ?? '';
    const isInitial = /^\p{Lu}/u.test(before) && (prevWord === "" || /^[\p{Lu}"“(]/u.test(prevWord) || /[.!?]["”’)]?$/u.test(prevWord));
    return isInitial ? nextIsStarter : true;
  }
  if (/^(?:\p{L}\.)+\p{L}$/u.test(before)) {
    return nextIsStarter;
  }
  if (ABBREVIATIONS.has(lower)) {
    if (/^\d/.test(s[next] ?? '')) return false;
    if (lower === 'etc') return true;
    return nextIsStarter;
  }
  return true;
}

interface Range {
  start: number;
  end: number;
}

/** Splits one paragraph range into sentence ranges (before trimming and filtering). */
function splitRange(s: string, from: number, to: number, out: Range[]) {
  let segStart = from;
  let i = from;
  while (i < to) {
    const ch = s[i]!;
    // CJK full stops end a sentence with no space after them.
    if (ch === '。' || ch === '！' || ch === '？') {
      let j = i + 1;
      while (j < to && (CLOSERS.includes(s[j]!) || s[j] === '」' || s[j] === '』')) j++;
      // 「…？」と聞いた: a quote followed by と is part of the sentence that reports it.
      const quoted = j > i + 1 && (s[j] === 'と' || s[j] === 'っ');
      if (j < to && !quoted) {
        out.push({ start: segStart, end: j });
        segStart = j;
      }
      i = j;
      continue;
    }
    if (!TERMINATORS.includes(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && TERMINATORS.includes(s[j]!)) j++;
    const markEnd = j;
    while (j < to && CLOSERS.includes(s[j]!)) j++;
    if (j < to && !isSpace(s[j])) {
      i = j;
      continue;
    }
    let k = j;
    while (k < to && isSpace(s[k])) k++;
    if (k >= to) break;
    const c = s[k]!;
    let ends: boolean;
    if (isLower(c)) ends = false;
    else if (!isUpper(c) && !/[\p{N}]/u.test(c) && !OPENERS.includes(c) && !/\p{L}/u.test(c)) ends = false;
    else if (markEnd - i === 1 && ch === '.') ends = periodEnds(s, i, OPENERS.includes(c) ? k + 1 : k);
    else ends = true;
    if (ends) {
      out.push({ start: segStart, end: j });
      segStart = k;
    }
    i = k;
  }
  out.push({ start: segStart, end: to });
}

/** Cuts photo credits out of a paragraph: returns the ranges around them. */
function cutCredits(s: string, from: number, to: number): Range[] {
  const para = s.slice(from, to);
  const ranges: Range[] = [];
  let cursor = 0;
  CREDIT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CREDIT_RE.exec(para))) {
    // The credit: capitalised tokens (or "/", "via", "for") after the label; the last
    // capitalised token before a lowercase word starts the next sentence.
    const tokRe = /\s*([^\s]+)/y;
    tokRe.lastIndex = m.index + m[0].length;
    const toks: { text: string; end: number }[] = [];
    let t: RegExpExecArray | null;
    while ((t = tokRe.exec(para)) && toks.length < 8) toks.push({ text: t[1]!, end: tokRe.lastIndex });
    let n = 0;
    while (n < toks.length && (/^[\p{Lu}\p{N}]/u.test(toks[n]!.text) || /^(?:\/|via|for|and|&)$/.test(toks[n]!.text)) && n < 5) {
      if (/[.!?]["”’)]?$/.test(toks[n]!.text)) {
        n++;
        break;
      }
      n++;
    }
    if (n === 0) continue;
    if (n < toks.length && n > 1 && isLower(toks[n]?.text[0]) && !/[.!?,;:]$/.test(toks[n - 1]!.text)) n--;
    if (n === toks.length && n > 1 && n >= 5) n = 1;
    const creditEnd = toks[n - 1]!.end;
    ranges.push({ start: from + cursor, end: from + m.index });
    cursor = creditEnd;
    CREDIT_RE.lastIndex = creditEnd;
  }
  ranges.push({ start: from + cursor, end: to });
  return ranges;
}

/**
 * Longest sentence kept whole. Real sentences stay far below it; longer runs are scraped
 * lists or text without punctuation, cut at a comma, semicolon or space so that every
 * later stage sees bounded input.
 */
export const MAX_SENTENCE_CHARS = 1200;

function capLength(s: string, r: Range): Range[] {
  const out: Range[] = [];
  let start = r.start;
  while (r.end - start > MAX_SENTENCE_CHARS) {
    const window = s.slice(start, start + MAX_SENTENCE_CHARS);
    let cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '));
    if (cut < MAX_SENTENCE_CHARS / 2) cut = window.lastIndexOf(' ');
    if (cut < MAX_SENTENCE_CHARS / 4) cut = MAX_SENTENCE_CHARS - 1;
    out.push(trimRange(s, { start, end: start + cut + 1 }));
    start += cut + 1;
  }
  out.push(trimRange(s, { start, end: r.end }));
  return out.filter((x) => x.end > x.start);
}

function trimRange(s: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && /\s/.test(s[start]!)) start++;
  while (end > start && /\s/.test(s[end - 1]!)) end--;
  return { start, end };
}

/** Text left out of the sentences (datelines, agency credits) and the sentence it belongs to. */
export interface Credit {
  text: string;
  sentence: number;
}

/** Splits news text into sentences; see the rules at the top of this file. Never throws. */
export function splitSentences(text: string): Sentence[] {
  return splitSentencesWithCredits(text).sentences;
}

/** `splitSentences`, plus the datelines and agency credits it left out (names live there too). */
export function splitSentencesWithCredits(text: string): { sentences: Sentence[]; credits: Credit[] } {
  const credits: Credit[] = [];
  const sentences = split(text, credits);
  return { sentences, credits };
}

function split(text: string, credits?: Credit[]): Sentence[] {
  const s = typeof text === 'string' ? text : '';
  const out: Sentence[] = [];
  let paragraph = -1;
  let lineStart = 0;
  while (lineStart <= s.length) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = s.length;
    const line = trimRange(s, { start: lineStart, end: lineEnd });
    if (line.end > line.start) {
      paragraph++;
      let from = line.start;
      const body = s.slice(from, line.end);
      // A byline or "Reporting by ..." line is a paragraph, so a sentence of its own; it
      // is kept (its names are the article's people) and never ends up in a summary.
      if (REPORTING_RE.test(body) || (BYLINE_RE.test(body) && body.split(/\s+/).length <= 10)) {
        out.push({ index: out.length, text: body, start: from, end: line.end, paragraph });
        lineStart = lineEnd + 1;
        continue;
      }
      const dl = DATELINE_RE.exec(body);
      let dateline: string | null = null;
      if (dl && dl[0].length < body.length - 10 && dl[0].length <= 70) {
        from += dl[0].length;
        dateline = dl[0];
      }
      const firstOfParagraph = out.length;
      const pieces: Range[] = [];
      for (const r of cutCredits(s, from, line.end)) {
        const t = trimRange(s, r);
        if (t.end > t.start) splitRange(s, t.start, t.end, pieces);
      }
      const kept = pieces
        .map((r) => trimRange(s, r))
        .filter((r) => r.end > r.start)
        .flatMap((r) => capLength(s, r));
      for (let n = 0; n < kept.length; n++) {
        const r = kept[n]!;
        const t = s.slice(r.start, r.end);
        // A trailing "(Reuters)" / "(AFP)" credit is not a sentence.
        if (n === kept.length - 1 && kept.length > 1 && /^\(/.test(t) && AGENCY_CREDIT_RE.test(t)) {
          if (out.length > firstOfParagraph) credits?.push({ text: t, sentence: out.length - 1 });
          continue;
        }
        if (!/[\p{L}\p{N}]/u.test(t)) continue;
        out.push({ index: out.length, text: t, start: r.start, end: r.end, paragraph });
      }
      if (dateline && out.length > firstOfParagraph) credits?.push({ text: dateline, sentence: firstOfParagraph });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}
