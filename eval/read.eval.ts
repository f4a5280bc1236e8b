/**
 * Evaluation of the reading engine (src/read) against the hand-annotated fixtures in
 * test/fixtures/read/ (conventions in its README.md). Every feature is scored beside a
 * baseline measured in the same run:
 *
 * - entities: compromise alone (`nlp(text).people() / organizations() / places()`);
 * - timeline: chrono-node alone (`chrono.parse(text, published)`, default options);
 * - quotes: every double-quoted span, speaker = first compromise person in its sentence;
 * - figures: compromise alone (`nlp(text).numbers()`), no qualifier;
 * - summary: the first three sentences (lead-3);
 * - ask: the sentence sharing the most content words with the question.
 *
 * The engine is loaded at run time and read defensively: a missing module, a throwing
 * call or a missing feature counts as empty output, so the eval runs while the engine is
 * being built.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import worldCountries from 'world-countries';
import { z } from 'zod';
import { table } from '../scripts/report.ts';
import { addCounts, emptyCounts, matchOneToOne, pairCounts, prf, type Counts } from './lib/prf.ts';
import { loadReadFixtures, NO_ANSWER, type ReadFixture } from './lib/read-fixture.ts';
import { rouge, type RougeScores } from './lib/rouge.ts';
import { answerTokens, fold, nameKey, splitSentences, tokenF1, tokens } from './lib/text.ts';

export const title = 'Reading engine (entities, timeline, quotes, figures, summary, ask)';

// ---------------------------------------------------------------------------------------
// What we read from the engine (and from the baselines): a lenient view of ReadResult.

interface Ent {
  names: string[];
}
interface TimelineItem {
  date: string;
  text: string;
}
interface QuoteItem {
  speaker: string | null;
  text: string;
}
interface FigureItem {
  value: number;
  qualifier: string | null;
}
interface Output {
  people: Ent[];
  organizations: Ent[];
  places: Ent[];
  timeline: TimelineItem[];
  quotes: QuoteItem[];
  figures: FigureItem[];
  summary: string;
}
type Answerer = (question: string) => string;

const EntityOut = z.object({ name: z.string(), aliases: z.array(z.string()).catch([]) });
const TimelineOut = z.object({ date: z.string(), text: z.string().catch('') });
const QuoteOut = z.object({ speaker: z.string().nullable().catch(null), text: z.string() });
const FigureOut = z.object({ value: z.number(), qualifier: z.string().nullable().catch(null) });
const SummaryOut = z.object({ text: z.string() });
const AskOut = z.object({ answer: z.string() });

/** Keeps the elements of `v` that parse; anything else (missing, wrong type) gives []. */
function items<T>(schema: z.ZodType<T>, v: unknown): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v) {
    const r = schema.safeParse(x);
    if (r.success) out.push(r.data);
  }
  return out;
}

function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
}

function engineOutput(read: unknown): Output {
  const ents = field(read, 'entities');
  const toEnt = (e: z.infer<typeof EntityOut>): Ent => ({ names: [e.name, ...e.aliases] });
  return {
    people: items(EntityOut, field(ents, 'people')).map(toEnt),
    organizations: items(EntityOut, field(ents, 'organizations')).map(toEnt),
    places: items(EntityOut, field(ents, 'places')).map(toEnt),
    timeline: items(TimelineOut, field(read, 'timeline')),
    quotes: items(QuoteOut, field(read, 'quotes')),
    figures: items(FigureOut, field(read, 'figures')),
    summary: items(SummaryOut, field(read, 'summary'))
      .map((s) => s.text)
      .join(' '),
  };
}

interface Engine {
  read(fx: ReadFixture): { output: Output; ask: Answerer; error: string | null };
  status: string;
}

