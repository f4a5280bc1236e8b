/**
 * Reading an outlet's HTML without extracting an article: the feeds a home page announces
 * (autodiscovery), its name, and, for outlets without a feed, the links on a section page
 * that look like articles. Pure functions of (html, pageUrl).
 */
import { parseHTML } from 'linkedom';

const FEED_TYPES = new Map([
  ['application/rss+xml', 'rss'],
  ['application/atom+xml', 'atom'],
  ['application/feed+json', 'json'],
  ['application/json', 'json'],
  ['application/rdf+xml', 'rdf'],
  ['text/xml', 'xml'],
  ['application/xml', 'xml'],
]);

/** Paths tried, in order, when a page announces no feed. */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feeds/posts/default', '/feed/', '/index.rss'];

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

function resolve(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function documentBase(document: Document, pageUrl: string): string {
  return resolve(document.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
}

/** `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href>` in document order, comment feeds last. */
export function discoverFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  const { document } = parseHTML(html);
  const base = documentBase(document as unknown as Document, pageUrl);
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of document.querySelectorAll('link[href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate') && !rel.includes('feed')) continue;
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0].trim();
    const kind = FEED_TYPES.get(type);
    if (!kind) continue;
    const url = resolve(link.getAttribute('href'), base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    found.push({ url, title: link.getAttribute('title')?.trim() || null, type: kind });
  }
  const isComments = (f: DiscoveredFeed) => /comment/i.test(`${f.title ?? ''} ${f.url}`);
  return [...found.filter((f) => !isComments(f)), ...found.filter(isComments)];
}

/** The site's name: og:site_name, application-name, else the <title> up to a separator. */
export function siteNameFromHtml(html: string): string | null {
  const { document } = parseHTML(html);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content')?.trim() || null;
  const name = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ?? meta('meta[name="apple-mobile-web-app-title"]');
  if (name) return name;
  const title = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  if (!title) return null;
  // "Section - Outlet" or "Outlet | Home": the site's name is usually the shorter part.
  const parts = title.split(/\s+[|\-–—:·»]\s+/).filter(Boolean);
  if (parts.length < 2) return title;
  return parts.reduce((a, b) => (b.length < a.length ? b : a));
}

export interface PageLink {
  url: string;
  title: string;
}

/** Path segments that mark listing or navigation pages rather than articles. */
const NAV_SEGMENTS = new Set([
  'tag', 'tags', 'category', 'categories', 'topic', 'topics', 'section', 'sections', 'author', 'authors', 'page', 'search',
  'about', 'contact', 'subscribe', 'login', 'signin', 'register', 'account', 'privacy', 'terms', 'cookies', 'feed', 'rss',
  'newsletter', 'newsletters', 'careers', 'jobs', 'advertise', 'help', 'faq', 'shop', 'archive', 'archives', 'index', 'label',
]);

const MIN_ANCHOR_CHARS = 25;

function looksLikeArticlePath(path: string): boolean {
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponentSafe(s).toLowerCase());
  if (!segments.length) return false;
  if (segments.some((s) => NAV_SEGMENTS.has(s))) return false;
  const last = segments[segments.length - 1].replace(/\.(html?|php|aspx?)$/, '');
  // "/about-us-and-our-history" is a slug too, but of a service page.
  if (NAV_SEGMENTS.has(last.split(/[-_]/)[0])) return false;
  const hasDate = /(?:^|\/)(19|20)\d{2}[/-](0?[1-9]|1[0-2])(?:[/-]|$)/.test(path) || /(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.test(path);
  const isSlug = /^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+){3,}$/u.test(last);
  const hasLongId = /\d{5,}/.test(last);
  return hasDate || isSlug || (hasLongId && segments.length >= 2);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Links on a section page that look like articles: same host (or a subdomain of the same
 * site), a path with a date, a long slug or a long numeric id, anchor text of at least
 * MIN_ANCHOR_CHARS characters, outside <nav>, <header>, <footer> and <aside>, and not a
 * tag/category/author link. The first occurrence of each URL wins; document order kept.
 */
export function articleLinksFromPage(html: string, pageUrl: string, maxLinks = 100): PageLink[] {
  const { document } = parseHTML(html);
  const base = documentBase(document as unknown as Document, pageUrl);
  const page = new URL(pageUrl);
  const site = page.hostname.replace(/^www\./, '');
  const out: PageLink[] = [];
  const seen = new Set<string>([page.href]);
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('nav, header, footer, aside, [role="navigation"], .nav, .menu, .breadcrumb, .pagination')) continue;
    const url = resolve(a.getAttribute('href'), base);
    if (!url || seen.has(url)) continue;
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host !== site && !host.endsWith(`.${site}`)) continue;
    if (!looksLikeArticlePath(u.pathname)) continue;
    const rel = (a.getAttribute('rel') ?? '').toLowerCase();
    if (/\btag\b|\bcategory\b|\bauthor\b/.test(rel)) continue;
    const title = (a.textContent ?? a.getAttribute('title') ?? '').replace(/\s+/g, ' ').trim();
    if (title.length < MIN_ANCHOR_CHARS) continue;
    seen.add(url);
    out.push({ url, title });
    if (out.length >= maxLinks) break;
  }
  return out;
}
