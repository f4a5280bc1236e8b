// Quotes: direct speech in an article with the person or organisation who said it.
//
// 1. Quote marks are paired sentence by sentence: straight and curly double quotes,
//    guillemets, and single quotes ('...' and ‘...’) told apart from apostrophes by the
//    characters around them. A double quote left open runs on into the next sentences of
//    its paragraph, and into the next paragraph when that one opens with a quote mark (the
//    news convention for a quote over paragraphs); it becomes one quote whose sentence is
//    where it starts.
// 2. Attribution is looked for right after the closing mark ("...," X said / said X /
//    X, the ..., said / according to X / X told Reuters / he posted on X), then before the
//    opening mark (X said: "..." / X said Syria would be a "partial quote"). A quote with
//    no attribution keeps the speaker of the quote just before it in the same or previous
//    sentence, or the entity that opens its sentence.
// 3. Scare quotes and titles are dropped: a short quote (four words or fewer) that is not
//    directly attributed, or that sits inside a noun phrase ("Arab and American" mediation),
//    and a short title-case name ('Islamic Emirate', 'Taliban Movement').
// 4. The speaker is the canonical name of the matching person or organisation; "he"/"she"
//    resolve to the latest person who spoke or was named before, "it" and "the ministry"
//    to the latest organisation; a name that matches nothing is kept as written; an
//    unresolved pronoun gives null.

import { type NamedEntity, type Sentence, isCapitalized, matchEntity, nameKey, collapseSpaces } from './facts-common.ts';

export type { Sentence } from './facts-common.ts';

export type QuoteEntry = {
  /** Canonical name of the speaker, the name as written when it matches no entity, or null. */
  speaker: string | null;
  /** The quoted words, without the quote marks; one text for a quote over several sentences. */
  text: string;
  /** Index of the sentence where the quote starts. */
  sentence: number;
};

const SAY_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'states', 'wrote', 'writes', 'posted', 'posts',
  'asked', 'asks', 'warned', 'warns', 'noted', 'notes', 'explained', 'explains', 'insisted', 'insists', 'argued',
  'argues', 'claimed', 'claims', 'declared', 'declares', 'announced', 'announces', 'tweeted', 'tweets', 'replied',
  'replies', 'continued', 'continues', 'recalled', 'recalls', 'acknowledged', 'admitted', 'admits', 'conceded',
  'cautioned', 'urged', 'urges', 'stressed', 'stresses', 'emphasised', 'emphasized', 'responded', 'remarked',
  'observed', 'commented', 'concluded', 'confirmed', 'shouted', 'cried', 'whispered', 'alleged', 'maintained',
  'countered', 'predicted', 'vowed', 'promised', 'pledged', 'complained', 'lamented', 'boasted', 'joked', 'quipped',
  'recounted', 'testified', 'wondered', 'thundered', 'mused', 'reiterated', 'agreed', 'denied', 'described',
  'called', 'wrote', 'messaged', 'texted', 'reported', 'suggested', 'demanded', 'charged', 'contended', 'assured',
];
const SAY = new Set(SAY_VERBS);
/** Verbs that introduce a partial quote but also take other objects; they attribute only partial quotes. */
const WEAK_SAY = new Set(['called', 'described', 'urged', 'urges', 'reported', 'agreed', 'denied', 'suggested', 'demanded', 'charged']);