async function loadEngine(): Promise<Engine> {
  const root = join(import.meta.dirname, '..');
  let readArticle: unknown;
  let askArticle: unknown;
  let status = 'loaded';
  try {
    readArticle = field(await import(pathToFileURL(join(root, 'src/read/index.ts')).href), 'readArticle');
  } catch (err) {
    status = `src/read/index.ts failed to load: ${String(err)}`;
  }
  try {
    askArticle = field(await import(pathToFileURL(join(root, 'src/read/ask.ts')).href), 'askArticle');
  } catch (err) {
    status += `; src/read/ask.ts failed to load: ${String(err)}`;
  }
  const empty: Output = { people: [], organizations: [], places: [], timeline: [], quotes: [], figures: [], summary: '' };
  return {
    status: typeof readArticle === 'function' ? status : `${status} (no readArticle export: engine output counted as empty)`,
    read(fx) {
      if (typeof readArticle !== 'function') return { output: empty, ask: () => '', error: 'no engine' };
      let raw: unknown;
      try {
        raw = readArticle({ title: fx.title, text: fx.text, published: fx.published });
      } catch (err) {
        return { output: empty, ask: () => '', error: `readArticle threw: ${String(err)}` };
      }
      const ask: Answerer = (q) => {
        if (typeof askArticle !== 'function') return '';
        try {
          const r = AskOut.safeParse(askArticle(raw, q));
          return r.success ? r.data.answer : '';
        } catch {
          return '';
        }
      };
      return { output: engineOutput(raw), ask, error: null };
    },
  };
}

// ---------------------------------------------------------------------------------------
// Baselines.

function docText(fx: ReadFixture): string {
  return `${fx.title}\n${fx.text}`;
}

