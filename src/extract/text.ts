/**
 * Plain text of article HTML: one paragraph (block) per line, paragraphs joined with a
 * blank line ("\n\n"), a <br> becomes a single "\n". List items and table rows are
 * paragraphs of their own; table cells are joined with " | ". Captions (figcaption)
 * and anything marked as a caption or credit are left out of the text: they describe
 * an image and are not the article's prose (the HTML keeps them).
 */

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'caption',
  'figure', 'address', 'details', 'summary', 'hr', 'center', 'form', 'fieldset', 'hgroup',
]);
const SKIP = new Set(['figcaption', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'button', 'select', 'textarea', 'iframe', 'video', 'audio', 'picture', 'img']);
const CAPTION_CLASS = /(?:^|[-_\s])(?:caption|credit|wp-caption-text|image-credit|photo-credit)(?:$|[-_\s])/i;

/** Collapses whitespace inside a line and drops empty lines. */
function tidy(lines: string[]): string {
  const out: string[] = [];
  for (const l of lines) {
    const t = l.replace(/[ \t\f\v\r\u00a0\u200b\u2009\u202f]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (t) out.push(t);
  }
  return out.join('\n\n');
}

export function htmlElementToText(root: Element): string {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) lines.push(current);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      // Source newlines and runs of spaces are layout, not content.
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.localName;
    if (SKIP.has(tag)) return;
    const cls = el.getAttribute('class');
    if (cls && CAPTION_CLASS.test(cls)) return;
    if (tag === 'br') {
      current += '\n';
      return;
    }
    const isBlock = BLOCK.has(tag);
    if (isBlock) flush();
    if (tag === 'tr') {
      const cells = [...el.children].filter((c) => c.localName === 'td' || c.localName === 'th').map((c) => htmlElementToText(c).replace(/\n+/g, ' ').trim()).filter(Boolean);
      if (cells.length) lines.push(cells.join(' | '));
      return;
    }
    for (const child of el.childNodes) walk(child);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return tidy(lines);
}
