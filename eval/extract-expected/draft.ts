/**
 * Helps a person write an expected text for eval/extract.eval.ts, independently of any
 * extractor: lists every text block of a corpus page in document order, numbered.
 *
 *   npx tsx eval/extract-expected/draft.ts list bbc-1            # numbered blocks
 *   npx tsx eval/extract-expected/draft.ts write bbc-1 "12-40 -15 -22"   # keep ranges, drop some
 *
 * `write` saves the chosen blocks, one paragraph per line, to eval/extract-expected/<page>.txt,
 * which the person then reads against the page and corrects by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { corpusDir } from './corpus.ts';
import { decodeHtmlPage } from '../../src/extract/decode.ts';

const LEAF = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'figcaption', 'td', 'th', 'dt', 'dd', 'blockquote', 'div', 'span', 'section', 'article', 'td', 'caption', 'font', 'center', 'a', 'strong', 'b', 'em', 'i', 'time', 'cite']);
const BLOCK = /^(?:p|h[1-6]|li|pre|figcaption|td|th|dt|dd|blockquote|div|section|article|ul|ol|table|tr|header|footer|aside|nav|main|figure|form|center|br)$/;

function blocks(html: string): { tag: string; text: string }[] {
  const { document } = parseHTML(html) as unknown as { document: Document };
  for (const el of document.querySelectorAll('script, style, noscript, template, svg, head')) el.remove();
  const out: { tag: string; text: string }[] = [];
  let current = '';
  let currentTag = 'body';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) out.push({ tag: currentTag, text: t });
    current = '';
  };
  const walk = (n: Node, tagCtx: string) => {
    if (n.nodeType === 3) {
      current += n.textContent ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const isBlock = BLOCK.test(el.localName);
    const ctx = isBlock ? `${el.localName}${el.getAttribute('class') ? '.' + el.getAttribute('class')!.trim().split(/\s+/)[0] : ''}` : tagCtx;
    if (isBlock) {
      flush();
      currentTag = ctx;
    }
    for (const c of el.childNodes) walk(c, ctx);
    if (isBlock) {
      flush();
      currentTag = tagCtx;
    }
  };
  if (document.body) walk(document.body, 'body');
  void LEAF;
  return out;
}

const [cmd, page, spec] = process.argv.slice(2);
if (!cmd || !page) {
  console.error('usage: draft.ts list|write PAGE [SPEC]');
  process.exit(2);
}
const all = blocks(decodeHtmlPage(readFileSync(`${corpusDir()}/${page}/source.html`)).text);
if (cmd === 'list') {
  all.forEach((b, i) => console.log(`[${i}] <${b.tag.slice(0, 30)}> ${b.text}`));
} else if (cmd === 'write') {
  const keep = new Set<number>();
  for (const part of (spec ?? '').split(/\s+/).filter(Boolean)) {
    const drop = part.startsWith('-');
    const [a, b] = part.replace(/^-/, '').split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) drop ? keep.delete(i) : keep.add(i);
  }
  const text = all.filter((_, i) => keep.has(i)).map((b) => b.text).join('\n') + '\n';
  writeFileSync(`eval/extract-expected/${page}.txt`, text);
  console.log(text);
}
