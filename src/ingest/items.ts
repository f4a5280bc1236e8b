/**
 * Feed items and page links as the articles to store: pure mapping, one place for the
 * rules on what an item needs (an http(s) link), its keys (guid, canonical URL) and the
 * feed's own content kept beside it.
 */
import { parseHTML } from 'linkedom';
import type { FeedItem } from './feed/index.ts';
import { canonicalUrl } from './canonical-url.ts';
import { htmlElementToText } from '../extract/text.ts';
import type { NewFeedArticle } from '../store/articles.ts';
import type { PageLink } from './discover.ts';

const EXCERPT_CHARS = 300;

/** Plain text of an HTML fragment (feed content), paragraphs separated by blank lines. */
export function fragmentText(html: string | null | undefined): string {
  if (!html || !html.trim()) return '';
  const { document } = parseHTML(`<!doctype html><html><body><div id="fragment">${html}</div></body></html>`);
  const root = document.getElementById('fragment');
  return root ? htmlElementToText(root as unknown as Element) : '';
}

function excerptOf(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  if (t.length <= EXCERPT_CHARS) return t;
  const cut = t.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 200 ? space : EXCERPT_CHARS)}…`;
}

function httpLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function timeOf(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export interface MappedItems {
  articles: NewFeedArticle[];
  /** Items left out, with why (no usable link, duplicate within the feed). */
  skipped: { id: string; reason: string }[];
}

/** Maps parsed feed items to articles; items without an http(s) link cannot be fetched and are skipped. */
export function feedItemsToArticles(items: FeedItem[]): MappedItems {
  const articles: NewFeedArticle[] = [];
  const skipped: MappedItems['skipped'] = [];
  const seenGuid = new Set<string>();
  const seenUrl = new Set<string>();
  for (const it of items) {
    const link = httpLink(it.link);
    if (!link) {
      skipped.push({ id: it.id, reason: it.link ? `link is not http(s): ${it.link.slice(0, 100)}` : 'no link' });
      continue;
    }
    const canonical = canonicalUrl(link);
    const guid = it.id || link;
    if (seenGuid.has(guid) || seenUrl.has(canonical)) {
      skipped.push({ id: guid, reason: 'repeated in the feed' });
      continue;
    }
    seenGuid.add(guid);
    seenUrl.add(canonical);
    const feedHtml = it.content ?? it.summary ?? null;
    const summaryText = fragmentText(it.summary ?? it.content);
    articles.push({
      guid,
      url: link,
      canonicalUrl: canonical,
      title: it.title?.trim() || excerptOf(summaryText)?.slice(0, 120) || link,
      byline: it.author,
      publishedAt: timeOf(it.published) ?? timeOf(it.updated),
      feedUpdatedAt: timeOf(it.updated),
      excerpt: excerptOf(summaryText),
      feedHtml,
    });
  }
  return { articles, skipped };
}

/** Links found on a section page, as articles without feed content (the page has to be fetched). */
export function pageLinksToArticles(links: PageLink[]): NewFeedArticle[] {
  return links.map((l) => ({
    guid: l.url,
    url: l.url,
    canonicalUrl: canonicalUrl(l.url),
    title: l.title,
    byline: null,
    publishedAt: null,
    feedUpdatedAt: null,
    excerpt: null,
    feedHtml: null,
  }));
}
