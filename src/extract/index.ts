/**
 * Article extraction: saved or fetched HTML in, ExtractedArticle out.
 *
 * Steps (see clean.ts for the why of each cleanup):
 * 1. parse with linkedom and read metadata (JSON-LD, meta tags, <time>, <html lang>)
 *    before anything changes the DOM;
 * 2. per-outlet rules (rules.ts), then generic pre-cleaning by markup;
 * 3. Mozilla Readability picks the article container;
 * 4. post-cleaning of its output by text and link density;
 * 5. fallbacks when Readability fails or clearly falls short: live-blog updates and
 *    articleBody from JSON-LD, then the largest block of paragraphs;
 * 6. sanitized HTML (sanitize.ts) and plain text (text.ts: paragraphs joined by "\n\n").
 *
 * Contract: never throws; bad input (empty, binary, no article) gives `{ error }`.
 * Input beyond MAX_INPUT_CHARS is cut, so time per page is bounded.
 */
import { parseHTML } from 'linkedom';
import { decodeHTML } from 'entities';
import { Readability } from '@mozilla/readability';
import { readMetadata, toIsoDate, type PageMetadata } from './metadata.ts';
import { preClean, postClean, textLength, linkDensity } from './clean.ts';
import { applySiteRules, rulesForUrl, type SiteRules } from './rules.ts';
import { htmlElementToText } from './text.ts';
import { sanitizeArticleHtml, type SafeHtml } from './sanitize.ts';
import { markStandfirst, standfirstBefore, containsStandfirst } from './standfirst.ts';

export type { SiteRules } from './rules.ts';
export { DEFAULT_SITE_RULES, rulesForUrl } from './rules.ts';
export { sanitizeArticleHtml, type SafeHtml } from './sanitize.ts';

/** Bump when extraction output changes, so stored articles can be re-extracted. */
export const EXTRACTOR_VERSION = 1;
/** Pages longer than this (characters) are cut before parsing: bounded time per page. */
export const MAX_INPUT_CHARS = 4_000_000;

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** ISO 8601 UTC, or null. */
  published: string | null;
  lang: string | null;
  siteName: string | null;
  /** Lead image URL (absolute when the page URL is known). */
  image: string | null;
  /** Plain text: one paragraph per line, paragraphs separated by a blank line ("\n\n"). */
  text: string;
  /** Sanitized article HTML, safe to render. */
  html: SafeHtml;
  excerpt: string | null;
  /** True when the page holds only part of the article (paywall stub, teaser). */
  partial?: boolean;
}

export interface ExtractOptions {
  /** The page's URL: resolves relative links and picks per-outlet rules. */
  url?: string;
  /** Rules for this page; when absent, DEFAULT_SITE_RULES for the URL's host apply. */
  rules?: SiteRules;
}

export type ExtractResult = ExtractedArticle | { error: string };

const PAYWALL_MARKER = /(?:^|[-_\s])(?:paywall|paywalled|subscriber-only|subscribers-only|premium-content|piano-offer|meter-?wall|regwall|article-locked|locked-content|tp-modal)(?:$|[-_\s])/i;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function looksBinary(s: string): boolean {
  const head = s.slice(0, 65536);
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 9) || (c > 13 && c < 32)) bad++;
  }
  return bad > head.length * 0.02;
}

