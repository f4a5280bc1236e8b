/**
 * Maps feedsmith's per-format output onto one raw shape, then finishes it into a
 * `ParsedFeed`: URLs resolved, titles cleaned, dates parsed, HTML sanitized, ids chosen.
 * Each item is finished on its own, so a failure on one item drops only that item.
 */
import { createHash } from 'node:crypto';
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import { sanitizeArticleHtml } from '../../extract/sanitize.ts';
import { parseFeedDate } from '../dates.ts';
import { cleanTitle, looksLikeHtml, stripControlChars, textToHtml, unescapeDoubleEncodedHtml } from './text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';

export interface RawText {
  value: string;
  isHtml: boolean;
  /** xml:base of the element holding the text (already absolute when it could be made so). */
  base?: string;
}

export interface RawItem {
  id?: string;
  title?: string;
  link?: string;
  /** guid marked (or defaulting to) isPermaLink, an Atom or JSON id: the link when there is none and it is an http(s) URL. */
  permalinkGuid?: string;
  published?: string;
  /** Other publication dates the item gives (dc:date, dcterms:issued, ...), tried when `published` is unreadable. */
  publishedAlternatives?: (string | undefined)[];
  updated?: string;
  authors: string[];
  summary?: RawText;
  content?: RawText;
  base?: string;
}

export interface RawFeed {
  title?: string;
  link?: string;
  description?: string;
  language?: string;
  updated?: string;
  base?: string;
  /** Authors that entries inherit when they name none (Atom and JSON Feed rules). */
  inheritedAuthors: string[];
  items: RawItem[];
}

type Text = { value?: string; type?: string; xml?: { base?: string } } | undefined;

function nonEmpty(s: string | undefined | null): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

function isHtmlType(type: string | undefined, value: string): boolean {
  const t = (type ?? '').trim().toLowerCase();
  if (t === 'html' || t === 'text/html' || t === 'xhtml' || t === 'application/xhtml+xml') return true;
  if (t === 'text' || t === 'text/plain') return false;
  return looksLikeHtml(value); // no type (or an odd one): decide by looking
}

function atomText(t: Text): RawText | undefined {
  const value = nonEmpty(t?.value);
  if (!value) return undefined;
  return { value, isHtml: isHtmlType(t?.type, value), base: t?.xml?.base };
}

function personName(p: { name?: string; email?: string } | undefined): string | undefined {
  return nonEmpty(p?.name) ?? nonEmpty(p?.email);
}

function atomLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  if (!links?.length) return undefined;
  const alternates = links.filter((l) => l.href && (!l.rel || l.rel.toLowerCase() === 'alternate'));
  const html = alternates.find((l) => !l.type || /html/i.test(l.type));
  const pick = html ?? alternates[0] ?? links.find((l) => l.href && !/^(self|edit|replies|enclosure|hub|next|previous|first|last)$/i.test(l.rel ?? ''));
  return nonEmpty(pick?.href);
}

function mediaDescription(media: { description?: { value?: string; type?: string }; groups?: { description?: { value?: string; type?: string } }[]; contents?: { description?: { value?: string; type?: string } }[] } | undefined): RawText | undefined {
  const d = media?.description ?? media?.groups?.find((g) => g.description)?.description ?? media?.contents?.find((c) => c.description)?.description;
  const value = nonEmpty(d?.value);
  if (!value) return undefined;
  return { value, isHtml: d?.type ? /html/i.test(d.type) : looksLikeHtml(value) };
}

