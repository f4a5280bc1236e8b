// Shared bits of the fact extractors (timeline, quotes, figures).

import type { Sentence } from './types.ts';

/** One sentence of an article, as made by the sentence splitter (sentence 0 is the title when there is one). */
export type { Sentence };

/** A named thing the entity reader found, with the other spellings it goes by. */
export type NamedEntity = { name: string; aliases: string[] };

/** Words that are never the start of a clause's content: dropped from the edges of a description. */
export const CLAUSE_LEAD_WORDS = new Set([
  'and', 'but', 'or', 'nor', 'so', 'then', 'while', 'whereas', 'when', 'whilst', 'as', 'also', 'yet',
  'especially', 'particularly', 'subsequently', 'meanwhile', 'however', 'moreover', 'furthermore',
  'still', 'already', 'even', 'thus', 'therefore', 'later', 'earlier', 'again', 'that', 'where',
]);

/** Auxiliaries and frequent irregular past forms: a clause with one of these has a verb. */
export const VERB_WORDS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'having', 'will', 'would',
  'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'did', 'does', 'do', "won't", "didn't",
  'said', 'says', 'say', 'told', 'tells', 'made', 'makes', 'took', 'takes', 'became', 'becomes', 'began',
  'begins', 'won', 'wins', 'lost', 'loses', 'met', 'meets', 'held', 'holds', 'left', 'leaves', 'came',
  'comes', 'went', 'goes', 'fell', 'falls', 'rose', 'rises', 'gave', 'gives', 'got', 'gets', 'saw', 'sees',
  'sent', 'sends', 'struck', 'strikes', 'hit', 'hits', 'put', 'set', 'led', 'leads', 'ran', 'runs',
  'fled', 'flees', 'fought', 'fights', 'brought', 'brings', 'built', 'bought', 'sold', 'paid', 'spent',
  'found', 'kept', 'knew', 'thought', 'stood', 'shot', 'broke', 'began', 'beat', 'chose', 'drew', 'drove',
  'flew', 'grew', 'heard', 'hid', 'meant', 'quit', 'read', 'rode', 'rang', 'sank', 'sat', 'spoke',
  'stole', 'swore', 'threw', 'wore', 'wrote', 'writes', 'seized', 'signed', 'launched', 'announced',
  'emerged', 'started', 'ended', 'took',
]);

const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'de', 'da', 'di', 'do', 'dos', 'das', 'du', 'del', 'della', 'van', 'von', 'der', 'den', 'le', 'la', 'ter', 'ten', 'st', 'mac', 'mc', 'ben', 'y']);

/** Lower-case a name and drop Arabic/European particles so "al-Sharaa" and "Sharaa" compare equal. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/'s$/, '')
    .split(/[\s-]+/)
    .filter((w) => w && !PARTICLES.has(w))
    .join(' ')
    .replace(/[^a-z0-9' ]/g, '')
    .trim();
}

/**
 * Finds the entity a written name refers to: an exact name or alias first, then a written
 * name that contains a full name or alias ("Foreign Minister Gideon Saar"), then a lone
 * surname that is the last word of a name ("Sharaa" for "Ahmed al-Sharaa").
 * Returns null when nothing fits or the surname is shared by two entities.
 */
export function matchEntity(written: string, entities: NamedEntity[]): NamedEntity | null {
  const key = nameKey(written);
  if (!key) return null;
  for (const e of entities) {
    for (const a of [e.name, ...e.aliases]) if (nameKey(a) === key) return e;
  }
  let best: NamedEntity | null = null;
  let bestLen = 0;
  const padded = ` ${key} `;
  for (const e of entities) {
    for (const a of [e.name, ...e.aliases]) {
      const k = nameKey(a);
      if (k.length > bestLen && k.includes(' ') && padded.includes(` ${k} `)) { best = e; bestLen = k.length; }
    }
  }
  if (best) return best;
  const words = key.split(' ');
  const last = words[words.length - 1];
  if (words.length > 2 || last.length < 3) return null;
  const hits = entities.filter((e) => [e.name, ...e.aliases].some((a) => {
    const k = nameKey(a).split(' ');
    return k.length > 1 && k[k.length - 1] === last && (words.length === 1 || k[0] === words[0]);
  }));
  return hits.length === 1 ? hits[0] : null;
}

/** Word tokens with their offsets in `text`. */
export type Token = { text: string; lower: string; start: number; end: number };

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+(?:[’'.\-][\p{L}\p{N}]+)*|\S/gu;
  for (const m of text.matchAll(re)) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

export function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

export function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
