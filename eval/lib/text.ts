/**
 * Text normalisation shared by the reading evaluation: one way to fold case, diacritics,
 * apostrophes and punctuation, so every feature is compared the same way.
 */

/** Lower case, no diacritics, typographic apostrophes folded, dots in acronyms removed ("U.S." -> "us"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/(?<=\b\p{L})\.(?=\p{L}\b|\s|$)/gu, '');
}

/** Word tokens (letters/digits, inner apostrophes, hyphens and decimal points kept together). */
export function tokens(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+(?:['.,-][\p{L}\p{N}]+)*/gu)?.map((t) => t.replace(/,(?=\d{3})/g, '')) ?? [];
}

/** A name as a comparison key: folded, leading "the" and trailing possessive dropped, punctuation as spaces. */
export function nameKey(s: string): string {
  return tokens(s.replace(/['\u2019]s\s*$/u, ''))
    .join(' ')
    .replace(/^the /, '')
    .replace(/['.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** SQuAD-style answer normalisation: folded tokens without articles. */
export function answerTokens(s: string): string[] {
  return tokens(s).filter((t) => t !== 'a' && t !== 'an' && t !== 'the');
}

/** Multiset overlap of two token lists. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let n = 0;
  for (const t of b) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      n++;
      counts.set(t, c - 1);
    }
  }
  return n;
}

/** Token F1 (Dice) of two token lists; 1 when both are empty. */
export function tokenF1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * overlap(a, b)) / (a.length + b.length);
}

/**
 * A deliberately plain sentence splitter for the baselines (so they do not depend on the
 * engine under test): breaks after . ! ? (and closing quotes) before an upper-case letter,
 * digit or opening quote, and at every newline; skips common abbreviations.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n+/)) {
    const parts = para.split(/(?<=[.!?]["'\u201d\u2019)]?)\s+(?=["'\u201c\u2018(]?[\p{Lu}\p{N}])/u);
    let buf = '';
    for (const p of parts) {
      buf = buf ? `${buf} ${p}` : p;
      if (/\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|[A-Z])\.$/.test(buf)) continue;
      if (buf.trim()) out.push(buf.trim());
      buf = '';
    }
    if (buf.trim()) out.push(buf.trim());
  }
  return out;
}