const PRONOUNS_PERSON = new Set(['he', 'she', 'him', 'her']);
const PRONOUNS_ORG = new Set(['it']);
const ORG_HEADS = new Set([
  'ministry', 'monitor', 'group', 'agency', 'organisation', 'organization', 'company', 'firm', 'government', 'army',
  'military', 'police', 'office', 'department', 'council', 'committee', 'court', 'commission', 'bank', 'union', 'party',
  'observatory', 'presidency', 'embassy', 'authority', 'authorities', 'service', 'network', 'broadcaster', 'newspaper',
  'watchdog', 'regulator', 'board', 'club', 'federation', 'league', 'team', 'institute', 'foundation', 'charity',
  'airline', 'carrier', 'operator', 'maker', 'manufacturer', 'retailer', 'insurer', 'lender', 'giant', 'startup',
  'administration', 'cabinet', 'parliament', 'assembly', 'senate', 'coalition', 'alliance', 'movement', 'militia',
  'prosecutor\'s office', 'statement', 'spokesperson\'s office',
]);
const TITLE_WORDS = new Set([
  'president', 'vice', 'prime', 'minister', 'foreign', 'interior', 'defence', 'defense', 'finance', 'health', 'secretary',
  'general', 'chancellor', 'senator', 'sen', 'sen.', 'rep', 'rep.', 'representative', 'governor', 'gov.', 'mayor', 'king',
  'queen', 'prince', 'princess', 'pope', 'chief', 'executive', 'director', 'spokesman', 'spokeswoman', 'spokesperson',
  'interim', 'former', 'deputy', 'envoy', 'ambassador', 'dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'judge',
  'justice', 'commissioner', 'chairman', 'chairwoman', 'chair', 'ceo', 'leader', 'sheikh', 'lt', 'lt.', 'col', 'col.',
  'gen', 'gen.', 'capt', 'capt.', 'sgt', 'sgt.', 'officer', 'inspector', 'professor', 'prof', 'prof.', 'rabbi', 'cardinal',
  'bishop', 'archbishop', 'coach', 'manager', 'captain', 'striker', 'midfielder', 'defender', 'goalkeeper', 'lawmaker',
  'MP', 'mp', 'speaker', 'attorney', 'lawyer', 'analyst', 'economist', 'founder', 'co-founder', 'head', 'supreme',
  'commander', 'field', 'marshal', 'admiral', 'major', 'ayatollah', 'emir', 'crown', 'sir', 'dame', 'lord', 'lady',
  'state', 'acting', 'opposition', 'labour', 'conservative', 'democratic', 'republican', 'new', 'top', 'senior',
]);
const NAME_PARTICLES = /^(al|el|bin|ibn|bint|abu|de|da|di|du|dos|das|del|della|van|von|der|den|le|la|ter|ten|y|of|for|the|and|on)$/;
const STOP_AFTER_SPEAKER = /\s(?:in|on|at|during|after|before|from|to|of|with|via|when|while|as|on|late|early|last|this|who|which|that)\b/i;

/** A run of quoted text found by pairing marks, possibly over several sentences. */
type RawQuote = {
  first: number; // position in the sentence list
  last: number;
  openAt: number; // offset of the opening mark in sentences[first]
  closeAt: number; // offset just after the closing mark in sentences[last] (or its length when unclosed)
  text: string;
  isClosed: boolean;
};