function resolveBase(document: Document, url: string | null, meta: PageMetadata): string | null {
  const page = url ?? meta.canonicalUrl;
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  if (baseHref) {
    try {
      const b = page ? new URL(baseHref, page) : new URL(baseHref);
      if (b.protocol === 'http:' || b.protocol === 'https:') return b.href;
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }
  return page;
}

/** Paragraphs of a text (split on blank lines, or on single newlines when there are none). */
function paragraphsOf(body: string): string[] {
  const parts = /\n\s*\n/.test(body) ? body.split(/\n\s*\n/) : body.split(/\n/);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function fromParagraphs(paras: { heading?: string | null; text: string }[]): { text: string; html: string } {
  const lines: string[] = [];
  const html: string[] = [];
  for (const p of paras) {
    if (p.heading) {
      lines.push(p.heading);
      html.push(`<h3>${escapeHtml(p.heading)}</h3>`);
    }
    for (const para of paragraphsOf(p.text)) {
      lines.push(para);
      html.push(`<p>${escapeHtml(para)}</p>`);
    }
  }
  return { text: lines.join('\n\n'), html: html.join('\n') };
}

/**
 * The element whose direct paragraphs hold the most text: the fallback when Readability
 * finds nothing. Scores each parent by the text of its <p> children, discounting links.
 */
function largestTextBlock(document: Document): Element | null {
  const scores = new Map<Element, number>();
  for (const p of document.querySelectorAll('p, pre, blockquote')) {
    const parent = p.parentElement;
    if (!parent) continue;
    const len = textLength(p);
    if (len < 20) continue;
    const score = len * (1 - linkDensity(p));
    scores.set(parent, (scores.get(parent) ?? 0) + score);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) if (s > bestScore) [best, bestScore] = [el, s];
  if (best) return best;
  // No paragraphs at all (text in divs with <br>): the body itself.
  return document.body && textLength(document.body) > 0 ? document.body : null;
}

/**
 * The headline without the outlet's name. Readability already splits "Headline | Site"
 * from <title>; meta titles (og:title) are preferred when they agree with it.
 */
function chooseTitle(meta: PageMetadata, readabilityTitle: string | null): string | null {
  const r = readabilityTitle?.replace(/\s+/g, ' ').trim() || null;
  let t = meta.title;
  if (t && r && t !== r && t.includes(r) && r.length > 15) t = r;
  t ??= r;
  for (const name of [meta.siteName, meta.byline]) {
    if (!t || !name) continue;
    const site = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = t.replace(new RegExp(`\\s+[-|–—:·•]\\s+${site}\\s*$`, 'i'), '').replace(new RegExp(`^${site}\\s+[-|–—:·•]\\s+`, 'i'), '');
    if (stripped.length >= 10) t = stripped;
  }
  return t;
}

/**
 * Extracts the article from a page. `opts.url` is the page's address (for absolute
 * links and per-outlet rules). Never throws: failures come back as `{ error }`.
 */
const MAX_DOM_DEPTH = 200;
const MAX_DOM_ELEMENTS = 30_000;

/** Element count and nesting depth, walked without recursion (deep pages overflow the stack). */
function domShape(root: Element): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    elements++;
    if (d > depth) depth = d;
    if (elements > MAX_DOM_ELEMENTS) break;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return { elements, depth };
}

const BLOCK_END = /<\/(?:p|div|h[1-6]|li|blockquote|section|article|tr|pre)\s*>|<br\s*\/?>/gi;

/** Text of a page read without a DOM, linear in its size: block ends become paragraph breaks. */
function flatExtract(html: string): ExtractResult {
  const title = /<title[^>]*>([^<]{1,500})<\/title>/i.exec(html)?.[1] ?? null;
  const text = decodeHTML(
    html
      .replace(/<(script|style|noscript|template|svg|math)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ')
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(BLOCK_END, '\n')
      .replace(/<[^>]*>?/g, ' '),
  )
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
  if (!text) return { error: 'extract: no article body found' };
  const body = fromParagraphs([{ text }]);
  return { title: title ? decodeHTML(title).trim() : null, byline: null, published: null, lang: null, siteName: null, image: null, text: body.text, html: sanitizeArticleHtml(body.html), excerpt: body.text.slice(0, 300) };
}

export function extractArticle(html: string, opts: ExtractOptions = {}): ExtractResult {
  try {
    return withoutControlChars(extract(html, opts));
  } catch (err) {
    return { error: `extract: ${(err as Error)?.message ?? String(err)}` };
  }
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Control characters (raw, or decoded from "&#1;") are not text, and PostgreSQL cannot store a NUL. */
function withoutControlChars(r: ExtractResult): ExtractResult {
  if ('error' in r) return r;
  const strip = (s: string | null) => (s === null ? null : s.replace(CONTROL_CHARS, ''));
  return { ...r, title: strip(r.title), byline: strip(r.byline), siteName: strip(r.siteName), excerpt: strip(r.excerpt), text: r.text.replace(CONTROL_CHARS, '') };
}

function extract(input: string, opts: ExtractOptions): ExtractResult {
  if (typeof input !== 'string' || !input.trim()) return { error: 'extract: empty document' };
  if (looksBinary(input)) return { error: 'extract: not an HTML document (binary content)' };
  const html = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
  if (!/<[a-z!]/i.test(html)) return { error: 'extract: not an HTML document (no markup)' };

  const { document } = parseHTML(html) as unknown as { document: Document };
  if (!document.body) return { error: 'extract: not an HTML document (no body)' };
  // Pathologically deep markup (thousands of unclosed tags) makes every DOM text read cost
  // O(depth); such a page is read as flat text instead.
  if (domShape(document.body).depth > MAX_DOM_DEPTH * 5) return flatExtract(html);
  const meta = readMetadata(document, opts.url ?? null);
  const baseUrl = resolveBase(document, opts.url ?? null, meta);
  const hasPaywallMarker = [...document.querySelectorAll('[class], [id]')].some((el) =>
    PAYWALL_MARKER.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`),
  );

  applySiteRules(document, opts.rules ?? rulesForUrl(baseUrl));
  preClean(document);
  const standfirst = markStandfirst(document, meta.description);

  let parsed: ReturnType<Readability['parse']> = null;
  try {
    // Readability's cleanup is super-linear in nesting depth and element count (1,000 nested
    // divs: ~50 s; 25,000 empty spans: over 100 s). Real articles stay far below these
    // bounds; a page beyond them goes straight to the fallbacks below.
    const shape = domShape(document.body);
    if (shape.depth <= MAX_DOM_DEPTH && shape.elements <= MAX_DOM_ELEMENTS) {
      parsed = new Readability(document, { keepClasses: true, maxElemsToParse: 80_000 }).parse();
    }
  } catch (err) {
    // Readability gives up on pathological pages (too many elements); the fallbacks below
    // still get a chance.
    parsed = null;
    void err;
  }

  const title = chooseTitle(meta, parsed?.title ?? null);
  const byline = meta.byline ?? (parsed?.byline ? parsed.byline.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '') : null);

  let text = '';
  let bodyHtml = '';
  if (parsed?.content) {
    const { document: out } = parseHTML(`<!doctype html><html><body><div id="tidings-article">${parsed.content}</div></body></html>`) as unknown as { document: Document };
    const root = out.getElementById('tidings-article');
    if (root) {
      postClean(root, { title: parsed.title ?? title, byline: byline ?? parsed.byline ?? null });
      text = htmlElementToText(root);
      bodyHtml = root.innerHTML;
      if (text && standfirst && standfirstBefore(root, standfirst) && !containsStandfirst(text, standfirst)) {
        text = `${standfirst.text}\n\n${text}`;
        bodyHtml = `<p>${escapeHtml(standfirst.text)}</p>\n${bodyHtml}`;
      }
    }
  }

  // Live blogs: Readability keeps one entry or the intro; the JSON-LD updates are the posts.
  if (meta.liveUpdates.length >= 2) {
    const live = fromParagraphs(meta.liveUpdates.map((u) => ({ heading: u.headline, text: u.body })));
    if (live.text.length > text.length * 1.2) ({ text, html: bodyHtml } = live);
  }
  // articleBody from JSON-LD when Readability found clearly less than the publisher says.
  if (meta.articleBody && meta.articleBody.length > 200 && text.length < meta.articleBody.length * 0.6) {
    ({ text, html: bodyHtml } = fromParagraphs([{ text: meta.articleBody }]));
  }
  if (!text.trim()) {
    const { document: again } = parseHTML(html) as unknown as { document: Document };
    if (again.body) {
      preClean(again);
      const block = largestTextBlock(again);
      if (block) {
        postClean(block, { title, byline });
        text = htmlElementToText(block);
        bodyHtml = block.innerHTML;
      }
    }
  }
  if (!text.trim()) return { error: 'extract: no article body found' };

  const cleanHtml = sanitizeArticleHtml(bodyHtml, baseUrl ?? undefined);
  let image = meta.image;
  if (!image) {
    const m = /<img[^>]*\ssrc="(https?:[^"]+)"/.exec(cleanHtml);
    image = m ? m[1].replace(/&amp;/g, '&') : null;
  }
  const firstPara = text.split('\n\n').find((p) => p.length > 40) ?? text.split('\n\n')[0] ?? '';
  const excerpt = meta.description ?? (parsed?.excerpt ? parsed.excerpt.replace(/\s+/g, ' ').trim() : null) ?? (firstPara ? firstPara.slice(0, 300) : null);
  const isPartial = (meta.isPaywalled || hasPaywallMarker) && text.length < Math.max(1500, (meta.articleBody?.length ?? 0) * 0.5);

  const article: ExtractedArticle = {
    title,
    byline,
    published: meta.published ?? toIsoDate(parsed?.publishedTime ?? null),
    lang: meta.lang ?? (parsed?.lang ? parsed.lang : null),
    siteName: meta.siteName ?? (parsed?.siteName ? parsed.siteName : null),
    image,
    text,
    html: cleanHtml,
    excerpt: excerpt || null,
  };
  if (isPartial) article.partial = true;
  return article;
}