export function fromRss(feed: RssFeed.Feed<string>): RawFeed {
  const items = (feed.items ?? []).map((it): RawItem => {
    const guid = nonEmpty(it.guid?.value);
    const description = nonEmpty(it.description);
    const encoded = nonEmpty(it.content?.encoded);
    return {
      id: guid,
      title: it.title ?? it.dc?.titles?.[0] ?? it.atom?.title?.value,
      link: nonEmpty(it.link) ?? atomLink(it.atom?.links),
      permalinkGuid: guid && it.guid?.isPermaLink !== false ? guid : undefined,
      published: nonEmpty(it.pubDate) ?? nonEmpty(it.dc?.dates?.[0]) ?? nonEmpty(it.dcterms?.issued?.[0]) ?? nonEmpty(it.dcterms?.created?.[0]) ?? nonEmpty(it.atom?.published),
      publishedAlternatives: [it.dc?.dates?.[0], it.dcterms?.issued?.[0], it.dcterms?.created?.[0], it.atom?.published],
      updated: nonEmpty(it.atom?.updated) ?? nonEmpty(it.dcterms?.modified?.[0]),
      authors: [
        ...(it.dc?.creators ?? []),
        ...(it.authors ?? []).map(personName),
        it.itunes?.author,
      ].filter((a): a is string => !!nonEmpty(a)),
      summary: description ? { value: description, isHtml: true } : mediaDescription(it.media) ?? (it.itunes?.summary ? { value: it.itunes.summary, isHtml: false } : undefined),
      content: encoded ? { value: encoded, isHtml: true } : undefined,
      base: it.xml?.base,
    };
  });
  return {
    title: feed.title ?? feed.dc?.titles?.[0],
    link: nonEmpty(feed.link) ?? atomLink(feed.atom?.links?.filter((l) => l.rel !== 'self')),
    description: feed.description ?? feed.itunes?.summary,
    language: nonEmpty(feed.language) ?? nonEmpty(feed.dc?.languages?.[0]),
    updated: nonEmpty(feed.lastBuildDate) ?? nonEmpty(feed.pubDate) ?? nonEmpty(feed.dc?.dates?.[0]) ?? nonEmpty(feed.atom?.updated),
    inheritedAuthors: [],
    items,
  };
}

export function fromRdf(feed: RdfFeed.Feed<string>): RawFeed {
  const items = (feed.items ?? []).map((it): RawItem => {
    const description = nonEmpty(it.description);
    const encoded = nonEmpty(it.content?.encoded);
    return {
      id: nonEmpty(it.rdf?.about),
      title: it.title ?? it.dc?.titles?.[0],
      link: nonEmpty(it.link) ?? nonEmpty(it.rdf?.about),
      published: nonEmpty(it.dc?.dates?.[0]) ?? nonEmpty(it.dcterms?.issued?.[0]) ?? nonEmpty(it.dcterms?.created?.[0]),
      updated: nonEmpty(it.dcterms?.modified?.[0]),
      authors: (it.dc?.creators ?? []).filter((a) => !!nonEmpty(a)),
      summary: description ? { value: description, isHtml: true } : mediaDescription(it.media),
      content: encoded ? { value: encoded, isHtml: true } : undefined,
    };
  });
  return {
    title: feed.title ?? feed.dc?.titles?.[0],
    link: nonEmpty(feed.link),
    description: feed.description,
    language: nonEmpty(feed.dc?.languages?.[0]),
    updated: nonEmpty(feed.dc?.dates?.[0]),
    inheritedAuthors: [],
    items,
  };
}

export function fromAtom(feed: AtomFeed.Feed<string>): RawFeed {
  const items = (feed.entries ?? []).map((e): RawItem => {
    const content = e.content?.src && !nonEmpty(e.content.value) ? undefined : atomText(e.content);
    return {
      id: nonEmpty(e.id),
      title: e.title?.value,
      link: atomLink(e.links),
      permalinkGuid: nonEmpty(e.id), // used only when it is an http(s) URL and there is no link
      published: nonEmpty(e.published) ?? nonEmpty(e.dc?.dates?.[0]) ?? nonEmpty(e.dcterms?.issued?.[0]),
      publishedAlternatives: [e.dc?.dates?.[0], e.dcterms?.issued?.[0]],
      updated: nonEmpty(e.updated) ?? nonEmpty(e.dcterms?.modified?.[0]),
      authors: [...(e.authors ?? []).map(personName), ...(e.dc?.creators ?? [])].filter((a): a is string => !!nonEmpty(a)),
      summary: atomText(e.summary) ?? mediaDescription(e.media),
      content,
      base: e.xml?.base,
    };
  });
  return {
    title: feed.title?.value,
    link: atomLink(feed.links),
    description: feed.subtitle?.value,
    language: nonEmpty(feed.xml?.lang) ?? nonEmpty(feed.dc?.languages?.[0]),
    updated: nonEmpty(feed.updated) ?? nonEmpty(feed.dc?.dates?.[0]),
    base: feed.xml?.base,
    inheritedAuthors: (feed.authors ?? []).map(personName).filter((a): a is string => !!a),
    items,
  };
}

