/**
 * Text-level preparation and repair of feed XML before feedsmith sees it.
 *
 * All of it is linear in the input and none of it expands entities: the DOCTYPE (with any
 * internal subset, where entity bombs and external entities live) is cut out, so
 * `&lol9;` stays the literal text "&lol9;" and no file or URL is ever read.
 */
import { escapeXml } from './text.ts';

export type XmlKind = 'rss' | 'atom' | 'rdf';

export interface PreparedXml {
  xml: string;
  kind: XmlKind;
  /** Root element name as written, e.g. "rss", "feed", "rdf:RDF". */
  rootName: string;
  /** The root start tag as written (namespace declarations included). */
  rootTag: string;
  /** True when the closing root tag was missing and the text was cut after the last complete item. */
  isTruncated: boolean;
}

export type PrepareResult = { ok: true; value: PreparedXml } | { ok: false; error: string };

const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Element names (lower case, prefix removed) of the entries of each kind. */
export const ITEM_NAME: Record<XmlKind, string> = { rss: 'item', atom: 'entry', rdf: 'item' };

function localName(name: string): string {
  const i = name.indexOf(':');
  return (i === -1 ? name : name.slice(i + 1)).toLowerCase();
}

/** Index just after the end of a tag that starts at `start` (the '<'), honouring quotes; -1 if unterminated. */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      // A quote only opens an attribute value right after '='.
      let j = i - 1;
      while (j > start && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j--;
      if (text.charCodeAt(j) === 61) quote = c;
    } else if (c === 62) return i + 1;
    else if (c === 60) return -1; // a new tag starts: this one is broken
  }
  return -1;
}

const NAME_RE = /[A-Za-z_][\w:.\-]*/y;

export type TagEvent =
  | { type: 'start'; name: string; start: number; end: number; selfClosing: boolean }
  | { type: 'end'; name: string; start: number; end: number };

/**
 * Walks the tags of a document, skipping comments, CDATA sections, processing
 * instructions and declarations. Calls `onTag` for start and end tags; returns the index
 * where scanning stopped because the rest was unterminated (or text.length).
 */
export function scanTags(text: string, onTag: (ev: TagEvent) => void): number {
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next === 33 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i + 4);
        if (e === -1) return i;
        i = text.indexOf('<', e + 3);
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        if (e === -1) return i;
        i = text.indexOf('<', e + 3);
        continue;
      }
      const e = text.indexOf('>', i + 2);
      if (e === -1) return i;
      i = text.indexOf('<', e + 1);
      continue;
    }
    if (next === 63 /* ? */) {
      const e = text.indexOf('?>', i + 2);
      if (e === -1) return i;
      i = text.indexOf('<', e + 2);
      continue;
    }
    const isEnd = next === 47; /* / */
    NAME_RE.lastIndex = i + (isEnd ? 2 : 1);
    const m = NAME_RE.exec(text);
    if (!m) {
      // "<" used as text ("a < b"): not a tag.
      i = text.indexOf('<', i + 1);
      continue;
    }
    const end = tagEnd(text, i);
    if (end === -1) {
      const nextLt = text.indexOf('<', i + 1);
      if (nextLt === -1 || text.indexOf('>', i) === -1) return i;
      i = nextLt;
      continue;
    }
    if (isEnd) onTag({ type: 'end', name: m[0], start: i, end });
    else onTag({ type: 'start', name: m[0], start: i, end, selfClosing: text.charCodeAt(end - 2) === 47 });
    i = text.indexOf('<', end);
  }
  return text.length;
}

/** Deepest element nesting kept by `balanceTags` (fast-xml-parser refuses more than 100). */
const MAX_DEPTH = 64;

/**
 * Makes the tags of a fragment balance: an end tag with no open element is dropped, an
 * end tag that skips open elements closes them first, and whatever is open at the end
 * (or where an unterminated construct starts) is closed; start tags nested deeper than
 * MAX_DEPTH are dropped. `cutAt` limits the input.
 */
