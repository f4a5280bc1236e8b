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
// 3. Scare quotes and titles are dropped: a short quote (four words or fewer) with no
//    attribution in its sentence, or one that modifies the noun after it ("Arab and
//    American" mediation, so-called 'consultancy' firms), and a short title-case name
//    ('Islamic Emirate', 'NightHarbour'). A short partial quote inside reported speech is
//    kept (told RTÉ that customers could be without power "for several days").
// 4. The speaker is the canonical name of the matching person or organisation, found at the
//    head of the subject ("Rovers manager Phil Grierson", "Pryce's barrister, Daniel Osei,").
//    "he"/"she" resolve to the nearest sentence that has a speaker or names a person (its
//    speaker first, then the first person named); "it" to the same for organisations;
//    "the ministry"/"the company" to an organisation whose name has that word, else the one
//    most named in the last few sentences; "the minister" to a person named with that
//    title nearby. An unnamed speaker is kept as its lower-case description ("a doctor in
//    sweida"), a name that matches no entity as written without titles, and an unresolved
//    pronoun gives null.

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
  'apologised', 'apologized', 'branded', 'dismissed', 'hailed', 'welcomed', 'criticised', 'criticized', 'condemned',
];
const SAY = new Set(SAY_VERBS);
/** Verbs that introduce a partial quote but also take other objects; they attribute only partial quotes. */
const WEAK_SAY = new Set(['called', 'described', 'urged', 'urges', 'reported', 'agreed', 'denied', 'suggested', 'demanded', 'charged', 'apologised', 'apologized', 'branded', 'dismissed', 'hailed', 'welcomed', 'criticised', 'criticized', 'condemned']);

/** Words that may follow a partial quote without making it a modifier ("a flagrant disregard" for). */
const FUNCTION_AFTER_QUOTE = /^(its|their|his|her|the|a|an|our|my|your|this|these|those|them|him|us|me|and|but|or|nor|for|to|in|on|at|of|by|with|from|as|than|that|which|who|whom|whose|when|while|if|because|since|until|after|before|over|under|about|against|into|onto|upon|during|despite|amid|among|between|through|without|within|he|she|it|they|we|i|you|said|says|according|told|added|adding|saying|wrote|was|were|is|are|had|has|have|would|will|could|should|can|may|might|must|did|does|do|not|also|then|so|yet|unless|though|although|whereas|where|instead|rather|even|only|just)$/;
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
/** Lower-case nouns for people quoted by role ("the minister said", "a department spokesman"). */
const PERSON_HEADS = new Set(['minister', 'spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials', 'president', 'governor', 'mayor', 'judge', 'coach', 'manager', 'chief', 'director', 'chairman', 'chairwoman', 'executive', 'prosecutor', 'lawyer', 'barrister', 'solicitor', 'attorney', 'envoy', 'ambassador', 'secretary', 'commissioner', 'leader', 'captain', 'founder', 'economist', 'analyst', 'professor', 'doctor', 'researcher', 'scientist', 'senator', 'lawmaker', 'chancellor', 'premier', 'head', 'ceo', 'owner', 'resident', 'witness', 'survivor', 'member']);
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