function compromiseEntities(text: string): Pick<Output, 'people' | 'organizations' | 'places'> {
  const doc = nlp(text);
  const uniq = (xs: string[]): Ent[] => {
    const seen = new Map<string, string>();
    for (const x of xs) {
      const clean = x.replace(/^[\s"'“‘(]+|[\s"'”’),.;:!?]+$/gu, '');
      if (clean && !seen.has(nameKey(clean))) seen.set(nameKey(clean), clean);
    }
    return [...seen.values()].map((n) => ({ names: [n] }));
  };
  return {
    people: uniq(doc.people().out('array')),
    organizations: uniq(doc.organizations().out('array')),
    places: uniq(doc.places().out('array')),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** chrono-node alone: day granularity when a day or weekday is known, else month, else year. */
function chronoTimeline(text: string, published: string): TimelineItem[] {
  const ref = new Date(`${published}T12:00:00Z`);
  return chrono.parse(text, ref).map((r) => {
    const s = r.start;
    const y = String(s.get('year'));
    const m = pad(s.get('month') ?? 1);
    const d = pad(s.get('day') ?? 1);
    const date = s.isCertain('day') || s.isCertain('weekday') ? `${y}-${m}-${d}` : s.isCertain('month') ? `${y}-${m}` : y;
    return { date, text: r.text };
  });
}

/** Double-quoted spans (straight or curly); speaker = first compromise person in the same sentence. */
function regexQuotes(text: string): QuoteItem[] {
  const out: QuoteItem[] = [];
  for (const sentence of splitSentences(text)) {
    const person = nlp(sentence).people().out('array')[0] ?? null;
    for (const m of sentence.matchAll(/["\u201c]([^"\u201c\u201d]{3,})["\u201d]/gu)) {
      out.push({ speaker: person, text: m[1].replace(/[,.]\s*$/, '') });
    }
  }
  return out;
}

function compromiseFigures(text: string): FigureItem[] {
  const values: unknown = nlp(text).numbers().get();
  return (Array.isArray(values) ? values : []).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map((value) => ({ value, qualifier: null }));
}

function lead3(text: string): string {
  return splitSentences(text).slice(0, 3).join(' ');
}

const STOP = new Set(
  'a an the of in on at to for from by with and or but is are was were be been being has have had do does did what which who whom whose when where why how many much did does this that these those it its as his her their they he she i you we our about after before than into over under said says say according'.split(' '),
);

function contentTokens(s: string): string[] {
  return tokens(s).filter((t) => !STOP.has(t));
}

/** Answers with the whole sentence that shares the most content words with the question. */
function bestSentenceAnswerer(fx: ReadFixture): Answerer {
  const sentences = splitSentences(docText(fx));
  const sentTokens = sentences.map((s) => new Set(contentTokens(s)));
  return (q) => {
    const qt = new Set(contentTokens(q));
    let best = -1;
    let bestHits = 0;
    sentTokens.forEach((st, i) => {
      let hits = 0;
      for (const t of qt) if (st.has(t)) hits++;
      if (hits > bestHits) {
        best = i;
        bestHits = hits;
      }
    });
    return best >= 0 ? sentences[best] : NO_ANSWER;
  };
}

function baselineOutput(fx: ReadFixture): { output: Output; ask: Answerer } {
  const text = docText(fx);
  return {
    output: {
      ...compromiseEntities(text),
      timeline: chronoTimeline(text, fx.published),
      quotes: regexQuotes(text),
      figures: compromiseFigures(text),
      summary: lead3(fx.text),
    },
    ask: bestSentenceAnswerer(fx),
  };
}

// ---------------------------------------------------------------------------------------
// Scoring.

/** Country names, codes and common variants -> ISO alpha-3, so "US", "U.S." and "United States" are one key. */
const COUNTRY = new Map<string, string>();
// world-countries is CommonJS; its typings describe the namespace, the runtime value is the array.
const CountryList = z.array(z.object({ name: z.object({ common: z.string(), official: z.string() }), cca3: z.string(), altSpellings: z.array(z.string()) }));
const countryList: unknown = worldCountries;
for (const c of CountryList.parse(countryList)) {
  for (const n of [c.name.common, c.name.official, ...c.altSpellings]) {
    const k = nameKey(n);
    // Two-letter codes are skipped ("in", "it", "no" are words); "US" and "UK" are names in news.
    if (k.length > 2 || k === 'us' || k === 'uk') COUNTRY.set(k, c.cca3);
  }
}
for (const [k, v] of Object.entries({ turkey: 'TUR', america: 'USA', usa: 'USA', britain: 'GBR', 'czech republic': 'CZE', holland: 'NLD' })) COUNTRY.set(k, v);

function entityKey(name: string): string {
  const k = nameKey(name);
  return COUNTRY.get(k) ?? k;
}

const ENTITY_TYPES = ['people', 'organizations', 'places'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

interface EntityScore extends Counts {
  duplicates: number;
}

/** Document level: a predicted entity is right when any of its names equals any name of a gold entity. */
function scoreEntities(gold: { name: string; aliases: string[] }[], pred: Ent[]): EntityScore {
  const goldKeys = gold.map((g) => new Set([g.name, ...g.aliases].map(entityKey)));
  const found = new Set<number>();
  let tpPred = 0;
  for (const p of pred) {
    const keys = p.names.map(entityKey);
    const hits = goldKeys.flatMap((gk, i) => (keys.some((k) => gk.has(k)) ? [i] : []));
    if (hits.length) tpPred++;
    for (const i of hits) found.add(i);
  }
  return { tpPred, pred: pred.length, tpGold: found.size, gold: gold.length, duplicates: tpPred - found.size };
}

const DATE_STOP = new Set(['on', 'in', 'the', 'of', 'at', 'by', 'since', 'from', 'to', 'as', 'for', 'during', 'late', 'early', 'earlier', 'later', 'until', 'and', 'onward', 'onwards', 'until', 'through']);

function dateTextOverlaps(a: string, b: string): boolean {
  const strip = (s: string) => {
    const t = tokens(s);
    const c = t.filter((x) => !DATE_STOP.has(x));
    return c.length ? c : t;
  };
  const ta = new Set(strip(a));
  const fa = fold(a);
  const fb = fold(b);
  return strip(b).some((t) => ta.has(t)) || (fa.length > 0 && fb.includes(fa)) || (fb.length > 0 && fa.includes(fb));
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** Lenient: one date is a prefix of the other ("2025" vs "2025-07"), or two days at most 6 days apart (week conventions). */
function datesCompatible(gold: string, pred: string): boolean {
  if (gold === pred || gold.startsWith(`${pred}-`) || pred.startsWith(`${gold}-`)) return true;
  return gold.length === 10 && pred.length === 10 && daysApart(gold, pred) <= 6;
}

function scoreTimeline(gold: TimelineItem[], pred: TimelineItem[], lenient: boolean): Counts {
  const pairs = matchOneToOne(gold, pred, (g, p) => ((lenient ? datesCompatible(g.date, p.date) : g.date === p.date) && dateTextOverlaps(g.text, p.text) ? 1 : 0), 1);
  return pairCounts(pairs.length, pred.length, gold.length);
}

function quoteTokens(s: string): string[] {
  return tokens(s.replace(/\s\.\.\.\s/g, ' '));
}

/** Speaker of a gold quote vs a predicted speaker: same entity (any alias) or, for unnamed speakers, similar words. */
function sameSpeaker(fx: ReadFixture, gold: string, pred: string | null): boolean {
  if (!pred) return false;
  const ent = [...fx.expected.people, ...fx.expected.organizations].find((e) => e.name === gold);
  const goldKeys = new Set([gold, ...(ent?.aliases ?? [])].map(entityKey));
  return goldKeys.has(entityKey(pred)) || tokenF1(tokens(gold), tokens(pred)) >= 0.5;
}

interface QuoteScore {
  text: Counts;
  strict: Counts;
  speakerRight: number;
  matched: number;
}

function scoreQuotes(fx: ReadFixture, pred: QuoteItem[]): QuoteScore {
  const gold = fx.expected.quotes;
  const sim = (g: { text: string }, p: QuoteItem) => tokenF1(quoteTokens(g.text), quoteTokens(p.text));
  const pairs = matchOneToOne(gold, pred, sim, 0.5);
  const speakerRight = pairs.filter(([gi, pi]) => sameSpeaker(fx, gold[gi].speaker, pred[pi].speaker)).length;
  const strictPairs = matchOneToOne(gold, pred, (g, p) => (sameSpeaker(fx, g.speaker, p.speaker) ? sim(g, p) : 0), 0.5);
  return {
    text: pairCounts(pairs.length, pred.length, gold.length),
    strict: pairCounts(strictPairs.length, pred.length, gold.length),
    speakerRight,
    matched: pairs.length,
  };
}

/** Qualifiers grouped by what they claim about the value. */
function qualifierClass(q: string | null | undefined): string {
  const s = fold(q ?? '').trim();
  if (!s) return 'exact';
  if (/\b(at least|more than|over|above|upwards of|in excess of|exceed|exceeding|greater than|nearly more|plus|or more|higher than)\b/.test(s)) return 'min';
  if (/\b(up to|at most|less than|fewer than|under|below|no more than|lower than|or less|maximum|not more than)\b/.test(s)) return 'max';
  if (/\b(about|around|roughly|approximately|some|an estimated|estimated|nearly|almost|close to|just under|just over|approx|circa|or so)\b/.test(s)) return 'approx';
  return s;
}

function sameValue(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b));
}

interface FigureScore {
  value: Counts;
  strict: Counts;
  qualifierRight: number;
  matched: number;
}

function scoreFigures(gold: ReadFixture['expected']['figures'], pred: FigureItem[]): FigureScore {
  const pairs = matchOneToOne(gold, pred, (g, p) => (sameValue(g.value, p.value) ? (qualifierClass(g.qualifier) === qualifierClass(p.qualifier) ? 2 : 1) : 0), 1);
  const qualifierRight = pairs.filter(([gi, pi]) => qualifierClass(gold[gi].qualifier) === qualifierClass(pred[pi].qualifier)).length;
  const strictPairs = matchOneToOne(gold, pred, (g, p) => (sameValue(g.value, p.value) && qualifierClass(g.qualifier) === qualifierClass(p.qualifier) ? 1 : 0), 1);
  return {
    value: pairCounts(pairs.length, pred.length, gold.length),
    strict: pairCounts(strictPairs.length, pred.length, gold.length),
    qualifierRight,
    matched: pairs.length,
  };
}

const ABSTAIN = /\b(does not say|doesn'?t say|not (?:say|mention|stated|mentioned|specified|given|clear)|no answer|cannot (?:find|answer|tell)|can'?t (?:find|answer|tell)|unknown|not in the article)\b/i;

function isAbstention(answer: string): boolean {
  return answer.trim() === '' || ABSTAIN.test(answer);
}

interface AskScore {
  answerable: number;
  exact: number;
  f1: number;
  contains: number;
  falseAbstain: number;
  unanswerable: number;
  abstainRight: number;
  /** SQuAD 2.0 style: abstaining scores 1 on an unanswerable question, 0 on an answerable one. */
  overallF1: number;
  questions: number;
}

function emptyAsk(): AskScore {
  return { answerable: 0, exact: 0, f1: 0, contains: 0, falseAbstain: 0, unanswerable: 0, abstainRight: 0, overallF1: 0, questions: 0 };
}

function scoreAsk(fx: ReadFixture, ask: Answerer): AskScore {
  const s = emptyAsk();
  for (const qa of fx.expected.qa) {
    const answer = ask(qa.question);
    const abstained = isAbstention(answer);
    s.questions++;
    if (qa.answers.includes(NO_ANSWER)) {
      s.unanswerable++;
      if (abstained) {
        s.abstainRight++;
        s.overallF1++;
      }
      continue;
    }
    s.answerable++;
    if (abstained) {
      s.falseAbstain++;
      continue;
    }
    const at = answerTokens(answer);
    const joined = ` ${at.join(' ')} `;
    let em = 0;
    let f1 = 0;
    let contains = 0;
    for (const ref of qa.answers) {
      const rt = answerTokens(ref);
      if (rt.join(' ') === at.join(' ')) em = 1;
      f1 = Math.max(f1, tokenF1(at, rt));
      if (rt.length && joined.includes(` ${rt.join(' ')} `)) contains = 1;
    }
    s.exact += em;
    s.f1 += f1;
    s.contains += contains;
    s.overallF1 += f1;
  }
  return s;
}

function addAsk(into: AskScore, s: AskScore): AskScore {
  for (const k of Object.keys(into) as (keyof AskScore)[]) into[k] += s[k];
  return into;
}

// ---------------------------------------------------------------------------------------
// One system (ours or the baseline) over all fixtures.

interface SystemScores {
  entities: Record<EntityType, EntityScore>;
  timeline: Counts;
  timelineLenient: Counts;
  quotes: QuoteScore;
  figures: FigureScore;
  rouge: RougeScores;
  summaryWords: number;
  ask: AskScore;
}

function emptyScores(): SystemScores {
  const ent = (): EntityScore => ({ ...emptyCounts(), duplicates: 0 });
  return {
    entities: { people: ent(), organizations: ent(), places: ent() },
    timeline: emptyCounts(),
    timelineLenient: emptyCounts(),
    quotes: { text: emptyCounts(), strict: emptyCounts(), speakerRight: 0, matched: 0 },
    figures: { value: emptyCounts(), strict: emptyCounts(), qualifierRight: 0, matched: 0 },
    rouge: { rouge1: 0, rouge2: 0, rougeL: 0 },
    summaryWords: 0,
    ask: emptyAsk(),
  };
}

function scoreArticle(fx: ReadFixture, out: Output, ask: Answerer): SystemScores {
  const s = emptyScores();
  for (const t of ENTITY_TYPES) s.entities[t] = scoreEntities(fx.expected[t], out[t]);
  s.timeline = scoreTimeline(fx.expected.timeline, out.timeline, false);
  s.timelineLenient = scoreTimeline(fx.expected.timeline, out.timeline, true);
  s.quotes = scoreQuotes(fx, out.quotes);
  s.figures = scoreFigures(fx.expected.figures, out.figures);
  s.rouge = rouge(out.summary, fx.expected.summary.join(' '));
  s.summaryWords = tokens(out.summary).length;
  s.ask = scoreAsk(fx, ask);
  return s;
}

/** Sums counts (micro) and averages ROUGE and summary length over articles (macro). */
function addScores(into: SystemScores, s: SystemScores): void {
  for (const t of ENTITY_TYPES) {
    addCounts(into.entities[t], s.entities[t]);
    into.entities[t].duplicates += s.entities[t].duplicates;
  }
  addCounts(into.timeline, s.timeline);
  addCounts(into.timelineLenient, s.timelineLenient);
  addCounts(into.quotes.text, s.quotes.text);
  addCounts(into.quotes.strict, s.quotes.strict);
  into.quotes.speakerRight += s.quotes.speakerRight;
  into.quotes.matched += s.quotes.matched;
  addCounts(into.figures.value, s.figures.value);
  addCounts(into.figures.strict, s.figures.strict);
  into.figures.qualifierRight += s.figures.qualifierRight;
  into.figures.matched += s.figures.matched;
  into.rouge.rouge1 += s.rouge.rouge1;
  into.rouge.rouge2 += s.rouge.rouge2;
  into.rouge.rougeL += s.rouge.rougeL;
  into.summaryWords += s.summaryWords;
  addAsk(into.ask, s.ask);
}

function allEntities(s: SystemScores): Counts {
  const c = emptyCounts();
  for (const t of ENTITY_TYPES) addCounts(c, s.entities[t]);
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
const f3 = (n: number) => n.toFixed(3);

function prfRow(name: string, ours: Counts, base: Counts): (string | number)[] {
  const o = prf(ours);
  const b = prf(base);
  return [name, f3(o.precision), f3(o.recall), f3(o.f1), f3(b.precision), f3(b.recall), f3(b.f1), ours.gold];
}

const PRF_HEAD = ['feature', 'P', 'R', 'F1', 'baseline P', 'baseline R', 'baseline F1', 'gold items'];

export async function run(): Promise<string> {
  const fixtures = loadReadFixtures();
  const engine = await loadEngine();
  const ours = emptyScores();
  const base = emptyScores();
  const perArticle: (string | number)[][] = [];
  const errors: string[] = [];
  let readMs = 0;

  for (const fx of fixtures) {
    const started = performance.now();
    const mine = engine.read(fx);
    readMs += performance.now() - started;
    if (mine.error && mine.error !== 'no engine') errors.push(`${fx.slug}: ${mine.error}`);
    const o = scoreArticle(fx, mine.output, mine.ask);
    const bl = baselineOutput(fx);
    const b = scoreArticle(fx, bl.output, bl.ask);
    addScores(ours, o);
    addScores(base, b);
    const pair = (x: number, y: number) => `${f3(x)} / ${f3(y)}`;
    const askF1 = (a: AskScore) => (a.questions ? a.overallF1 / a.questions : 0);
    perArticle.push([
      fx.slug,
      fx.kind,
      pair(prf(allEntities(o)).f1, prf(allEntities(b)).f1),
      pair(prf(o.timeline).f1, prf(b.timeline).f1),
      pair(prf(o.quotes.text).f1, prf(b.quotes.text).f1),
      pair(prf(o.figures.value).f1, prf(b.figures.value).f1),
      pair(o.rouge.rougeL, b.rouge.rougeL),
      pair(askF1(o.ask), askF1(b.ask)),
    ]);
  }

  const n = fixtures.length;
  const words = fixtures.reduce((a, fx) => a + tokens(fx.text).length, 0);
  const qa = ours.ask;
  const bqa = base.ask;
  const parts: string[] = [];

  parts.push(
    `${n} hand-annotated articles (${words} words; kinds: ${[...new Set(fixtures.map((f) => f.kind))].join(', ')}) in \`test/fixtures/read/\`; conventions in its README. ` +
      `Engine: ${engine.status}; mean \`readArticle\` time ${(readMs / Math.max(1, n)).toFixed(1)} ms per article.` +
      (errors.length ? ` Errors: ${errors.join('; ')}.` : ''),
  );

  parts.push(
    '### Entities\n\nDocument level, per type: a predicted entity counts as right when its name or any alias equals a name or alias of an annotated entity (case, diacritics, dots, a leading "the" and a possessive ignored; country variants such as US / U.S. / United States are one key). "dup" = predicted entities that hit an entity already found (unmerged aliases). Baseline: compromise `people()`, `organizations()`, `places()`, distinct strings.\n\n' +
      table(
        [...PRF_HEAD, 'dup', 'baseline dup'],
        [
          ...ENTITY_TYPES.map((t) => [...prfRow(t, ours.entities[t], base.entities[t]), ours.entities[t].duplicates, base.entities[t].duplicates]),
          [...prfRow('all', allEntities(ours), allEntities(base)), ENTITY_TYPES.reduce((a, t) => a + ours.entities[t].duplicates, 0), ENTITY_TYPES.reduce((a, t) => a + base.entities[t].duplicates, 0)],
        ],
      ),
  );

  parts.push(
    '### Timeline\n\nEvery dated mention, one to one: same date value and overlapping expression text. Lenient also accepts a coarser/finer date with the same prefix ("2025" vs "2025-07") or days at most 6 apart (week conventions). Baseline: chrono-node `parse(text, published)` with default options; day granularity when a day or weekday is known, else month, else year.\n\n' +
      table(PRF_HEAD, [prfRow('timeline (strict)', ours.timeline, base.timeline), prfRow('timeline (lenient date)', ours.timelineLenient, base.timelineLenient)]),
  );

  parts.push(
    '### Quotes\n\nOne to one on quote text (token F1 >= 0.5 between the quoted words); "text + speaker" also needs the right speaker (any alias). Baseline: every double-quoted span of 3+ characters, speaker = the first compromise person in the same sentence.\n\n' +
      table(
        [...PRF_HEAD, 'speaker accuracy (matched)', 'baseline speaker accuracy'],
        [
          [...prfRow('quotes (text)', ours.quotes.text, base.quotes.text), ratio(ours.quotes.speakerRight, ours.quotes.matched), ratio(base.quotes.speakerRight, base.quotes.matched)],
          [...prfRow('quotes (text + speaker)', ours.quotes.strict, base.quotes.strict), '', ''],
        ],
      ),
  );

  parts.push(
    '### Figures\n\nOne to one on the value (within 0.5%); "value + qualifier" also needs the same kind of qualifier (exact / at least / at most / about). Baseline: compromise `numbers()`, which also returns years and dates, with no qualifier.\n\n' +
      table(
        [...PRF_HEAD, 'qualifier accuracy (matched)', 'baseline qualifier accuracy'],
        [
          [...prfRow('figures (value)', ours.figures.value, base.figures.value), ratio(ours.figures.qualifierRight, ours.figures.matched), ratio(base.figures.qualifierRight, base.figures.matched)],
          [...prfRow('figures (value + qualifier)', ours.figures.strict, base.figures.strict), '', ''],
        ],
      ),
  );

  parts.push(
    '### Summary\n\nROUGE F-measures (our implementation in `eval/lib/rouge.ts`: lower-cased words, no stemming, ROUGE-L over the whole token sequence) against the 3-4 highlight sentences written by hand for each article, averaged over articles. Baseline: the first three sentences of the body (lead-3).\n\n' +
      table(
        ['system', 'ROUGE-1', 'ROUGE-2', 'ROUGE-L', 'mean words'],
        [
          ['engine summary', f3(ours.rouge.rouge1 / n), f3(ours.rouge.rouge2 / n), f3(ours.rouge.rougeL / n), (ours.summaryWords / n).toFixed(0)],
          ['lead-3', f3(base.rouge.rouge1 / n), f3(base.rouge.rouge2 / n), f3(base.rouge.rougeL / n), (base.summaryWords / n).toFixed(0)],
          ['reference', '1.000', '1.000', '1.000', (fixtures.reduce((a, fx) => a + tokens(fx.expected.summary.join(' ')).length, 0) / n).toFixed(0)],
        ],
      ),
  );

  parts.push(
    `### Ask\n\n${qa.questions} questions (${qa.answerable} answerable with short spans, ${qa.unanswerable} that the article does not answer). Answerable: exact match and token F1 against the best reference span (SQuAD normalisation), and "contains" = a reference span appears inside the answer (fairer to sentence answers). An answer abstains when it is empty or says the article does not say. Overall F1 scores an abstention 1 on unanswerable and 0 on answerable questions. Baseline: the whole sentence sharing most content words with the question.\n\n` +
      table(
        ['system', 'exact', 'token F1', 'contains', 'false abstentions', 'abstains when unanswerable', 'overall F1'],
        [
          ['askArticle', ratio(qa.exact, qa.answerable), ratio(qa.f1, qa.answerable), ratio(qa.contains, qa.answerable), ratio(qa.falseAbstain, qa.answerable), ratio(qa.abstainRight, qa.unanswerable), ratio(qa.overallF1, qa.questions)],
          ['best sentence', ratio(bqa.exact, bqa.answerable), ratio(bqa.f1, bqa.answerable), ratio(bqa.contains, bqa.answerable), ratio(bqa.falseAbstain, bqa.answerable), ratio(bqa.abstainRight, bqa.unanswerable), ratio(bqa.overallF1, bqa.questions)],
        ],
      ),
  );

  parts.push('### Per article\n\nF1 (or ROUGE-L, or overall ask F1) as engine / baseline.\n\n' + table(['article', 'kind', 'entities', 'timeline', 'quotes', 'figures', 'summary R-L', 'ask'], perArticle));

  return parts.join('\n\n');
}