export function balanceTags(text: string, cutAt = text.length): string {
  const src = text.slice(0, cutAt);
  const out: string[] = [];
  const stack: string[] = [];
  let copied = 0;
  const stop = scanTags(src, (ev) => {
    if (ev.type === 'start') {
      if (ev.selfClosing) return;
      if (stack.length >= MAX_DEPTH) {
        // Nesting this deep is an attack or garbage; parsers recurse per level. Drop the tag.
        out.push(src.slice(copied, ev.start));
        copied = ev.end;
        return;
      }
      stack.push(ev.name);
      return;
    }
    let k = stack.length - 1;
    while (k >= 0 && stack[k] !== ev.name) k--;
    if (k === -1) {
      // Stray end tag: drop it.
      out.push(src.slice(copied, ev.start));
      copied = ev.end;
      return;
    }
    if (k < stack.length - 1) {
      out.push(src.slice(copied, ev.start));
      for (let j = stack.length - 1; j > k; j--) out.push(`</${stack[j]}>`);
      copied = ev.start;
    }
    stack.length = k;
  });
  out.push(src.slice(copied, stop));
  for (let j = stack.length - 1; j >= 0; j--) out.push(`</${stack[j]}>`);
  return out.join('');
}

/**
 * Where to cut a truncated document: just after the last complete item, or, with no
 * complete item, just before the first item starts (or at the last complete tag).
 */
function truncationCut(text: string, kind: XmlKind): number {
  const item = ITEM_NAME[kind];
  let lastItemEnd = -1;
  let firstItemStart = -1;
  let lastTagEnd = 0;
  const stop = scanTags(text, (ev) => {
    const local = localName(ev.name);
    if (local === item) {
      if (ev.type === 'end') lastItemEnd = ev.end;
      else if (firstItemStart === -1) firstItemStart = ev.start;
    }
    lastTagEnd = ev.end;
  });
  if (lastItemEnd !== -1) return lastItemEnd;
  if (firstItemStart !== -1) return firstItemStart;
  return Math.min(lastTagEnd, stop);
}

/**
 * Lower-cases element names. feedsmith lower-cases them anyway, but fast-xml-parser matches
 * an end tag to its start tag by exact case, so "<Title>A</title>" would swallow what follows.
 */
function lowercaseTagNames(text: string): string {
  if (!/<\/?[\w:.-]*[A-Z]/.test(text)) return text;
  const out: string[] = [];
  let copied = 0;
  scanTags(text, (ev) => {
    if (!/[A-Z]/.test(ev.name)) return;
    const at = ev.start + (ev.type === 'end' ? 2 : 1);
    out.push(text.slice(copied, at), ev.name.toLowerCase());
    copied = at + ev.name.length;
  });
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * A CDATA section or comment that never ends would swallow every item after it. When one
 * does not end, its opener is dropped and what follows is read as markup again.
 */
function dropUnterminatedOpeners(text: string): string {
  let out = text;
  for (const [open, close] of [['<![CDATA[', ']]>'], ['<!--', '-->']] as const) {
    let pos = 0;
    for (;;) {
      const i = out.indexOf(open, pos);
      if (i === -1) break;
      const j = out.indexOf(close, i + open.length);
      if (j === -1) {
        // Cut inside the last section of a truncated file: leave it to the truncation repair.
        if (out.indexOf('<', i + open.length) === -1) break;
        out = out.slice(0, i) + out.slice(i + open.length);
        pos = i;
        continue;
      }
      pos = j + close.length;
    }
  }
  return out;
}

/** Removes a DOCTYPE declaration, internal subset included. Returns the text and whether it named html. */
function removeDoctype(text: string): { text: string; isHtml: boolean; entityNames: string[] } {
  const m = /<!DOCTYPE\s+([^\s>[]+)/i.exec(text.slice(0, 65536));
  if (!m) return { text, isHtml: false, entityNames: [] };
  const start = m.index;
  const isHtml = m[1].toLowerCase() === 'html';
  let i = start + m[0].length;
  let end = -1;
  let quote = 0;
  let inSubset = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 91 /* [ */) inSubset = true;
    else if (c === 93 /* ] */) inSubset = false;
    else if (c === 62 /* > */ && !inSubset) {
      end = i + 1;
      break;
    }
  }
  // An unterminated DOCTYPE swallows the document: nothing sensible can follow it.
  if (end === -1) return { text: text.slice(0, start), isHtml, entityNames: [] };
  const entityNames: string[] = [];
  const declRe = /<!ENTITY\s+(?:%\s+)?([A-Za-z_][\w.-]*)/g;
  const subset = text.slice(start, end);
  for (let d = declRe.exec(subset); d && entityNames.length < 1000; d = declRe.exec(subset)) entityNames.push(d[1]);
  return { text: text.slice(0, start) + text.slice(end), isHtml, entityNames };
}