type Kind = 'person' | 'org';
type Known = { entity: NamedEntity; kind: Kind };

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const OPENERS_BEFORE = /[\s([{—–\-/:;,"“'‘«]/;

function canOpen(t: string, i: number): boolean {
  const prev = t[i - 1];
  const next = t[i + 1];
  return (prev === undefined || OPENERS_BEFORE.test(prev)) && next !== undefined && !isSpace(next);
}
function canClose(t: string, i: number): boolean {
  const prev = t[i - 1];
  const next = t[i + 1];
  return prev !== undefined && !isSpace(prev) && (next === undefined || !isWordChar(next));
}

/** A straight or curly single quote that is an apostrophe ("Taliban's", "don't", "'90s"). */
function isApostrophe(t: string, i: number): boolean {
  return (isWordChar(t[i - 1]) && isWordChar(t[i + 1])) || /\d/.test(t[i + 1] ?? '');
}

/**
 * Pairs quote marks over the sentence list. Nested marks of the other kind are kept as text.
 */
function findQuotes(sentences: Sentence[]): RawQuote[] {
  const out: RawQuote[] = [];
  let open: { kind: 'double' | 'single'; first: number; openAt: number; parts: string[]; from: number } | null = null;
  const closeOpen = (si: number, at: number, closeAt: number, isClosed: boolean) => {
    if (!open) return;
    const t = sentences[si].text;
    open.parts.push(t.slice(open.from, at));
    out.push({ first: open.first, last: si, openAt: open.openAt, closeAt, text: collapseSpaces(open.parts.join(' ')), isClosed });
    open = null;
  };
  for (let si = 0; si < sentences.length; si++) {
    const t = sentences[si].text;
    if (open) {
      const prevPara = sentences[si - 1].paragraph;
      const isNewPara = sentences[si].paragraph !== prevPara;
      const tooLong = si - open.first > 10;
      if (isNewPara || tooLong) {
        // A quote over paragraphs re-opens with a mark at the start of the next paragraph.
        const reopens = open.kind === 'double' && !tooLong && /^\s*["“«]/.test(t);
        if (!reopens) {
          const p = sentences[si - 1].text;
          (open as { from: number }).from = p.length;
          closeOpen(si - 1, p.length, p.length, false);
        } else {
          open.from = t.indexOf(/^\s*(["“«])/.exec(t)![1]) + 1;
        }
      } else {
        open.from = 0;
      }
    }
    let i: number = open ? (open as { from: number }).from : 0;
    for (; i < t.length; i++) {
      const c = t[i];
      if (c === '"' || c === '“' || c === '”' || c === '«' || c === '»' || c === '„') {
        if (open?.kind === 'single') continue;
        if (open) {
          if (c === '“' || c === '«' || c === '„') continue; // a stray opener inside an open quote
          if (c === '"' && !canClose(t, i) && canOpen(t, i)) continue;
          closeOpen(si, i, i + 1, true);
        } else if (c !== '”' && c !== '»' && (c !== '"' || canOpen(t, i))) {
          open = { kind: 'double', first: si, openAt: i, parts: [], from: i + 1 };
        }
      } else if (c === "'" || c === '‘' || c === '’') {
        if (open?.kind === 'double' || isApostrophe(t, i)) continue;
        if (open) {
          if (c === '‘' || !canClose(t, i)) continue;
          // "the fighters' homes": a plural possessive, not the end of the quote.
          if (/s/.test(t[i - 1]) && /^\s+\p{Ll}/u.test(t.slice(i + 1)) && !/^\s+(he|she|it|they|we|i|said|says|added|told|according)\b/i.test(t.slice(i + 1))) {
            // Keep it open only if another closing mark follows in this sentence.
            if (/\S['’](?![\p{L}\p{N}])/u.test(t.slice(i + 1))) continue;
          }
          closeOpen(si, i, i + 1, true);
        } else if (c !== '’' && canOpen(t, i) && /\S['’](?![\p{L}\p{N}])/u.test(t.slice(i + 1))) {
          // A single quote opens only when it closes in the same sentence.
          open = { kind: 'single', first: si, openAt: i, parts: [], from: i + 1 };
        }
      }
    }
    if (open) {
      if (open.kind === 'single') open = null; // never closed: it was an apostrophe
      else {
        open.parts.push(t.slice(open.from));
        open.from = 0;
      }
    }
  }
  if (open) {
    const si = sentences.length - 1;
    (open as { from: number }).from = sentences[si].text.length;
    closeOpen(si, sentences[si].text.length, sentences[si].text.length, false);
  }
  return out;
}

/** An attribution found next to a quote: the speaker phrase as written and the verb. */
type Attribution = { phrase: string; verb: string; isDirect: boolean };

const SAY_RE = new RegExp(`\\b(${SAY_VERBS.join('|')}|according to)\\b`, 'i');

/** `"...," X said` / `"...," said X` / `"...," according to X`: the text after the closing mark. */
function attributionAfter(after: string): Attribution | null {
  const s = after.replace(/^[\s,]+/, '');
  if (!s || /^[.;:!?]/.test(s)) return null;
  const m = /^according to\s+(.+)$/i.exec(s);
  if (m) return { phrase: cutSpeaker(m[1]), verb: 'according to', isDirect: true };
  // Verb first: said Omar Obeid, director of the hospital.
  const vf = /^(?:also\s+|later\s+|then\s+)?([a-z]+)\s+(.+)$/.exec(s);
  if (vf && SAY.has(vf[1]) && !WEAK_SAY.has(vf[1])) {
    const phrase = cutSpeaker(vf[2]);
    if (phrase) return { phrase, verb: vf[1], isDirect: true };
  }
  // Speaker first, with an optional appositive: X, the ..., said.
  const words = s.split(/\s+/).slice(0, 40);
  for (let k = 0, seenComma = 0; k < words.length; k++) {
    const w = words[k].toLowerCase().replace(/[^a-z']/g, '');
    if (SAY.has(w) && !WEAK_SAY.has(w) && k > 0) {
      let phrase = words.slice(0, k).join(' ');
      phrase = phrase.replace(/\s+(also|later|then|again|once|has|had|have|would|will)$/i, '');
      phrase = phrase.replace(/,\s.*$/, '').replace(/,$/, '');
      if (!phrase || phrase.split(' ').length > 8) return null;
      return { phrase, verb: w, isDirect: true };
    }
    if (/[.;:!?]$/.test(words[k]) || /["“”]/.test(words[k])) return null;
    if (/,$/.test(words[k])) seenComma++;
    if (seenComma === 0 && k >= 8) return null;
    if (seenComma > 2) return null;
  }
  return null;
}

/** `X said: "..."` / `X said "..."` / `X said Syria would be a "..."`: the text before the opening mark. */
function attributionBefore(before: string, isPartial: boolean): Attribution | null {
  const clause = before.split(/[.!?;]\s/).pop()!;
  let best: RegExpExecArray | null = null;
  const re = new RegExp(SAY_RE.source, 'gi');
  for (let m = re.exec(clause); m; m = re.exec(clause)) best = m;
  if (!best) return null;
  const verb = best[1].toLowerCase();
  const rest = clause.slice(best.index + best[0].length);
  const restWords = rest.trim() ? rest.trim().split(/\s+/).length : 0;
  const isIntro = /^\s*(?:that\s*)?[:,]?\s*$/.test(rest) || /^\s+(?:to|on|in)\s+[^,:]{1,40}[:,]\s*$/i.test(rest) || /^\s+(?:reporters|journalists|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*)\s*[:,]?\s*$/u.test(rest);
  if (!isIntro && !(isPartial && restWords <= 25)) return null;
  if (verb === 'according to') {
    const phrase = cutSpeaker(rest.replace(/^\s+/, '').replace(/[:,]\s*$/, ''));
    return phrase ? { phrase, verb, isDirect: isIntro } : null;
  }
  if (WEAK_SAY.has(verb) && !isPartial) return null;
  const head = clause.slice(0, best.index).replace(/\s+(also|later|then|again|has|had|have|would|will|once|previously|repeatedly|has also|had earlier)\s*$/i, '').trimEnd();
  const phrase = speakerBeforeVerb(head);
  return phrase ? { phrase, verb, isDirect: isIntro } : null;
}

/** The subject right before a verb: a pronoun, a name run, or a short noun phrase; appositives skipped. */
function speakerBeforeVerb(head: string): string | null {
  let h = head.replace(/\s+$/, '');
  // "Barrack, who is both US ambassador ..., urged": drop a trailing appositive.
  // "The mayor, John Smith, said": the appositive name beats the descriptor.
  if (h.endsWith(',')) {
    const parts = h.slice(0, -1).split(',').map((x) => x.trim());
    const name = parts.slice(0, 2).find((x) => isCapitalized(x) && !/^(The|A|An|In|On|At|After|Before|During|But|And|However)\b/.test(x) && x.split(/\s+/).length <= 6 && !/\b(who|which|that)\b/.test(x));
    const first = parts[0];
    if (name) h = name;
    else if (first) h = first;
  }
  // "In a statement, the ministry said": the speaker is after the last comma.
  const part = h.split(/,\s+/).pop()!.trim();
  const words = part.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const lastWord = words[words.length - 1].toLowerCase();
  if (['he', 'she', 'it', 'they', 'we', 'i', 'you'].includes(lastWord)) return lastWord;
  // Take a noun phrase of up to 8 words, stopping at a preposition or verb before it.
  const take: string[] = [];
  for (let k = words.length - 1; k >= 0 && take.length < 8; k--) {
    const w = words[k];
    if (/^(and|but|or|that|which|who|because|while|when|as|if|so|then)$/i.test(w) && take.length) break;
    if (/^(in|on|at|after|before|during|from|with|by|for)$/.test(w) && !isCapitalized(words[k + 1] ?? '')) break;
    if (/^(in|on|at|after|before|during|from|with|by|for)$/.test(w) && take.length && isCapitalized(take[0]) && !/^(of|for)$/.test(w)) break;
    take.unshift(w);
    if (/^(the|a|an|The|A|An)$/.test(w)) break;
  }
  return take.length ? take.join(' ') : null;
}

/** The speaker after a verb or "according to": up to the first comma, preposition or end. */
function cutSpeaker(s: string): string {
  let p = s.split(/[,.;:!?(]/)[0];
  const stop = STOP_AFTER_SPEAKER.exec(` ${p}`);
  if (stop && stop.index > 0) p = ` ${p}`.slice(0, stop.index);
  p = p.trim();
  return p.split(/\s+/).length > 8 ? '' : p;
}

/** Strips titles and descriptors from a written name: "Israeli Foreign Minister Gideon Saar" -> "Gideon Saar". */
function bareName(phrase: string): string {
  const words = phrase.replace(/^(the|a|an)\s+/i, '').split(/\s+/);
  // The trailing run of capitalised words (name particles allowed inside).
  let k = words.length;
  while (k > 0 && (isCapitalized(words[k - 1]) || (k < words.length && NAME_PARTICLES.test(words[k - 1].toLowerCase()) && k - 1 > 0) || /^(al|el)-/.test(words[k - 1]))) k--;
  let run = words.slice(k);
  while (run.length && NAME_PARTICLES.test(run[0].toLowerCase())) run = run.slice(1);
  while (run.length > 2 && (TITLE_WORDS.has(run[0].toLowerCase()) || /^\p{Lu}{2,4}$/u.test(run[0]) || /(an|ian|ese|ish|i|ch)$/.test(run[0]) && isCapitalized(run[1] ?? ''))) run = run.slice(1);
  if (run.length === 2 && TITLE_WORDS.has(run[0].toLowerCase())) run = run.slice(1);
  return run.join(' ').replace(/['’]s$/, '');
}

function headNoun(phrase: string): string {
  const words = phrase.toLowerCase().split(/\s+(?:in|of|at|for|from|on)\s+/)[0].split(/\s+/);
  return words[words.length - 1].replace(/[^a-z']/g, '');
}

/** Where each known person and organisation is named, sentence by sentence, outside quotes. */
type Mention = { sentence: number; at: number; known: Known };

function mentionsIn(text: string, si: number, known: Known[], forms: Map<Known, RegExp[]>): Mention[] {
  const out: Mention[] = [];
  for (const k of known) {
    let best = -1;
    for (const re of forms.get(k)!) {
      const m = re.exec(text);
      if (m && (best < 0 || m.index < best)) best = m.index;
    }
    if (best >= 0) out.push({ sentence: si, at: best, known: k });
  }
  return out.sort((a, b) => a.at - b.at);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names an entity goes by in text: its name, aliases, and a person's surname ("Sharaa"). */
function surfaceForms(k: Known): string[] {
  const set = new Set<string>();
  for (const a of [k.entity.name, ...k.entity.aliases]) {
    if (!a || a.length < 2) continue;
    set.add(a);
    if (k.kind === 'person') {
      const parts = a.split(/\s+/);
      const last = parts[parts.length - 1];
      if (parts.length > 1 && last.length >= 3 && isCapitalized(last.replace(/^(al|el)-/, ''))) {
        set.add(last);
        const bare = last.replace(/^(al|el)-/, '');
        if (bare !== last && bare.length >= 3) set.add(bare);
      }
    }
  }
  return [...set];
}

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

function isTitleCase(s: string): boolean {
  const words = s.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length > 0 && long.every((w) => isCapitalized(w));
}

/**
 * Direct quotes with their speakers, in text order. `people` and `organizations` are the
 * entities the reader found (canonical name plus aliases); they turn written names and
 * pronouns into canonical speakers. Never throws; bad sentences are skipped.
 */
export function extractQuotes(
  sentences: Sentence[],
  people: { name: string; aliases: string[] }[],
  organizations: { name: string; aliases: string[] }[],
): QuoteEntry[] {
  const list = (Array.isArray(sentences) ? sentences : []).filter((s) => s && typeof s.text === 'string');
  const safe = (xs: unknown) => (Array.isArray(xs) ? xs : []).filter((e): e is NamedEntity => !!e && typeof e.name === 'string' && e.name.trim() !== '').map((e) => ({ name: e.name, aliases: Array.isArray(e.aliases) ? e.aliases.filter((a) => typeof a === 'string') : [] }));
  const persons = safe(people);
  const orgs = safe(organizations);
  const known: Known[] = [...persons.map((entity) => ({ entity, kind: 'person' as const })), ...orgs.map((entity) => ({ entity, kind: 'org' as const }))];
  const forms = new Map(known.map((k) => [k, surfaceForms(k).map((f) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(f)}(?![\\p{L}\\p{N}])`, 'u'))]));
  const raws = findQuotes(list);

  // Text outside quotes, per sentence, for finding who is named and who speaks without quotes.
  const outside = list.map((s) => s.text);
  for (const q of raws) {
    for (let si = q.first; si <= q.last; si++) {
      const t = outside[si];
      const a = si === q.first ? q.openAt : 0;
      const b = si === q.last ? q.closeAt : t.length;
      outside[si] = t.slice(0, a) + ' '.repeat(Math.max(0, b - a)) + t.slice(b);
    }
  }
  const mentions = outside.map((t, si) => (known.length ? mentionsIn(t, si, known, forms) : []));

  const resolve = (phrase: string, si: number, lastSpeakers: { si: number; known: Known }[]): string | null => {
    const p = phrase.trim().replace(/^["“”'‘’]+|["“”'‘’]+$/g, '');
    const lower = p.toLowerCase();
    if (!p) return null;
    if (PRONOUNS_PERSON.has(lower) || PRONOUNS_ORG.has(lower) || (!isCapitalized(p) || /^(the|a|an)\s/i.test(p)) && ORG_HEADS.has(headNoun(p))) {
      const kind: Kind = PRONOUNS_PERSON.has(lower) ? 'person' : 'org';
      const head = PRONOUNS_PERSON.has(lower) || PRONOUNS_ORG.has(lower) ? '' : headNoun(p);
      // A descriptor that names its organisation ("the interior ministry") wins.
      if (head) {
        const direct = matchEntity(p.replace(/^(the|a|an)\s+/i, ''), orgs);
        if (direct) return direct.name;
        for (let k = si; k >= 0 && k >= si - 6; k--) {
          const hit = [...mentions[k]].reverse().find((m) => m.known.kind === 'org' && nameKey(m.known.entity.name).includes(head));
          if (hit) return hit.known.entity.name;
        }
      }
      const recent = [...lastSpeakers].reverse().find((x) => x.known.kind === kind && si - x.si <= 3);
      if (recent) return recent.known.entity.name;
      for (let k = si; k >= 0 && k >= si - 4; k--) {
        // The first one named in a sentence is most often its subject.
        const hit = mentions[k].find((m) => m.known.kind === kind);
        if (hit) return hit.known.entity.name;
      }
      return head ? collapseSpaces(p) : null;
    }
    if (['they', 'we', 'i', 'you', 'them', 'us'].includes(lower)) return null;
    const m = matchEntity(p, known.map((k) => k.entity)) ?? matchEntity(bareName(p), known.map((k) => k.entity));
    if (m) return m.name;
    if (isCapitalized(p) && !/^(The|A|An)\s/.test(p)) return bareName(p) || p;
    return collapseSpaces(p);
  };

  // Who spoke or was named as speaking, sentence by sentence, for pronouns and unattributed quotes.
  const speakers: { si: number; known: Known }[] = [];
  const remember = (name: string | null, si: number) => {
    if (!name) return;
    const k = known.find((x) => x.entity.name === name);
    if (k) speakers.push({ si, known: k });
  };
  const quotedSentences = new Set<number>();
  for (const q of raws) for (let si = q.first; si <= q.last; si++) quotedSentences.add(si);

  const out: QuoteEntry[] = [];
  let prev: { last: number; speaker: string | null; paragraph: number } | null = null;
  let nextReported = 0;
  const noteReportedSpeech = (upTo: number) => {
    // Reported speech without quote marks ("Saar said Sharaa was ...") also sets who spoke last.
    for (; nextReported < upTo; nextReported++) {
      const si = nextReported;
      if (quotedSentences.has(si)) continue;
      const t = outside[si];
      let verbAt = -1;
      for (const w of t.slice(0, 140).matchAll(/[a-z]+/g)) {
        if (w.index! > 0 && SAY.has(w[0]) && !WEAK_SAY.has(w[0])) { verbAt = w.index!; break; }
      }
      if (verbAt < 0) continue;
      const phrase = speakerBeforeVerb(t.slice(0, verbAt));
      if (phrase && !PRONOUNS_PERSON.has(phrase.toLowerCase()) && phrase.toLowerCase() !== 'it') remember(resolve(phrase, si, speakers), si);
    }
  };

  for (const q of raws) {
    noteReportedSpeech(q.first);
    const first = list[q.first];
    const last = list[q.last];
    const text = q.text.replace(/[\s,]+$/, '').replace(/^[\s,]+/, '').trim();
    if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
    const words = wordCount(text);
    const after = last.text.slice(q.closeAt);
    const before = first.text.slice(0, q.openAt);
    const isPartial = before.trim() !== '' && !/[:,]\s*$/.test(before);
    const post = attributionAfter(after);
    const pre = post ? null : attributionBefore(before, isPartial || words >= 5);
    const att = post ?? pre;
    const isDirect = !!post || !!pre?.isDirect;

    // Scare quotes, titles and names are not quotes.
    const insideNounPhrase = /^\s*\p{Ll}/u.test(after) && !post && !/^\s*(he|she|it|they|we|said|says|according)\b/.test(after);
    if (words <= 4 && (!isDirect || insideNounPhrase)) continue;
    if (words <= 6 && isTitleCase(text) && !isDirect) continue;
    if (/\b(so-called|dubbed|called|named|titled|entitled|known as|the term|the word|the phrase|slogan|hashtag|designation of( the)?|label(led)?)\s*$/i.test(before) && words <= 8) continue;
    if (!att && words < 5) continue;

    let speaker: string | null = null;
    if (att) speaker = resolve(att.phrase, q.last, speakers);
    else {
      const para = first.paragraph;
      if (prev && (q.first - prev.last <= 1) && (para === prev.paragraph || q.first - prev.last === 1)) speaker = prev.speaker;
      else {
        // The entity that opens the sentence: "The Observatory counted ..., 165 of whom "were executed"".
        const opener = mentions[q.first].find((m) => /^\s*(the\s+)?$/i.test(outside[q.first].slice(0, m.at)));
        if (opener) speaker = opener.known.entity.name;
      }
    }
    remember(speaker, q.last);
    out.push({ speaker, text, sentence: first.index });
    prev = { last: q.last, speaker, paragraph: last.paragraph };
  }
  return out;
}