/** A closing single quote after sentence punctuation in the next sentences of the same paragraph. */
function closesLater(sentences: Sentence[], si: number): boolean {
  for (let k = si + 1; k < sentences.length && k <= si + 4 && sentences[k].paragraph === sentences[si].paragraph; k++) {
    const t = sentences[k].text;
    if (/[.,?!…]['’](?![\p{L}\p{N}])/u.test(t)) return true;
    if (/(^|\s)['‘]\p{L}/u.test(t)) return false; // another quote opens first
  }
  return false;
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
        } else if (c !== '’' && canOpen(t, i) && (/\S['’](?![\p{L}\p{N}])/u.test(t.slice(i + 1)) || closesLater(sentences, si))) {
          // A single quote opens only when it closes: in this sentence, or after sentence
          // punctuation in a later sentence of the paragraph ('We left. He stayed.').
          open = { kind: 'single', first: si, openAt: i, parts: [], from: i + 1 };
        }
      }
    }
    if (open) {
      if (open.kind === 'single' && !closesLater(sentences, si)) open = null; // never closed: it was an apostrophe
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

const SAY_RE = new RegExp(`(?<![\\w-])(${SAY_VERBS.join('|')}|according to)\\b`, 'i');

/** `"...," X said` / `"...," said X` / `"...," according to X`: the text after the closing mark. */
function attributionAfter(after: string): Attribution | null {
  const s = after.replace(/^[\s,]+/, '');
  if (!s || /^[.;:!?]/.test(s)) return null;
  const m = /^according to\s+(.+)$/i.exec(s);
  if (m) return { phrase: cutSpeaker(m[1]), verb: 'according to', isDirect: true };
  // Verb first: said Omar Obeid, director of the hospital.
  const vf = /^(?:also\s+|later\s+|then\s+)?([a-z]+)\s+(.+)$/.exec(s);
  if (vf && SAY.has(vf[1])) {
    const phrase = cutSpeaker(vf[2]);
    if (phrase) return { phrase, verb: vf[1], isDirect: true };
  }
  // Speaker first, with an optional appositive: X, the ..., said.
  const words = s.split(/\s+/).slice(0, 40);
  for (let k = 0, seenComma = 0; k < words.length; k++) {
    const w = words[k].toLowerCase().replace(/[^a-z']/g, '');
    if (SAY.has(w) && k > 0) {
      if (/^(and|but|or|nor|so|then|which|that|who|as|while|when|because|if|to|for|with|in|on|at|of|by)$/i.test(words[0])) return null;
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
  const found: RegExpExecArray[] = [];
  const re = new RegExp(SAY_RE.source, 'gi');
  for (let m = re.exec(clause); m; m = re.exec(clause)) found.push(m);
  if (!found.length) return null;
  const best = found[found.length - 1];
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
  let head = clause.slice(0, best.index).replace(/\s+(also|later|then|again|has|had|have|would|will|once|previously|repeatedly|has also|had earlier)\s*$/i, '').trimEnd();
  // "Marwood said he would be sentenced ... and warned him ...": coordinated verbs share the
  // subject that opens the clause.
  if (/\b(and|but|then)$/i.test(head) || /(^|\s)(he|she|it|they)\s+(would|will|could|had|has|was|is)\b/i.test(head) && found.length > 1) {
    const opener = clauseSubject(clause);
    if (opener) return { phrase: opener, verb, isDirect: isIntro };
  }
  const phrase = speakerBeforeVerb(head);
  return phrase ? { phrase, verb, isDirect: isIntro } : null;
}

/** The noun phrase that opens a clause, up to its first verb: "The company kept ..." -> "The company". */
function clauseSubject(clause: string): string | null {
  const words = clause.trim().split(/\s+/);
  const take: string[] = [];
  for (const w of words) {
    const lw = w.toLowerCase().replace(/[^a-z'’-]/g, '');
    if (take.length && (SAY.has(lw) || VERBISH.test(lw) || /^(has|had|have|was|were|is|are|will|would|could|did|does)$/.test(lw))) break;
    if (/,$/.test(w)) { take.push(w.slice(0, -1)); break; }
    take.push(w);
    if (take.length > 8) return null;
  }
  return take.length ? take.join(' ') : null;
}
const VERBISH = /^[a-z]{3,}(ed|ied)$|^(kept|took|made|said|told|won|lost|met|held|left|gave|got|cut|set|put|sent|began|fell|rose|came|went|saw|found|paid|sold|bought|built|led|ran|struck|hit|wrote|spoke|chose|called|says|wants|plans|expects)$/;

/** The subject right before a verb: a pronoun, a name run, or a short noun phrase; appositives skipped. */
function speakerBeforeVerb(head: string): string | null {
  let h = head.replace(/\s+$/, '');
  // "Barrack, who is both US ambassador ..., urged": drop a trailing appositive.
  // "Pryce's barrister, Daniel Osei, said": the appositive name beats the descriptor.
  if (h.endsWith(',')) {
    const parts = h.slice(0, -1).split(',').map((x) => x.trim()).filter(Boolean);
    const usable = parts.slice(-2).filter((x) => !/\b(who|which|that|whose)\b/i.test(x) && x.split(/\s+/).length <= 12);
    const isNameRun = (x: string) => x.split(/\s+/).every((w) => isCapitalized(w) || NAME_PARTICLES.test(w) || /^(al|el)-/.test(w)) && !/['’]s\b/.test(x);
    const name = usable.find(isNameRun);
    if (name) return name;
    h = parts.find((x) => !/\b(who|which|whose)\b/i.test(x)) ?? parts[0] ?? '';
    if (!h) return null;
  }
  // "In a statement, the ministry said": the speaker is after the last comma.
  const part = h.split(/,\s+/).pop()!.trim();
  const words = part.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const lastWord = words[words.length - 1].toLowerCase();
  if (['he', 'she', 'it', 'they', 'we', 'i', 'you'].includes(lastWord)) return lastWord;
  // The noun phrase after the last clause word ("what critics at the time called"), at most 12 words.
  let from = 0;
  for (let k = words.length - 1; k >= 0; k--) {
    if (/^(and|but|or|that|which|who|what|whom|because|while|when|as|if|so|then|where|whereas|although|though)$/i.test(words[k]) && k < words.length - 1) { from = k + 1; break; }
  }
  let np = words.slice(Math.max(from, words.length - 12));
  // A time or place adverbial after the subject is not part of it: "critics at the time".
  const adv = np.findIndex((w, i) => i > 0 && /^(at|on|in|during|after|before|last|this|earlier|later|yesterday|today)$/.test(w) && !isCapitalized(np[i + 1] ?? ''));
  if (adv > 0) np = np.slice(0, adv);
  return np.join(' ') || null;
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

  /** A known entity named at the head of a phrase ("Rovers manager Phil Grierson ..."), not inside a modifier. */
  const headEntity = (p: string): Known | null => {
    const words = [...p.matchAll(/\S+/g)];
    let limit = p.length;
    for (const w of words) {
      const bare = w[0].replace(/[,;:]$/, '');
      if (isCapitalized(bare) || TITLE_WORDS.has(bare.toLowerCase()) || PERSON_HEADS.has(bare.toLowerCase()) || NAME_PARTICLES.test(bare.toLowerCase()) || /^(al|el)-/.test(bare)) continue;
      limit = w.index!;
      break;
    }
    let best: { at: number; k: Known } | null = null;
    for (const k of known) {
      for (const re of forms.get(k)!) {
        const m = re.exec(p);
        if (!m || m.index >= limit) continue;
        if (/^['’]s\b/.test(p.slice(m.index + m[0].length))) continue; // "Pryce's barrister"
        if (!best || m.index < best.at) best = { at: m.index, k };
      }
    }
    return best?.k ?? null;
  };

  const resolve = (phrase: string, si: number, lastSpeakers: { si: number; known: Known }[]): string | null => {
    const p = phrase.trim().replace(/^["“”'‘’]+|["“”'‘’]+$/g, '').replace(/[,;:]+$/, '');
    const lower = p.toLowerCase();
    if (!p) return null;
    const isDescriptor = !isCapitalized(p) || /^(the|a|an|one|some|two|three|several|many|other|another)\s+\p{Ll}/iu.test(p);
    if (PRONOUNS_PERSON.has(lower) || PRONOUNS_ORG.has(lower) || isDescriptor && ORG_HEADS.has(headNoun(p))) {
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
      if (head) {
        // "the company", "the group": the organisation the story is about, unless one was just named.
        const counts = new Map<Known, number>();
        for (let k = Math.max(0, si - 6); k <= si; k++) for (const x of mentions[k]) if (x.known.kind === 'org') counts.set(x.known, (counts.get(x.known) ?? 0) + 1 + (si - k <= 1 ? 2 : 0));
        const top = [...counts].sort((a, b) => b[1] - a[1])[0];
        if (top) return top[0].entity.name;
        return collapseSpaces(lower);
      }
      // The nearest sentence that has a speaker or names one: its speaker, else the first one named.
      for (let k = si; k >= 0 && k >= si - 4; k--) {
        const spoke = [...lastSpeakers].reverse().find((x) => x.si === k && x.known.kind === kind);
        if (spoke) return spoke.known.entity.name;
        const hit = mentions[k].find((m) => m.known.kind === kind);
        if (hit) return hit.known.entity.name;
      }
      return null;
    }
    if (['they', 'we', 'i', 'you', 'them', 'us'].includes(lower)) return null;
    const m = matchEntity(p, known.map((k) => k.entity)) ?? (isDescriptor ? null : headEntity(p)?.entity ?? matchEntity(bareName(p), known.map((k) => k.entity)));
    if (m) return m.name;
    if (isDescriptor) {
      // "the minister said": the minister named nearby ("minister Declan Moran").
      const head = headNoun(p);
      if (PERSON_HEADS.has(head) || TITLE_WORDS.has(head)) {
        for (let k = Math.min(list.length - 1, si + 1); k >= 0 && k >= si - 4; k--) {
          const t = outside[k];
          for (const x of mentions[k]) {
            if (x.known.kind !== 'person') continue;
            const lead = t.slice(Math.max(0, x.at - head.length - 3), x.at).toLowerCase();
            if (new RegExp(`\\b${escapeRe(head)},?\\s+$`).test(lead)) return x.known.entity.name;
          }
        }
      }
      return collapseSpaces(lower);
    }
    if (isCapitalized(p)) return bareName(p) || p;
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
    // A post-attribution follows a quote that ends with a comma, "?" or "!" ("...," he said);
    // when the quote ends its sentence, a short next sentence may be the attribution
    // ("...why wait?" / Kiptoo said.).
    const endsOpen = /[,?!…]$/.test(q.text.trim()) || /^\s*,/.test(after);
    let post = endsOpen ? attributionAfter(after) : null;
    let attributedIn = q.last;
    if (!post && !after.trim() && endsOpen && q.last + 1 < list.length && list[q.last + 1].paragraph === last.paragraph) {
      const next = list[q.last + 1].text;
      if (next.split(/\s+/).length <= 12 && !/^\s*["“'‘]/.test(next)) {
        post = attributionAfter(next);
        if (post) attributedIn = q.last + 1;
      }
    }
    const pre = post ? null : attributionBefore(before, isPartial || words >= 5);
    const att = post ?? pre;
    const isDirect = !!post || !!pre?.isDirect;

    // Scare quotes, titles and names are not quotes.
    // "Arab and American" mediation: a quoted modifier of the noun after it.
    const nextWord = /^\s*(\p{Ll}[\p{L}'’-]*)/u.exec(after)?.[1] ?? '';
    const insideNounPhrase = !!nextWord && !post && !FUNCTION_AFTER_QUOTE.test(nextWord);
    if (words <= 4 && (!att || insideNounPhrase)) continue;
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
    prev = { last: attributedIn, speaker, paragraph: last.paragraph };
  }
  return out;
}