/** Decodes `mode="base64"` element content (Atom 0.3) into escaped text, so feedsmith reads it as escaped HTML. */
function decodeBase64Elements(text: string): string {
  if (!/mode\s*=\s*["']base64["']/i.test(text)) return text;
  return text.replace(/<([\w:.-]+)(\s[^<>]*?)\smode\s*=\s*["']base64["']([^<>]*)>([^<]*)<\/\1\s*>/gi, (_all, name: string, before: string, after: string, body: string) => {
    const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return `<${name}${before}${after}>${escapeXml(decoded)}</${name}>`;
  });
}

/**
 * RSS items sometimes carry an Atom-style link (`<link href="..."/>`, no namespace);
 * RSS readers take its href as the item link.
 */
function rssLinkHrefToText(text: string): string {
  if (!/<link\s[^>]*href/i.test(text)) return text;
  return text.replace(/<link\s([^<>]*?)\/>|<link\s([^<>]*?)>\s*<\/link>/gi, (all, a?: string, b?: string) => {
    const attrs = a ?? b ?? '';
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
    const rel = /\brel\s*=\s*["']([^"']*)["']/i.exec(attrs);
    if (!href || (rel && rel[1].toLowerCase() !== 'alternate')) return all;
    return `<link>${href[1] ?? href[2]}</link>`;
  });
}

function resolveAgainst(ref: string, base: string | null): string | null {
  try {
    return base ? new URL(ref, base).href : new URL(ref).href;
  } catch {
    return null;
  }
}

const XML_BASE_RE = /(\sxml:base\s*=\s*)(["'])([^"']*)\2/i;
const HREF_RE = /(\s(?:href|src)\s*=\s*)(["'])([^"']*)\2/gi;

/**
 * Makes every xml:base absolute (resolved against the enclosing base, then `docUrl`) and
 * resolves href/src attributes of elements that carry their own xml:base, so that later
 * stages only need the nearest base of a feed, an entry or a content element.
 */
function absolutizeXmlBase(text: string, docUrl: string | null): string {
  if (!text.includes('xml:base')) return text;
  const out: string[] = [];
  const stack: { name: string; base: string | null; isFromXmlBase: boolean }[] = [];
  let copied = 0;
  scanTags(text, (ev) => {
    if (ev.type === 'end') {
      let k = stack.length - 1;
      while (k >= 0 && stack[k].name !== ev.name) k--;
      if (k >= 0) stack.length = k;
      return;
    }
    const parent = stack.length ? stack[stack.length - 1] : null;
    const parentBase = parent ? parent.base : docUrl;
    const tag = text.slice(ev.start, ev.end);
    const m = XML_BASE_RE.exec(tag);
    let base = parentBase;
    let newTag = tag;
    if (m) {
      const resolved = resolveAgainst(m[3].trim(), parentBase);
      base = resolved ?? parentBase;
      if (resolved) {
        const quoted = resolved.replace(/"/g, '%22');
        newTag = tag.replace(XML_BASE_RE, (_all, pre: string, q: string) => `${pre}${q}${quoted}${q}`);
        newTag = newTag.replace(HREF_RE, (all, pre: string, q: string, value: string) => {
          const r = resolveAgainst(value.trim(), resolved);
          return r ? `${pre}${q}${r}${q}` : all;
        });
      }
    } else if (parent?.isFromXmlBase && parentBase && /^(?:[\w-]+:)?(?:item|entry)$/i.test(ev.name)) {
      // An entry inherits the base of its ancestors (RSS channel, Atom feed); say so on the
      // entry, where the normaliser looks for it.
      const at = ev.selfClosing ? tag.length - 2 : tag.length - 1;
      newTag = `${tag.slice(0, at)} xml:base="${parentBase.replace(/"/g, '%22')}"${tag.slice(at)}`;
    }
    if (newTag !== tag) {
      out.push(text.slice(copied, ev.start), newTag);
      copied = ev.end;
    }
    if (!ev.selfClosing) stack.push({ name: ev.name, base, isFromXmlBase: !!m || !!parent?.isFromXmlBase });
  });
  out.push(text.slice(copied));
  return out.join('');
}

function findRoot(text: string): { name: string; start: number; end: number } | null {
  let found: { name: string; start: number; end: number } | null = null;
  try {
    scanTags(text, (ev) => {
      if (ev.type === 'start') {
        found = { name: ev.name, start: ev.start, end: ev.end };
        throw FOUND;
      }
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return found;
}
const FOUND = Symbol('found');

function kindOf(rootName: string): XmlKind | null {
  const local = localName(rootName);
  if (local === 'rss') return 'rss';
  if (local === 'feed') return 'atom';
  if (local === 'rdf') return 'rdf';
  return null;
}

/** Says what a non-feed document is, for the error message. */
function describeNonFeed(text: string, rootName: string | null, doctypeIsHtml: boolean): string {
  if (doctypeIsHtml || (rootName && /^(html|head|body)$/i.test(rootName))) {
    const alt = /<link\b[^>]*type\s*=\s*["']application\/(?:rss|atom)\+xml["'][^>]*>/i.exec(text);
    const href = alt ? /href\s*=\s*["']([^"']+)["']/i.exec(alt[0]) : null;
    return href ? `not a feed: looks like an HTML page (it links to a feed at ${href[1]})` : 'not a feed: looks like an HTML page';
  }
  if (rootName && /^opml$/i.test(rootName)) return 'not a feed: looks like an OPML outline';
  if (rootName) return `not a feed: unknown root element <${rootName}>`;
  return 'not a feed: no XML element found';
}

/**
 * Cleans and, where needed, repairs feed XML. Never throws.
 * - drops a BOM and anything before the XML declaration or the root element;
 * - removes control characters that XML 1.0 forbids and the DOCTYPE;
 * - finds the feed root (also when wrapped in another element);
 * - cuts a truncated document after its last complete item and closes what is open;
 * - decodes base64 content and makes xml:base values absolute.
 */
export function prepareXml(input: string, docUrl: string | null): PrepareResult {
  let text = input.replace(CONTROL_RE, '');
  const declaration = text.indexOf('<?xml');
  if (declaration > 0 && declaration < 65536) text = text.slice(declaration);
  else {
    const firstTag = text.search(/<[A-Za-z!?]/);
    if (firstTag === -1) return { ok: false, error: text.trim() === '' ? 'not a feed: empty document' : 'not a feed: no XML element found' };
    if (firstTag > 0) text = text.slice(firstTag);
  }
  // A "<" that cannot start markup ("a < b", "x<5") is text; parsers stop at it, so escape it.
  text = text.replace(/<(?![A-Za-z_/!?])/g, '&lt;');
  text = dropUnterminatedOpeners(text);
  const doctype = removeDoctype(text);
  text = doctype.text;
  if (doctype.entityNames.length) {
    // References to entities the DOCTYPE declared are dropped, never expanded (billion laughs, XXE).
    const names = new Set(doctype.entityNames);
    text = text.replace(/&([A-Za-z_][\w.-]*);/g, (all, name: string) => (names.has(name) ? '' : all));
  }

  let root = findRoot(text);
  let kind = root ? kindOf(root.name) : null;
  if (!kind) {
    // A feed wrapped in another element, or preceded by stray markup.
    const m = /<((?:[\w-]+:)?(?:rss|feed|RDF))[\s>]/.exec(text);
    if (m && !(root && /^(html|head|body)$/i.test(root.name))) {
      text = text.slice(m.index);
      root = findRoot(text);
      kind = root ? kindOf(root.name) : null;
    }
  }
  if (!root && /^<\?xml/.test(text)) return { ok: false, error: 'not a feed: the document ends before its first element' };
  if (!root || !kind) return { ok: false, error: describeNonFeed(text, root?.name ?? null, doctype.isHtml) };
  if (root.start > 0) text = text.slice(root.start);
  const rootTag = text.slice(0, root.end - root.start);

  let isTruncated = false;
  const closeRe = new RegExp(`</${root.name.replace(/[.]/g, '\\.')}\\s*>`, 'i');
  const tail = text.length > 4096 ? text.slice(-4096) : text;
  if (!closeRe.test(tail) && !closeRe.test(text)) {
    isTruncated = true;
    text = balanceTags(text, truncationCut(text, kind));
  }
  text = lowercaseTagNames(text);
  text = decodeBase64Elements(text);
  if (kind === 'rss') text = rssLinkHrefToText(text);
  text = absolutizeXmlBase(text, docUrl);
  return { ok: true, value: { xml: text, kind, rootName: root.name, rootTag, isTruncated } };
}

/** Counts entry start tags of a kind (any namespace prefix). */
export function countItems(xml: string, kind: XmlKind): number {
  const re = kind === 'atom' ? /<(?:[\w-]+:)?entry[\s>/]/gi : /<(?:[\w-]+:)?item[\s>/]/gi;
  let n = 0;
  while (re.exec(xml)) n++;
  return n;
}

/**
 * Splits a document into its items, each wrapped in a minimal copy of the document
 * (root start tag, and the channel for RSS) so that it can be parsed on its own, plus
 * the document with all items removed (for feed-level fields).
 */
export function splitItems(prepared: PreparedXml, startMark = '', endMark = ''): { shell: string; items: string[] } {
  const { xml, kind, rootTag, rootName } = prepared;
  const itemLocal = ITEM_NAME[kind];
  const starts: { start: number; name: string }[] = [];
  const ends: number[] = [];
  let channelTag = '';
  scanTags(xml, (ev) => {
    const local = localName(ev.name);
    if (ev.type === 'start' && local === 'channel' && !channelTag) channelTag = xml.slice(ev.start, ev.end);
    if (local !== itemLocal) return;
    if (ev.type === 'start' && !ev.selfClosing) starts.push({ start: ev.start, name: ev.name });
    else if (ev.type === 'end') ends.push(ev.end);
  });
  const items: string[] = [];
  const removed: [number, number][] = [];
  let e = 0;
  for (let k = 0; k < starts.length; k++) {
    const { start, name } = starts[k];
    const nextStart = k + 1 < starts.length ? starts[k + 1].start : xml.length;
    while (e < ends.length && ends[e] <= start) e++;
    let stop: number;
    let body: string;
    if (e < ends.length && ends[e] <= nextStart) {
      stop = ends[e];
      body = xml.slice(start, stop);
    } else {
      // No end tag before the next item: the item ends where the next begins.
      stop = nextStart;
      body = balanceTags(xml.slice(start, nextStart));
      if (!body.endsWith(`</${name}>`)) body += `</${name}>`;
    }
    removed.push([start, Math.max(stop, start)]);
    // An item with no child element ("<item/>", "<item>  </item>") yields nothing; skip it.
    if (!/^<[^>]*>[\s\S]*?<[A-Za-z_]/.test(body)) continue;
    const open = kind === 'rss' ? `${rootTag}${channelTag || '<channel>'}` : rootTag;
    const close = kind === 'rss' ? `</channel></${rootName}>` : `</${rootName}>`;
    items.push(`${open}${startMark}${balanceTags(body)}${endMark}${close}`);
  }
  let shell = '';
  let copied = 0;
  for (const [a, b] of removed) {
    shell += xml.slice(copied, a);
    copied = b;
  }
  shell += xml.slice(copied);
  return { shell: balanceTags(shell), items };
}

/**
 * Cuts a document after its `maxItems`-th item and closes what is open, so that work on a
 * feed with a huge number of items is bounded by the cap rather than by the input.
 */
export function cutAfterItems(xml: string, kind: XmlKind, maxItems: number): string {
  const item = ITEM_NAME[kind];
  let seen = 0;
  let cut = -1;
  try {
    scanTags(xml, (ev) => {
      if (ev.type === 'end' && localName(ev.name) === item && ++seen >= maxItems) {
        cut = ev.end;
        throw FOUND;
      }
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return cut === -1 ? xml : balanceTags(xml, cut);
}