export function fromJson(feed: JsonFeed.Feed<string>): RawFeed {
  const items = (feed.items ?? []).map((it): RawItem => {
    const html = nonEmpty(it.content_html);
    const text = nonEmpty(it.content_text);
    const summary = nonEmpty(it.summary);
    return {
      id: it.id !== undefined && it.id !== null ? nonEmpty(String(it.id)) : undefined,
      permalinkGuid: typeof it.id === 'string' ? nonEmpty(it.id) : undefined,
      title: it.title,
      link: nonEmpty(it.url) ?? nonEmpty(it.external_url),
      published: nonEmpty(it.date_published),
      updated: nonEmpty(it.date_modified),
      authors: (it.authors ?? []).map(personName).filter((a): a is string => !!a),
      summary: summary ? { value: summary, isHtml: false } : undefined,
      content: html ? { value: html, isHtml: true } : text ? { value: text, isHtml: false } : undefined,
    };
  });
  return {
    title: feed.title,
    link: nonEmpty(feed.home_page_url),
    description: feed.description,
    language: nonEmpty(feed.language),
    inheritedAuthors: (feed.authors ?? []).map(personName).filter((a): a is string => !!a),
    items,
  };
}

// ---------------------------------------------------------------------------
// Finishing

function absolute(ref: string | undefined | null, base: string | null): string | null {
  if (!ref) return base;
  try {
    return new URL(ref, base ?? undefined).href;
  } catch {
    return base;
  }
}

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves a link; an absolute link is returned as written, a relative one against `base`. */
export function resolveLink(ref: string | undefined, base: string | null): string | null {
  const resolved = resolveLinkAny(ref, base);
  // Checked on the result: "java\tscript:" only becomes a scheme once URL parsing drops the
  // tab, and a relative "#x" against an xml:base of "javascript:..." resolves into one.
  return resolved && /^(?:javascript|vbscript|data):/i.test(resolved.replace(/\s+/g, '')) ? null : resolved;
}

function resolveLinkAny(ref: string | undefined, base: string | null): string | null {
  const link = ref ? stripControlChars(ref).trim() : '';
  if (!link) return null;
  if (SCHEME_RE.test(link)) return link;
  if (link.startsWith('//')) return absolute(link, base ?? 'https://invalid.invalid/') ?? link;
  // "www.example.com/story": a scheme-less absolute link, not a path.
  if (/^www\.[a-z0-9-]+\.[a-z]/i.test(link)) return absolute(`http://${link}`, null) ?? link;
  if (!base) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/** Sanitized fragments of one feed by base and input: summary and content are often the same text. */
type SanitizeCache = Map<string, string | null>;

function safeHtml(text: RawText | undefined, base: string | null, cache?: SanitizeCache): string | null {
  if (!text) return null;
  const key = `${text.isHtml ? 'h' : 't'}${text.base ?? ''}\u0000${base ?? ''}\u0000${text.value}`;
  const hit = cache?.get(key);
  if (hit !== undefined) return hit;
  const out = sanitizeFragment(text, base);
  if (cache && text.value.length < 100_000) cache.set(key, out);
  return out;
}

function sanitizeFragment(text: RawText, base: string | null): string | null {
  if (!text) return null;
  const html = text.isHtml ? unescapeDoubleEncodedHtml(text.value) : textToHtml(text.value);
  // Plain text with nothing an HTML parser or a browser could act on needs no sanitizer run.
  if (!/[<&]/.test(html) && !/script\s*:|\bon[a-z]+\s*=/i.test(html)) {
    const t = stripControlChars(html).trim();
    return t === '' ? null : t;
  }
  const elementBase = text.base ? absolute(text.base, base) : base;
  let clean: string = sanitizeArticleHtml(html, elementBase ?? undefined);
  // Feed summaries are shown in lists: embedded players become plain links.
  clean = clean.replace(/<iframe\b[^>]*\bsrc="([^"]*)"[^>]*>\s*<\/iframe>/g, '<a href="$1" rel="noopener noreferrer nofollow">$1</a>');
  clean = clean.replace(/<iframe\b[^>]*>[\s\S]*?<\/iframe>/g, '');
  // Harmless inside an https URL ("/path/javascript:x", "?onerror=1"), but naive filters
  // downstream look for these strings; percent-encoding keeps the URL's meaning.
  clean = clean.replace(/((?:java|vb|live)script):/gi, '$1%3A').replace(/(^|[^a-z])(on[a-z]+)=/gi, '$1$2%3D');
  // Character references such as "&#1;" decode to control characters inside the parser.
  clean = stripControlChars(clean);
  if (!/[^\s]/.test(clean.replace(/<(?!img)[^>]*>/g, ''))) return null;
  return clean;
}

