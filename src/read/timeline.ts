// Timeline: every dated mention in an article, resolved against the publication date.
//
// chrono-node finds most date expressions, but on news it resolves a bare month or weekday
// forward ("in December" read in July becomes next December), does not see bare years
// ("in 2009", "since 2015", "post-2015", "from 1996 to 2001", "1979-89") and takes some
// numbers and names for dates ("24/7", "the Sunday Times", "a march"). This module keeps
// chrono for finding day and month expressions and decides the rest itself:
//
// - A bare month, month-day or weekday is resolved to the past (news looks back), unless
//   the nearest verb before it (or after it, for a fronted date) is future ("will meet on
//   Monday", "is due to vote in December"), or it carries "last"/"next"/"this".
//   The publication day itself counts: "on Saturday" in a Saturday article is that day.
// - Each date keeps its own granularity: "December 2023" -> 2023-12, "in 2024" -> 2024.
// - Bare years count after a temporal word ("in", "since", "from", "until", "for", "during",
//   "post-", "mid-", "early", "as recently as", "the summer of", ...), in lists ("in 2019,
//   2021 and 2023"), in brackets ("the market (1972)"), as an adjective after a determiner
//   ("a 2009 interview", "its 2025 budget": the year dates its noun), and as the subject of
//   a sentence ("2024 was ..."). A number that counts something ("in 2000 homes") is not.
// - A range is one entry dated by its start, with the whole range as its text: "1979-89" ->
//   1979, "from 1996 to 2001" -> 1996, "between 2015 and 2021" -> 2015, "October-December"
//   -> October. (This is the convention of the hand-annotated fixtures in
//   test/fixtures/read; a story timeline wants one entry per mention.)
// - Relative days ("today", "yesterday", "two days ago", "last year", "next month") are
//   dated from the publication day; without a publication date they are left out.
// - Weeks have no granularity of their own: "last/this/next week" is the Monday of that
//   week and a weekend ("last weekend", "over the weekend") its Saturday.
// - Left out as vague: decades ("the 1990s"), centuries, "during the week", spans ("for
//   two days", "within 24 hours", "in just two years", "a year after"), "recently", "now",
//   and times without a day (a time with a day is kept at day granularity).
// Days are computed in UTC from the publication instant.

import * as chrono from 'chrono-node';
import { CLAUSE_LEAD_WORDS, VERB_WORDS, collapseSpaces, type Sentence } from './facts-common.ts';

export type { Sentence } from './facts-common.ts';

export type TimelineEntry = {
  /** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' */
  date: string;
  /** The date expression as written. */
  text: string;
  /** A short description of the event: the clause the date belongs to. */
  event: string;
  /** Index of the sentence the date is in. */
  sentence: number;
};

type Day = { y: number; m: number; d: number };

/** A date expression found in one sentence, before its event is described. */
type Mention = {
  start: number;
  end: number;
  text: string;
  dates: string[];
  /** Span removed from the clause when describing the event (the expression plus its preposition). */
  cutStart: number;
  cutEnd: number;
};

/** Raw fields of one date expression, before a missing year or day is resolved. */
type Parts = {
  y: number | null;
  m: number | null;
  d: number | null;
  weekday: number | null;
  /** The year was written (not implied by chrono from the reference). */
  isYearWritten: boolean;
};

const MONTH_WORD = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const WEEKDAY_WORD = /\b(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?s?\b/i;
// Cheap test so chrono runs only on sentences that could hold a day or month expression.
const CHRONO_WORTHY = /\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|ago|last|next|this|earlier|later)/i;

/** Nouns and units that make a four-digit number a count, not a year ("2000 people"). */
const COUNT_AFTER_YEAR = new Set([
  'people', 'persons', 'men', 'women', 'children', 'troops', 'soldiers', 'fighters', 'civilians', 'residents',
  'homes', 'houses', 'buildings', 'votes', 'voters', 'cases', 'deaths', 'jobs', 'workers', 'employees',
  'students', 'refugees', 'migrants', 'families', 'dollars', 'euros', 'pounds', 'tonnes', 'tons', 'km',
  'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'feet', 'units', 'vehicles', 'cars', 'troops',
  'police', 'officers', 'members', 'patients', 'prisoners', 'hostages', 'protesters', 'million', 'billion',
  'trillion', 'thousand', 'percent', 'per', 'points', 'acres', 'hectares', 'barrels', 'megawatts', 'mw',
  'rounds', 'missiles', 'rockets', 'drones', 'shells', 'sheep', 'cattle', 'heads', 'times', 'words',
]);

