/**
 * The standfirst (dek, lead, "chapeau"): the sentence under the headline that sums up
 * the story. News pages put it in the article header, outside the body container that
 * Readability picks, so it is lost. We find it as the visible element whose text is
 * the page's meta description, placed after the headline and before the body, and put
 * it back in front of the body.
 *
 * Before Readability runs, `markStandfirst` notes the candidate and numbers paragraphs
 * (data-tidings-order, removed by the sanitizer); afterwards `standfirstBefore` checks
 * that the candidate precedes the first paragraph Readability kept.
 */

const ORDER_ATTR = 'data-tidings-order';

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface StandfirstMark {
  text: string;
  order: number;
}

/** Finds the standfirst candidate and numbers the paragraphs. Call before Readability. */
export function markStandfirst(document: Document, description: string | null): StandfirstMark | null {
  const body = document.body;
  if (!body) return null;
  let order = 0;
  let h1Order = -1;
  let found: StandfirstMark | null = null;
  const want = description ? norm(description.replace(/(?:\.\.\.|…)$/, '')) : '';
  for (const el of body.querySelectorAll('h1, h2, h3, p, div, span, header')) {
    order++;
    const tag = el.localName;
    if (tag === 'p') el.setAttribute(ORDER_ATTR, String(order));
    if (tag === 'h1' && h1Order < 0) h1Order = order;
    if (found || want.length < 40 || h1Order < 0) continue;
    // Leaf-ish elements only: the standfirst is one block of text.
    if (el.querySelector('p, div, h1, h2, h3, ul, ol, figure')) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length < 40 || t.length > 600) continue;
    const n = norm(t);
    if (n === want || (want.length > 80 && n.startsWith(want))) found = { text: t, order };
  }
  return found;
}

/** Whether the mark comes before the body's first numbered paragraph. */
export function standfirstBefore(root: Element, mark: StandfirstMark): boolean {
  const first = root.querySelector(`[${ORDER_ATTR}]`);
  const firstOrder = first ? Number(first.getAttribute(ORDER_ATTR)) : Infinity;
  return mark.order < firstOrder;
}

/** True when `text` already holds the standfirst (often the first paragraph itself). */
export function containsStandfirst(text: string, mark: StandfirstMark): boolean {
  return norm(text).includes(norm(mark.text));
}