function authorsText(names: string[]): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const c = cleanTitle(n);
    if (c && !seen.has(c.toLowerCase())) {
      seen.add(c.toLowerCase());
      out.push(c);
    }
  }
  return out.length ? out.join(', ') : null;
}

function finishItem(raw: RawItem, feedBase: string | null, inherited: string[], now: Date, cache: SanitizeCache): FeedItem {
  const itemBase = raw.base ? absolute(raw.base, feedBase) : feedBase;
  const guidLink = raw.permalinkGuid && /^(?:https?:)?\/\/\S+$/i.test(raw.permalinkGuid) ? raw.permalinkGuid : undefined;
  const link = resolveLink(raw.link ?? guidLink, itemBase);
  const title = cleanTitle(raw.title);
  const updatedDate = raw.updated ? parseFeedDate(raw.updated, now) : null;
  let publishedDate = raw.published ? parseFeedDate(raw.published, now) : null;
  for (const alt of raw.publishedAlternatives ?? []) {
    if (publishedDate) break;
    if (alt && alt !== raw.published) publishedDate = parseFeedDate(alt, now);
  }
  const published = (publishedDate ?? updatedDate)?.toISOString() ?? null;
  const updated = updatedDate?.toISOString() ?? null;
  const summary = safeHtml(raw.summary, itemBase, cache);
  const content = safeHtml(raw.content, itemBase, cache);
  const author = authorsText(raw.authors.length ? raw.authors : inherited);
  let id = raw.id ? stripControlChars(raw.id).trim() : '';
  if (!id) id = link ?? '';
  if (!id) {
    const basis = `${title ?? ''}\n${published ?? raw.published ?? ''}\n${title || published ? '' : (summary ?? content ?? '').slice(0, 2000)}`;
    id = `sha1:${createHash('sha1').update(basis).digest('hex')}`;
  }
  return { id, title, link, published, updated, author, summary, content };
}

/** Finishes a raw feed; items that fail to finish are skipped, and the count of those is returned. */
export function finishFeed(raw: RawFeed, opts: { docUrl: string | null; now: Date; maxItems: number }): { feed: ParsedFeed; skipped: number } {
  const docBase = opts.docUrl && SCHEME_RE.test(opts.docUrl) ? absolute(opts.docUrl, null) : null;
  const siteLink = raw.link ? resolveLink(raw.link, docBase) : null;
  const rootBase = docBase ?? (siteLink && SCHEME_RE.test(siteLink) ? absolute(siteLink, null) : null);
  const feedBase = raw.base ? absolute(raw.base, rootBase) : rootBase;
  const items: FeedItem[] = [];
  const cache: SanitizeCache = new Map();
  let skipped = 0;
  for (const it of raw.items) {
    if (items.length >= opts.maxItems) break;
    try {
      items.push(finishItem(it, feedBase, raw.inheritedAuthors, opts.now, cache));
    } catch {
      skipped++; // one bad item never costs the others
    }
  }
  const updated = raw.updated ? parseFeedDate(raw.updated, opts.now) : null;
  return {
    feed: {
      title: cleanTitle(raw.title),
      link: siteLink ? resolveLink(raw.link, feedBase ?? docBase) : null,
      description: cleanTitle(raw.description),
      language: raw.language ? stripControlChars(raw.language).trim() || null : null,
      updated: updated?.toISOString() ?? null,
      items,
    },
    skipped,
  };
}