/** Words before a bare year that make it a date. */
const YEAR_LEAD = /(?:^|[\s(])(?:in|since|from|until|till|by|for|during|before|after|between|through|throughout|circa|c\.|around|as of|unlike|year|years|early|late|mid|spring|summer|autumn|fall|winter|end of|start of|beginning of|middle of|half of|quarter of|of early|of late|of mid|until early|until late|as recently as|as early as|as late as|as long ago as|as far back as)\s+$/i;
const YEAR_PREFIX = /(?:^|[\s(])(post|pre|mid|early|late)[-\s]$/i;
const YEAR_LIST_LEAD = /(?:,|\band|\bor|\bto|\bthrough|\buntil|\btill|&)\s+$/i;

const FUTURE_CUES = new Set(['will', "'ll", 'shall', 'would', 'upcoming', 'scheduled', 'planned', 'plans', 'plan', 'due', 'expected', 'expects', 'expect', 'set', 'going', 'next', 'aims', 'intends', 'tomorrow', 'likely', 'unlikely', 'could', 'may', 'might', 'should', 'forecast', 'forecasts', 'projected', 'poised', 'slated', 'hopes', 'pricing', 'until', 'till', 'certain']);
/** Verbs of saying: they date the date right after them ("said on Sunday"), not a clause they report. */
const SAYING = new Set(['said', 'says', 'told', 'added', 'announced', 'stated', 'warned', 'signalled', 'signaled', 'noted']);
const PAST_CUES = new Set(['said', 'was', 'were', 'had', 'did', 'ago', 'since', 'last', 'earlier', 'previously', 'yesterday', 'told']);
/** Verbs that put a participle after them in the present or future: "will remain closed", "be held". */
const LINKING = new Set(['be', 'been', 'being', 'remain', 'remains', 'stay', 'stays', 'get', 'gets', 'become', 'becomes', 'is', 'are', 'am']);
/** Present-tense verbs of schedules: "The teams meet again on August 10", "the deal earns it a place in August". */
const SCHEDULE_PRESENT = /^(meets?|plays?|faces?|begins?|starts?|opens?|closes?|resumes?|returns?|travels?|hosts?|visits?|votes?|goes|go|takes?|holds?|earns?|runs?|ends?|launch|launches|arrives?|leaves|expires?|kicks?|comes?)$/;
const NOT_PAST_ED = new Set(['need', 'feed', 'speed', 'seed', 'bed', 'red', 'shed', 'led', 'wed', 'fred', 'ted', 'ned', 'proceed', 'exceed', 'indeed', 'hundred', 'planned', 'scheduled', 'expected', 'intended', 'slated']);

const pad = (n: number) => String(n).padStart(2, '0');
const fmtDay = (x: Day) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
const fmtMonth = (y: number, m: number) => `${y}-${pad(m)}`;

function addDays(x: Day, n: number): Day {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function weekdayOf(x: Day): number {
  return new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
}
function isValidDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

type Direction = 'past' | 'future' | 'last' | 'next' | 'this';

/**
 * Which way an undated month or weekday points: an explicit "last"/"next"/"this" before it,
 * else the nearest tense cue to its left in the clause, else the first one to its right
 * (for "On Monday, the leaders will meet"), else the past.
 */
function directionAt(text: string, start: number, end: number): Direction {
  const before = text.slice(0, start);
  const mod = /\b(last|past|previous|next|this|coming)\s+$/i.exec(before) ?? /^(last|next|this)\b/i.exec(text.slice(start, end));
  if (mod) {
    const w = mod[1].toLowerCase();
    if (w === 'last' || w === 'past' || w === 'previous') return 'last';
    if (w === 'next' || w === 'coming') return 'next';
    return 'this';
  }
  if (/\bsince\s+$/i.test(before)) return 'past';
  const left = before.split(/[;:.!?]/).pop()!.split(/,/).pop()!;
  const leftWords = left.toLowerCase().replace(/['‘’"“”]\B|\B['‘’"“”]/g, ' ').match(/[a-z']+/g) ?? [];
  const right = text.slice(end).split(/[;:.!?]/)[0];
  const rightWords = right.toLowerCase().replace(/['‘’"“”]\B|\B['‘’"“”]/g, ' ').match(/[a-z']+/g) ?? [];
  let present = false;
  let reported = false;
  for (let i = leftWords.length - 1, n = 0; i >= 0 && n < 10; i--, n++) {
    const w = leftWords[i];
    if (SAYING.has(w)) {
      // "said on Sunday" dates the saying; "said a June cut was likely" reports a claim.
      if (leftWords.slice(i + 1).every((x) => /^(on|in|at|late|early|earlier|later|this|last)$/.test(x))) return 'past';
      reported = true;
      break;
    }
    const cue = tenseOf(w, leftWords[i + 1], leftWords[i - 1]);
    if (cue === 'present') present = true;
    else if (cue) return cue;
  }
  // A future word right after the date wins over a past auxiliary: "a cut in June was likely".
  if (rightWords.slice(0, 4).some((w, i) => tenseOf(w, rightWords[i + 1], rightWords[i - 1]) === 'future')) return 'future';
  for (let i = 0; i < rightWords.length && i < 10; i++) {
    const cue = tenseOf(rightWords[i], rightWords[i + 1], rightWords[i - 1]);
    if (cue === 'present') present = true;
    else if (cue) return cue;
  }
  if (reported) return 'past';
  // "by December", "until Thursday" and a scheduling present point ahead unless a past verb said otherwise.
  if (present || /\b(by|until|till|before)\s+$/i.test(before)) return 'future';
  return 'past';
}

function tenseOf(word: string, next: string | undefined, prev: string | undefined): 'past' | 'future' | 'present' | null {
  if (word.endsWith("'ll")) return 'future';
  if (FUTURE_CUES.has(word)) {
    // "set", "going", "plan" are future only before "to"/"for" ("set fire", "the plan").
    if (['set', 'going', 'plans', 'plan', 'aims', 'intends'].includes(word)) return next === 'to' || next === 'for' ? 'future' : null;
    return 'future';
  }
  if (PAST_CUES.has(word)) return 'past';
  const isPastForm = (VERB_WORDS.has(word) && !['is', 'are', 'be', 'been', 'being', 'am', 'has', 'have', 'can', 'do', 'does', 'say', 'says', 'set', 'put', 'hit', 'read', 'quit', 'may', 'might', 'must', 'should', 'could', 'would', 'will', 'shall'].includes(word) && !/s$/.test(word))
    || (word.length > 4 && word.endsWith('ed') && !NOT_PAST_ED.has(word));
  // A participle after "be"/"remain" says nothing by itself: the auxiliary before it decides.
  if (isPastForm) return prev && LINKING.has(prev) ? null : 'past';
  if (SCHEDULE_PRESENT.test(word)) return 'present';
  return null;
}

/** Resolves a month (and optional day) without a year, in the given direction from `ref`. */
function resolveMonth(ref: Day, m: number, d: number | null, dir: Direction): number {
  const key = (mm: number, dd: number) => mm * 100 + dd;
  const here = key(ref.m, d === null ? 0 : ref.d);
  const there = key(m, d ?? 0);
  switch (dir) {
    case 'this': return ref.y;
    case 'last': return there < here ? ref.y : ref.y - 1;
    case 'next': return there > here ? ref.y : ref.y + 1;
    case 'future': return there >= here ? ref.y : ref.y + 1;
    default: return there <= here ? ref.y : ref.y - 1;
  }
}

function resolveWeekday(ref: Day, weekday: number, dir: Direction): Day {
  const today = weekdayOf(ref);
  const back = (today - weekday + 7) % 7;
  const fwd = (weekday - today + 7) % 7;
  switch (dir) {
    case 'last': return addDays(ref, -(back || 7));
    case 'next': return addDays(ref, fwd || 7);
    case 'future': return addDays(ref, fwd);
    case 'this': return back <= fwd ? addDays(ref, -back) : addDays(ref, fwd);
    default: return addDays(ref, -back);
  }
}

function partsOf(c: chrono.ParsedComponents, text: string): Parts {
  const get = (k: chrono.Component) => (c.isCertain(k) ? c.get(k) : null);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    weekday: get('weekday'),
    isYearWritten: /\d{4}|'\d\d\b/.test(text),
  };
}

/** Formats parts at their own granularity, filling a missing year or day from `ref`. */
function resolveParts(p: Parts, ref: Day | null, dir: Direction, relative: boolean): string | null {
  if (relative) {
    // chrono computed these from the reference; without one they mean nothing.
    if (!ref || p.y === null) return null;
    if (p.m === null) return String(p.y);
    if (p.d === null) return fmtMonth(p.y, p.m);
    return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  }
  if (p.y !== null && p.isYearWritten) {
    if (p.m === null) return String(p.y);
    if (p.d === null) return fmtMonth(p.y, p.m);
    return isValidDay(p.y, p.m, p.d) ? `${p.y}-${pad(p.m)}-${pad(p.d)}` : null;
  }
  if (!ref) return null;
  if (p.m !== null) {
    const y = resolveMonth(ref, p.m, p.d, dir);
    if (p.d === null) return fmtMonth(y, p.m);
    return isValidDay(y, p.m, p.d) ? `${y}-${pad(p.m)}-${pad(p.d)}` : null;
  }
  if (p.weekday !== null) return fmtDay(resolveWeekday(ref, p.weekday, dir));
  return null;
}

/** chrono results that are not dates in news text. */
function isRejected(r: chrono.ParsedResult, sentence: string): boolean {
  const t = r.text;
  const lower = t.toLowerCase();
  if (/\bweek(s|end|ends)?\b|\bfortnight\b/.test(lower)) return true;
  if (/^(for|within|over|during|after|past|the past|in the past|the last)\b|\blater\b|\bearlier\b/.test(lower) && !/\bago\b/.test(lower)) {
    if (!MONTH_WORD.test(t) && !WEEKDAY_WORD.test(t)) return true;
  }
  if (/\b(past|next|last|coming|previous)\s+(\d+|a few|few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|hundred)\b/.test(lower) && !/\bago\b/.test(lower)) return true;
  if (/^(now|right now|just now)$/.test(lower.replace(/^(on|at|in|by|until)\s+/, ''))) return true;
  // A relative date must say which way it counts from publication: "two years" or "a year after" is a span.
  if (r.tags().has('result/relativeDate') && !/^(?:in\s+)?(?:the\s+)?year\s+to\s/.test(lower) && !/\bago\b|^(?:on\s+|in\s+|by\s+)?(last|next|this|coming)\b|\b(from now|hence|time)\b|^(today|tonight|yesterday|tomorrow)/.test(lower)) return true;
  const before = sentence.slice(0, r.index);
  if (/\b(for|within|over|past|last|next|the)\s+$/i.test(before) && /^\d+\s*(days?|months?|years?|hours?)\b/i.test(t)) return true;
  // Slash dates without a year are fractions or names ("24/7", "9/11").
  if (/^\d{1,2}\/\d{1,2}$/.test(t.trim())) return true;
  const c = r.start;
  const hasDate = ['year', 'month', 'day', 'weekday'].some((k) => c.isCertain(k as chrono.Component));
  const casual = /^(today|tonight|yesterday|tomorrow|this (morning|afternoon|evening)|last night)\b/i.test(t.replace(/^(on|at|in)\s+/i, ''));
  if (!hasDate && !casual) return true;
  // A month name in lower case is a verb or noun ("a march", "may be").
  const mw = MONTH_WORD.exec(t);
  if (mw && /^[a-z]/.test(mw[0]) && !/\d/.test(t)) return true;
  // A weekday inside a name: "the Sunday Times", "Bloody Sunday".
  const ww = WEEKDAY_WORD.exec(t);
  if (ww && !/\d/.test(t) && !MONTH_WORD.test(t)) {
    const wStart = r.index + ww.index;
    const wEnd = wStart + ww[0].length;
    const after = sentence.slice(wEnd);
    const beforeWord = sentence.slice(0, wStart);
    const prev = /(\S+)\s+$/.exec(beforeWord)?.[1] ?? '';
    if (/^\s+\p{Lu}/u.test(after) && !/^\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(after)) return true;
    if (/^\p{Lu}/u.test(prev) && !/^(On|Late|Early|By|Since|Until|Till|From|Last|Next|This|Before|After|And|Or|But|Through|Between|Mid|Until)$/.test(prev) && beforeWord.trim().length > prev.length) return true;
    if (/^[a-z]/.test(ww[0])) return true;
  }
  return false;
}

/** The preposition (and "late"/"early") in front of a date, removed with it from the event. */
function cutStartOf(text: string, start: number): number {
  const m = /(?:\b(?:late|early|earlier|later|mid|as)\s+)?(?:\b(?:on|in|at|since|from|during|until|till|by|before|after|through|of|between|as of|around|as recently as|as early as)\s+)?(?:\b(?:late|early|mid)[-\s]+)?(?:\bthe\s+)?(?:\byear\s+to\s+)?$/i.exec(text.slice(0, start));
  return m ? start - m[0].length : start;
}

/** A possessive after a date ("Saturday's violence") goes with it. */
function cutEndOf(text: string, end: number): number {
  const m = /^['’]s\b/.exec(text.slice(end));
  return m ? end + m[0].length : end;
}

function chronoMentions(text: string, ref: Day | null): Mention[] {
  if (!CHRONO_WORTHY.test(text)) return [];
  // chrono works in local time: give it local noon of the publication day (UTC calendar).
  const refDate = ref ? new Date(ref.y, ref.m - 1, ref.d, 12, 0, 0) : new Date(2000, 0, 1, 12);
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(text, refDate);
  } catch {
    return [];
  }
  const out: (Mention & { parts: Parts; relative: boolean; dir: Direction })[] = [];
  for (const r of results) {
    if (isRejected(r, text)) continue;
    let start = r.index;
    let shown = r.text;
    // chrono includes "on"/"at"/"in" in some texts; the expression as written starts after it.
    const lead = /^(on|at|in)\s+/i.exec(shown);
    if (lead) { start += lead[0].length; shown = shown.slice(lead[0].length); }
    shown = shown.replace(/[\s,]+$/, '');
    let end = start + shown.length;
    const lower = shown.toLowerCase();
    const relative = r.tags().has('result/relativeDate') || /^(today|tonight|yesterday|tomorrow|this|last|next)\b|\bago\b|^in \d/.test(lower) && !MONTH_WORD.test(shown) && !WEEKDAY_WORD.test(shown);
    const dir = directionAt(text, start, end);
    // Show "last June" / "next Monday" as written when the modifier sits just outside chrono's text.
    const mod = /\b(last|next|this|past)\s+$/i.exec(text.slice(0, start));
    if (mod && !relative) { start -= mod[0].length; shown = text.slice(start, end); }
    if (!ref && (relative || (!/\d{4}|'\d\d\b/.test(shown)))) continue;
    let parts = partsOf(r.start, shown);
    // "the year to March": a statistics period named by its last month.
    const yearTo = /^(?:in\s+)?(?:the\s+)?year\s+to\s+/i.exec(shown);
    if (yearTo) {
      if (!r.end) continue;
      parts = partsOf(r.end, shown);
      start += yearTo[0].length;
      shown = shown.slice(yearTo[0].length);
    }
    if (relative && ref && !yearTo) {
      // "this morning" and friends: chrono leaves the day implied; it is the reference day.
      if (parts.y === null && /^(today|tonight|this (morning|afternoon|evening))/i.test(lower)) Object.assign(parts, ref);
      // chrono gives "last year" as a full date; keep the granularity that was written.
      if (/\byears?\b/.test(lower)) { parts.m = null; parts.d = null; }
      else if (/\bmonths?\b/.test(lower)) parts.d = null;
    }
    const dates: string[] = [];
    const first = resolveParts(parts, ref, yearTo ? 'past' : dir, relative && !!ref && !yearTo);
    if (!first) continue;
    dates.push(first);
    out.push({ start, end, text: shown, dates, cutStart: cutStartOf(text, start), cutEnd: cutEndOf(text, end), parts, relative, dir });
  }
  // "between June and August 2024", "in July last year": a month without a year takes the
  // year of the dated expression it is paired with.
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i];
    const b = out[i + 1];
    if (a.relative || a.parts.isYearWritten || a.parts.m === null || a.dates.length !== 1) continue;
    const gap = text.slice(a.end, b.start);
    if (!/^\s*(,|and|to|until|till|through|-|–|—|or|of)?\s*$/i.test(gap)) continue;
    const by = b.dates[0]?.slice(0, 4);
    if (!by || !(b.parts.isYearWritten || b.relative)) continue;
    let y = Number(by);
    if (b.relative && /\byear\b/i.test(b.text)) {
      // "July last year": one expression, one date.
      a.dates = [fmtPart(y, a.parts)];
      a.text = text.slice(a.start, b.end);
      a.end = a.cutEnd = b.end;
      out.splice(i + 1, 1);
      continue;
    }
    if (b.parts.m !== null && a.parts.m > b.parts.m) y -= 1;
    a.dates = [fmtPart(y, a.parts)];
  }
  return out;
}

function fmtPart(y: number, p: Parts): string {
  return p.d === null ? fmtMonth(y, p.m!) : `${y}-${pad(p.m!)}-${pad(p.d)}`;
}

/**
 * Weeks, which chrono leaves vague: "last week" / "this week" / "next week" are the Monday
 * of that week, a weekend is its Saturday ("last weekend", "over the weekend").
 */
function weekMentions(text: string, ref: Day | null): Mention[] {
  if (!ref || !/\bweek/i.test(text)) return [];
  const out: Mention[] = [];
  const monday = addDays(ref, -((weekdayOf(ref) + 6) % 7));
  const re = /\b(last|this|next|previous|coming)\s+(week|weekend)\b|\b(?:over|at|on)\s+the\s+(weekend)\b/gi;
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    const which = (m[1] ?? '').toLowerCase();
    let day: Day;
    if (m[2]?.toLowerCase() === 'week') {
      day = addDays(monday, which === 'last' || which === 'previous' ? -7 : which === 'next' || which === 'coming' ? 7 : 0);
    } else {
      const thisSaturday = addDays(monday, 5);
      const isWeekendNow = weekdayOf(ref) === 6 || weekdayOf(ref) === 0;
      if (which === 'last' || which === 'previous') day = addDays(thisSaturday, -7);
      else if (which === 'next' || which === 'coming') day = addDays(thisSaturday, 7);
      else if (which === 'this') day = thisSaturday;
      else {
        const dir = directionAt(text, start, end);
        day = dir === 'future' || dir === 'next' ? (isWeekendNow && weekdayOf(ref) === 6 ? ref : addDays(thisSaturday, weekdayOf(ref) === 0 ? 7 : 0)) : isWeekendNow ? thisSaturday : addDays(thisSaturday, -7);
      }
    }
    const shownStart = m[3] ? start + m[0].toLowerCase().indexOf('the') : start;
    out.push({ start: shownStart, end, text: text.slice(shownStart, end), dates: [fmtDay(day)], cutStart: cutStartOf(text, start), cutEnd: cutEndOf(text, end) });
  }
  return out;
}

/** Bare years and year ranges that chrono does not see. `taken` are spans chrono already claimed. */
function yearMentions(text: string, taken: Mention[]): Mention[] {
  const out: Mention[] = [];
  const inside = (i: number) => taken.some((m) => i >= m.start && i < m.end);
  const re = /(?<![\p{L}\p{N}$€£¥.,/])((?:1[5-9]|20|21)\d\d)(?:\s?[-–—/]\s?((?:1[5-9]|20|21)\d\d|\d\d))?(?![\p{L}\p{N}%]|[.,]\d|\s?(?:percent|per cent))/gu;
  let lastAccepted = -100;
  let consumedTo = -1;
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    let end = start + m[0].length;
    if (inside(start) || start < consumedTo) continue;
    const y1 = Number(m[1]);
    const before = text.slice(0, start);
    const after = text.slice(end);
    const nextWord = /^\s*([\p{L}]+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
    if (COUNT_AFTER_YEAR.has(nextWord)) continue;
    if (/[$€£¥]\s*$/.test(before) || /\b(No|no|number|route|flight|article|section|resolution|page|room|model|version|code|form)\.?\s+$/i.test(before)) continue;
    // "-year-old", "-strong": a hyphenated adjective, not a date.
    if (/^-\p{L}/u.test(after)) continue;
    if (m[2]) {
      // "1979-89", "2019/20": one entry, dated by its start.
      let y2 = Number(m[2]);
      if (m[2].length === 2) y2 = Math.floor(y1 / 100) * 100 + y2 + (y2 < y1 % 100 ? 100 : 0);
      if (y2 <= y1 || y2 - y1 > 100) continue;
      out.push({ start, end, text: m[0], dates: [String(y1)], cutStart: cutStartOf(text, start), cutEnd: cutEndOf(text, end) });
      lastAccepted = end;
      continue;
    }
    let shownStart = start;
    const prefix = YEAR_PREFIX.exec(before);
    let isDate = false;
    if (prefix) {
      isDate = true;
      shownStart = start - prefix[0].length + (prefix[0].length - prefix[0].trimStart().length);
    } else if (YEAR_LEAD.test(before)) {
      isDate = true;
      const lead = /(early|late|mid)\s+$/i.exec(before);
      if (lead) shownStart = start - lead[0].length;
    } else if (YEAR_LIST_LEAD.test(before) && start - lastAccepted < 14) {
      isDate = true;
    } else if (/\b(?!(?:total|out|one|some|most|all|each|none|any|because|instead|number|sum|tally|toll|height|depth|length|distance|score|rate|price|cost|value|population|lot|lots|dozens|hundreds|thousands|millions|part|amount|figure|level|record|estimate)\b)[a-z]{3,}\s+of\s+$/.test(before)) {
      // "the summer of 1958", "the civil war of 1975", "the class of 2009".
      isDate = true;
    } else if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) {
      // "the Tinubu Square Market (1972)".
      isDate = true;
    } else if (/\b(a|an|the|its|their|his|her|our|this|that|whose|year's)\s+$/i.test(before) && /^\s+\p{Ll}/u.test(after)) {
      // "a 2009 interview", "its 2025 budget": a year used as an adjective still dates its noun.
      isDate = true;
    } else if (/^[\s"“‘'(]*$/.test(before) && /^\s+([a-z]+)/.test(after)) {
      // "2024 was the hottest year": a year as the subject of its sentence.
      const w = /^\s+([a-z]+)/.exec(after)![1];
      isDate = VERB_WORDS.has(w) || w === 'marked' || w === 'saw';
    }
    if (!isDate) continue;
    end = start + m[1].length;
    // "from 1996 to 2001", "between 2015 and 2021": one entry dated by its start.
    const range = /^\s*(to|until|till|through|and|[-–—])\s*((?:1[5-9]|20|21)\d\d)(?![\p{L}\p{N}])/u.exec(text.slice(end));
    const isBetween = /\bbetween\s+$/i.test(before);
    if (range && Number(range[2]) > y1 && (range[1].toLowerCase() !== 'and' || isBetween)) {
      const lead = /\b(from|between)\s+$/i.exec(before);
      if (lead && shownStart === start) shownStart = start - lead[0].length;
      end += range[0].length;
      consumedTo = end;
    }
    out.push({ start: shownStart, end, text: text.slice(shownStart, end), dates: [String(y1)], cutStart: cutStartOf(text, shownStart), cutEnd: cutEndOf(text, end) });
    lastAccepted = end;
  }
  return out;
}

/**
 * The clause a date belongs to, without the date: the comma/semicolon/dash-delimited part
 * holding it, or, when that part is only an adverbial ("In December 2023,"), the
 * neighbouring part that has a verb.
 */
function describeEvent(text: string, mention: Mention, all: Mention[]): string {
  const protectedSpan = (i: number) => all.some((m) => i >= m.start && i < m.end) || /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '');
  const bounds: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ((ch === ',' || ch === ';' || ch === ':' || ch === '(' || ch === ')' || ch === '–' || ch === '—') && !protectedSpan(i)) bounds.push(i);
    else if (ch === '-' && text[i - 1] === ' ' && text[i + 1] === ' ') bounds.push(i);
  }
  bounds.push(text.length);
  const segs: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) segs.push({ start: bounds[i] === 0 ? 0 : bounds[i] + 1, end: bounds[i + 1] });
  const home = Math.max(0, segs.findIndex((s) => mention.start >= s.start && mention.start < s.end));
  const clean = (s: { start: number; end: number }) => {
    let t = '';
    let i = s.start;
    const cuts = all.filter((m) => m.cutEnd > s.start && m.cutStart < s.end).sort((a, b) => a.cutStart - b.cutStart);
    for (const c of cuts) {
      if (c.cutStart > i) t += text.slice(i, c.cutStart);
      i = Math.max(i, c.cutEnd);
    }
    if (i < s.end) t += text.slice(i, s.end);
    return tidyClause(t);
  };
  const hasVerb = (t: string) => (t.toLowerCase().match(/[a-z']+/g) ?? []).some((w) => VERB_WORDS.has(w) || (w.length > 4 && /ed$/.test(w) && !NOT_PAST_ED.has(w)));
  // "During the Taliban's first rule in Kabul from 1996 to 2001, ...": the period is the event.
  const during = /^(?:during|throughout)\s+(.+)$/i.exec(clean(segs[home]));
  if (during && during[1].split(' ').length >= 3) return shorten(during[1]);
  const order = [home, home + 1, home - 1, home + 2, home - 2].filter((i) => i >= 0 && i < segs.length);
  let fallback = '';
  for (const i of order) {
    const t = clean(segs[i]);
    if (!fallback && t.split(' ').length >= 2) fallback = t;
    if (t.split(' ').length >= 3 && hasVerb(t)) return shorten(t);
  }
  return shorten(fallback || clean(segs[home]));
}

const SPEECH_VERB = '(?:said|says|told\\s+(?:[\\p{L}.\'’-]+\\s+){0,3}?(?:reporters|journalists|the court|jurors|the BBC|[\\p{Lu}][\\p{L}.\'’-]*)|added)';
/** "<frame of at most 8 words> said (that) <clause>" or "... claimed that <clause>": frame and clause. */
const REPORTED_RE = new RegExp(`^((?:\\S+\\s+){0,8}?)(?:${SPEECH_VERB}\\s+(?:that\\s+)?|(?:claimed|stated|reported|confirmed|warned|estimated|announced)\\s+that\\s+)(.+)$`, 'u');
const ADVERB_RE = /^(?:only|also|then|later|first|still|never|once|already|again|finally|eventually|\p{Ll}+ly)\s+/u;

function looksLikeVerb(w: string): boolean {
  const lw = w.toLowerCase();
  return VERB_WORDS.has(lw) || (lw.length > 4 && /ed$/.test(lw) && !NOT_PAST_ED.has(lw)) || /^(?:has|have|had|is|was|were|are|will|would|could|can|may|must)$/.test(lw);
}

function hasVerbWord(t: string): boolean {
  return (t.match(/[\p{L}']+/gu) ?? []).some((w) => looksLikeVerb(w));
}

/**
 * The subject of a clause that starts after `before` (the sentence up to the clause):
 * for "who"/"which", the noun phrase just before the comma ("Rovers, who finished ...");
 * else the first noun phrase of the clause's part of the sentence when an appositive or
 * a fronted date follows it ("The UAE, a close partner, agreed ..."), or the words before
 * its first verb ("She returned to Nigeria ..., and joined ..."). Null when unsure.
 */
function subjectBefore(before: string, relative: boolean): string | null {
  const part = before.slice(before.lastIndexOf(';') + 1);
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  const isNp = (t: string) => /^(?:\p{Lu}|the\s|a\s|an\s)/iu.test(t) && !/^(?:in|on|at|by|since|after|from|until|during|before|and|but|then|while)\b/i.test(t) && !hasVerbWord(t) && t.split(/\s+/).length <= 8;
  const chunks = part.split(/,/).map((c) => c.trim());
  if (chunks[chunks.length - 1] === '') chunks.pop();
  const last = chunks[chunks.length - 1] ?? '';
  if (relative) {
    // "the European Commission, which ...": the name (or the whole short phrase) before the comma.
    if (!/,\s*$/.test(part)) return null;
    const name = /((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|for|and|&|the|de|du|al)\s+)?\p{Lu}[\p{L}'’.-]*)*)$/u.exec(last)?.[1];
    if (name && !/^(?:The|A|An)$/.test(name)) return cap(name);
    return isNp(last) ? cap(last) : null;
  }
  // "..., and joined ...", "..., then switched ...": the subject of the first clause.
  const tail = /(?:^|,)\s*(and|then|but|and then)\s*$/i.exec(part);
  if (tail || !/,\s*$/.test(part)) {
    const words = part.replace(/^\s*(?:(?:In|On|By|Since|After|From|Until)\s+[^,]{1,30},\s*)/u, '').trim().split(/\s+/);
    const k = words.findIndex((w) => looksLikeVerb(w.replace(/[^\p{L}']/gu, '')));
    if (k < 1 || k > 8 || words.slice(0, k).some((w) => /[,;]$/.test(w))) return null;
    const np = words.slice(0, k).join(' ');
    return isNp(np) ? cap(np) : null;
  }
  // "The UAE, a close partner of the US, agreed ...", "Lindqvist, 47, campaigned ...",
  // "the last raid, in February 2019, netted ...", "Brandt, founded in 1923, has ...":
  // back over appositives, ages, dates and relative clauses to the first noun phrase.
  let found: string | null = null;
  for (let i = chunks.length - 1; i >= 0; i--) {
    const c = chunks[i]!;
    const skip =
      /^(?:a|an)\s/i.test(c) ||
      /^\d/.test(c) ||
      (/^(?:in|on|at|since|after|from|until|during|before)\b/i.test(c) && /\d|January|February|March|April|May|June|July|August|September|October|November|December|day\b/.test(c)) ||
      /^(?:who|which|whose)\b/i.test(c) ||
      /^from\s/i.test(c) || // "Kestrel, from the small town of Kestrel Bridge, were ..."
      (/^\p{Ll}/u.test(c) && looksLikeVerb(c.split(/\s+/)[0]!));
    if (skip) continue;
    if (!isNp(c)) break;
    found = c;
  }
  return found ? cap(found) : null;
  return null;
}

/**
 * Makes an event description a readable clause with its subject:
 * - reported speech keeps the reported clause: "the monitor said clashes had killed 940
 *   people" -> "clashes had killed 940 people" (its "its" becomes the speaker's when the
 *   speaker is a name: "Nordvik said its profit fell" -> "Nordvik's profit fell");
 * - a clause that starts with its verb gets the sentence's subject back:
 *   "agreed to house Afghans" in "The UAE, a close partner, agreed in 2021 to house
 *   Afghans" -> "The UAE agreed to house Afghans"; a participle set off by commas gets
 *   "was" ("Brandt, founded in Hamburg in 1921, ..." -> "Brandt was founded in Hamburg");
 * - the first letter is upper-case.
 */
export function polishEvent(event: string, sentence: string): string {
  let e = event.trim();
  if (!e) return e;
  const rep = REPORTED_RE.exec(e);
  if (rep) {
    const frame = rep[1]!.trim();
    const clause = rep[2]!.trim();
    // The frame is a speaker (no verb of its own), the clause a full clause with a verb.
    // A clause led by a personal pronoun keeps its frame: "Trump said he would help".
    if (!hasVerbWord(frame) && clause.split(/\s+/).length >= 3 && hasVerbWord(clause) && !/^(?:on|in|at|to|by|for|with|about)\b/i.test(clause) && !(frame && !/^(?:who|which)$/i.test(frame) && /^(?:he|she|they|we|i|you)\b/i.test(clause))) {
      const name = (t: string) => /^(\p{Lu}[\p{L}.'’&-]*(?:\s+\p{Lu}[\p{L}.'’&-]*){0,3})$/u.exec(t.replace(/^the\s+/i, ''))?.[1];
      const speaker = name(frame) ?? (frame ? undefined : name(/^([^,;:()]+?)(?:,|\s+said\b)/u.exec(sentence)?.[1]?.trim() ?? ''));
      if (/^(?:it|its)\b/i.test(clause) && !speaker) {
        // "it said its profit fell": without a named speaker the frame stays.
      } else e = speaker ? clause.replace(/^its\s+/, `${speaker}${speaker.endsWith('s') ? "'" : "'s"} `).replace(/^it\s+/, `${speaker} `) : clause;
    }
  }
  // A clause that starts with its verb (after an adverb), or with "who"/"which", lost its
  // subject to a comma or a semicolon: put the subject back.
  const first = /^(\S+)/.exec(e.replace(ADVERB_RE, ''))?.[1] ?? '';
  // "which it bought" has its own subject; only "which/who <verb>" lost one.
  const relative = /^(?:who|which)$/.test(first) && looksLikeVerb(e.split(/\s+/)[1]?.replace(ADVERB_RE, '') ?? '');
  if (relative || (/^\p{Ll}/u.test(first) && looksLikeVerb(first) && !/^(?:said|says|told)$/.test(first))) {
    const firstWord = e.split(/\s+/)[0]!;
    const at = sentence.indexOf(` ${firstWord}`) + 1;
    if (at > 0) {
      const subject = subjectBefore(sentence.slice(0, at), relative);
      if (subject) {
        const rest = relative ? e.replace(/^\S+\s+/, '') : e;
        // "Brandt, founded in Hamburg in 1921, ...": a participle between commas is passive.
        const afterEvent = sentence.slice(at).match(/^[^,;]*([,;]|$)/)?.[1];
        const participle = !relative && /ed$/.test(first) && /^\S+\s+(?:in|on|at|by|from|as|with|under)\b/.test(e) && afterEvent === ',' && sentence.slice(0, at).trimEnd().endsWith(',');
        e = `${subject} ${participle ? 'was ' : ''}${rest}`;
      }
    }
  }
  return e.charAt(0).toUpperCase() + e.slice(1);
}

function tidyClause(t: string): string {
  let s = collapseSpaces(t).replace(/^[\s"“”'‘’.,;:()\-–—]+|[\s"“”'‘’.,;:()\-–—]+$/g, '');
  // Drop leading conjunctions and sentence adverbs: "and then", "while", "Most recently".
  for (let k = 0; k < 4; k++) {
    const w = /^(\S+)\s+/.exec(s);
    if (!w) break;
    const word = w[1].toLowerCase();
    if (CLAUSE_LEAD_WORDS.has(word) || word === 'most' && /^most\s+(recently|notably|importantly)\b/i.test(s)) s = s.slice(w[0].length).replace(/^(recently|notably|importantly)\s+/i, '');
    else break;
  }
  return s.replace(/\s+(and|or|but|the|a|an|of|in|on|at|to|by|for|with|from)$/i, '').trim();
}

function shorten(t: string, maxWords = 24): string {
  const words = t.split(' ');
  return words.length <= maxWords ? t : tidyClause(words.slice(0, maxWords).join(' '));
}

function refDay(published: Date | null): Day | null {
  if (!published || Number.isNaN(published.getTime())) return null;
  return { y: published.getUTCFullYear(), m: published.getUTCMonth() + 1, d: published.getUTCDate() };
}

/**
 * Every dated mention in the sentences, sorted by date (coarser dates first within a year,
 * then by sentence and position). Never throws; an unparseable sentence gives no entries.
 * `published` resolves relative and yearless dates; without it only dates that write
 * their year are kept.
 */
export function extractTimeline(sentences: Sentence[], published: Date | null): TimelineEntry[] {
  const ref = refDay(published);
  const entries: TimelineEntry[] = [];
  for (const s of sentences) {
    const text = typeof s?.text === 'string' ? s.text : '';
    if (!text) continue;
    const fromChrono = [...chronoMentions(text, ref), ...weekMentions(text, ref)];
    const mentions = [...fromChrono, ...yearMentions(text, fromChrono)].sort((a, b) => a.start - b.start);
    for (const m of mentions) {
      const event = polishEvent(describeEvent(text, m, mentions), text);
      for (const date of m.dates) entries.push({ date, text: m.text, event, sentence: s.index });
    }
  }
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i))
    .map((x) => x.e);
}
