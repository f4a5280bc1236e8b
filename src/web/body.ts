/**
 * The article body as the page shows it: the stored HTML sanitized again (never trusted
 * as stored), or the plain text as paragraphs, with each sentence the reading engine found
 * wrapped in `<span class="s" data-s="N">` (the first piece also gets `id="s-N"`), so a
 * citation link `#s-N` lands on and highlights its sentence.
 *
 * Sentences are located in the document's text in reading order, ignoring differences
 * of white space and quote style; a sentence that is not found stays unmarked (its
 * citation still shows the sentence text in the panel). A sentence that crosses inline
 * elements (a link inside it) is wrapped piece by piece.
 */
import { parseHTML } from 'linkedom';
import { sanitizeArticleHtml } from '../extract/sanitize.ts';
import { escapeHtml } from '../store/search.ts';

/** HTML built here from sanitized input plus our own spans; safe to render unescaped. */
export type BodyHtml = string & { readonly __bodyHtml: true };

function normChar(ch: string): string {
  if (/\s/.test(ch) || ch === '\u00a0') return ' ';
  if (ch === '\u2018' || ch === '\u2019' || ch === '\u201b' || ch === '`') return "'";
  if (ch === '\u201c' || ch === '\u201d' || ch === '\u201e') return '"';
  if (ch === '\u2013' || ch === '\u2014') return '-';
  return ch;
}

/** Normalised text with, for each of its characters, the index in the original. */
function normalise(text: string): { norm: string; map: number[] } {
  let norm = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = normChar(text[i]!);
    if (ch === ' ' && (norm.length === 0 || norm.endsWith(' '))) continue;
    norm += ch;
    map.push(i);
  }
  return { norm, map };
}

function normSentence(s: string): string {
  let out = '';
  for (const c of s) {
    const ch = normChar(c);
    if (ch === ' ' && (out.length === 0 || out.endsWith(' '))) continue;
    out += ch;
  }
  return out.trim();
}

interface Range {
  sentence: number;
  start: number;
  end: number;
}

/** Where each sentence (from `first` on) lies in `text`; in order, non-overlapping. */
export function locateSentences(text: string, sentences: readonly string[], first: number): Range[] {
  const { norm, map } = normalise(text);
  const out: Range[] = [];
  let from = 0;
  for (let i = first; i < sentences.length; i++) {
    const s = normSentence(sentences[i] ?? '');
    if (s.length < 2) continue;
    let at = norm.indexOf(s, from);
    // Tolerate small differences at the end (a trailing quote or bracket the splitter kept).
    let len = s.length;
    if (at < 0 && s.length > 30) {
      const head = s.slice(0, Math.floor(s.length * 0.8));
      at = norm.indexOf(head, from);
      len = head.length;
    }
    if (at < 0) continue;
    out.push({ sentence: i, start: map[at]!, end: map[at + len - 1]! + 1 });
    from = at + len;
  }
  return out;
}

type TextNode = { nodeType: number; textContent: string | null; parentNode: any; nextSibling: any };

function textNodes(node: any, out: TextNode[]): TextNode[] {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) out.push(c);
    else if (c.nodeType === 1 && !['SCRIPT', 'STYLE', 'PRE', 'CODE'].includes(String(c.tagName).toUpperCase())) textNodes(c, out);
  }
  return out;
}

function markSentences(document: any, root: any, sentences: readonly string[], first: number): void {
  const nodes = textNodes(root, []);
  const starts: number[] = [];
  let text = '';
  for (const n of nodes) {
    starts.push(text.length);
    text += n.textContent ?? '';
  }
  const ranges = locateSentences(text, sentences, first);
  if (!ranges.length) return;
  const seen = new Set<number>();
  let r = 0;
  nodes.forEach((node, k) => {
    const nodeStart = starts[k]!;
    const value = node.textContent ?? '';
    const nodeEnd = nodeStart + value.length;
    while (r < ranges.length && ranges[r]!.end <= nodeStart) r++;
    const pieces: ({ text: string } | { text: string; sentence: number })[] = [];
    let at = nodeStart;
    for (let j = r; j < ranges.length && ranges[j]!.start < nodeEnd; j++) {
      const g = ranges[j]!;
      const s = Math.max(g.start, nodeStart);
      const e = Math.min(g.end, nodeEnd);
      if (s > at) pieces.push({ text: value.slice(at - nodeStart, s - nodeStart) });
      if (e > s) pieces.push({ text: value.slice(s - nodeStart, e - nodeStart), sentence: g.sentence });
      at = Math.max(at, e);
    }
    if (!pieces.some((p) => 'sentence' in p)) return;
    if (at < nodeEnd) pieces.push({ text: value.slice(at - nodeStart) });
    const parent = node.parentNode;
    for (const p of pieces) {
      if ('sentence' in p) {
        const span = document.createElement('span');
        span.setAttribute('class', 's');
        span.setAttribute('data-s', String(p.sentence));
        if (!seen.has(p.sentence)) {
          span.setAttribute('id', `s-${p.sentence}`);
          seen.add(p.sentence);
        }
        span.appendChild(document.createTextNode(p.text));
        parent.insertBefore(span, node);
      } else parent.insertBefore(document.createTextNode(p.text), node);
    }
    parent.removeChild(node);
  });
}

/** Plain text as escaped paragraphs (one per line). */
export function textToHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

const cache = new Map<string, BodyHtml>();
const CACHE_SIZE = 300;

/**
 * Renders a body. `cacheKey` (article id and versions) lets repeated views skip the work;
 * the result depends only on the inputs, so any process may cache it.
 */
export function renderBody(input: { html: string | null; text: string | null; baseUrl: string; sentences: readonly string[]; firstBodySentence: number; cacheKey?: string }): BodyHtml {
  if (input.cacheKey) {
    const hit = cache.get(input.cacheKey);
    if (hit) return hit;
  }
  const safe = input.html ? String(sanitizeArticleHtml(input.html, input.baseUrl)) : '';
  const source = safe.trim() ? safe : textToHtml(input.text ?? '');
  let out = source;
  if (input.sentences.length > input.firstBodySentence && source) {
    const { document } = parseHTML(`<!doctype html><html><body><div id="tidings-root">${source}</div></body></html>`);
    const root = document.getElementById('tidings-root');
    if (root) {
      // Entities split text nodes in the parser; join them so a sentence is one piece.
      if (typeof root.normalize === 'function') root.normalize();
      markSentences(document, root, input.sentences, input.firstBodySentence);
      out = root.innerHTML;
    }
  }
  const html = out as BodyHtml;
  if (input.cacheKey) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(input.cacheKey, html);
  }
  return html;
}
