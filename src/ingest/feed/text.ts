/**
 * Text clean-up for feed fields: plain-text titles from whatever publishers put in them
 * (escaped HTML, double-encoded entities, CDATA left inside CDATA), and HTML fragments for
 * summaries and content before they are sanitized.
 */
import { decodeHTML } from 'entities';

/** HTML elements whose tags are removed from titles; other "<...>" text is kept as written. */
const TITLE_TAGS =
  'a|abbr|acronym|b|big|blockquote|br|cite|code|del|dfn|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|nobr|ol|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|ul|var|wbr';
const TITLE_TAG_RE = new RegExp(`<\\/?(?:${TITLE_TAGS})(?:\\s[^<>]*)?\\/?>`, 'gi');
const ENTITY_RE = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
const CDATA_MARK_RE = /<!\[CDATA\[|\]\]>/g;
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

/** Decodes HTML entities until none are left (at most three rounds, for `&amp;amp;amp;`). */
export function decodeEntitiesDeep(s: string): string {
  let out = s;
  for (let i = 0; i < 3 && out.includes('&') && ENTITY_RE.test(out); i++) {
    const next = decodeHTML(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

const VOID_TAGS = new Set(['br', 'hr', 'img', 'wbr']);

/**
 * Removes HTML tags from a title: void elements always, other tags only when the title has
 * both their start and end tag, so that "Why <div> is bad" keeps its words.
 */
function stripTitleTags(s: string): string {
  if (!s.includes('<')) return s;
  const starts = new Set<string>();
  const ends = new Set<string>();
  for (const m of s.matchAll(TITLE_TAG_RE)) {
    const name = /^<\/?([a-z0-9]+)/i.exec(m[0])?.[1]?.toLowerCase() ?? '';
    (m[0].startsWith('</') ? ends : starts).add(name);
  }
  return s.replace(TITLE_TAG_RE, (tag) => {
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    return VOID_TAGS.has(name) || (starts.has(name) && ends.has(name)) ? ' ' : tag;
  });
}

/**
 * A title or other one-line label as plain text: CDATA markers, HTML tags and entities
 * (also double-encoded ones) removed, whitespace collapsed. Empty results are null.
 */
export function cleanTitle(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  let s = value;
  for (let i = 0; i < 3; i++) {
    const decoded = decodeEntitiesDeep(s.replace(CDATA_MARK_RE, ''));
    const stripped = stripTitleTags(decoded.replace(CDATA_MARK_RE, ''));
    if (stripped === s) break;
    s = stripped;
  }
  s = s.replace(CONTROL_RE, '').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** Plain text as an HTML fragment: escaped, with blank lines as paragraphs and newlines as <br>. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = escaped
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length <= 1) return (paragraphs[0] ?? '').replace(/\n/g, '<br>');
  return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('\n');
}

const ESCAPED_TAG_RE = /&lt;\/?(?:p|br|a|div|img|b|i|em|strong|span|ul|ol|li|h[1-6]|blockquote|figure|table)\b/i;
const REAL_TAG_RE = /<\/?[a-z][\w-]*[\s>/]/i;

/**
 * An HTML fragment as published, with one more level of escaping undone when the markup
 * was escaped twice (the fragment has no real tags but shows `&lt;p&gt;`).
 */
export function unescapeDoubleEncodedHtml(html: string): string {
  if (!REAL_TAG_RE.test(html) && ESCAPED_TAG_RE.test(html)) return decodeHTML(html);
  return html;
}

/** True when a string is most likely HTML rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return REAL_TAG_RE.test(s) || ENTITY_RE.test(s);
}

/** Escapes text for use inside XML element content. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function stripControlChars(s: string): string {
  return s.replace(CONTROL_RE, '');
}
