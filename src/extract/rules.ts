/**
 * Per-outlet scraper rules, applied before the generic extractor (the idea of Miniflux's
 * scraper rules): `drop` removes matching elements; `keep`, when any selector matches,
 * replaces the body with only the matching elements, in document order.
 */

export interface SiteRules {
  /** CSS selectors whose matches are the article (everything else is discarded). */
  keep?: string[];
  /** CSS selectors whose matches are removed before extraction. */
  drop?: string[];
}

/**
 * Rules for a few outlets whose markup fools the generic cleanup. Keyed by host without
 * "www."; a key also matches its subdomains. Callers may pass their own rules instead.
 */
export const DEFAULT_SITE_RULES: Record<string, SiteRules> = {
  'bbc.co.uk': { drop: ['.story-body__mini-info-list-and-share', '.byline', '.media-caption', '.off-screen'] },
  'bbc.com': { drop: ['.story-body__mini-info-list-and-share', '.byline', '.media-caption', '.off-screen', '[data-component="tag-list"]', '[data-component="links-block"]', '[data-component="byline-block"]'] },
  'theguardian.com': { drop: ['[data-component="rich-link"]', '.submeta', 'gu-island[name="SlotBodyEnd"]', '[data-print-layout="hide"]', 'figcaption'] },
  'nytimes.com': { drop: ['[data-testid="photoviewer-children-caption"]', '#bottom-wrapper', '.bottom-of-article', '[data-testid="inline-message"]'] },
  'washingtonpost.com': { drop: ['.interstitial-link', '[data-qa="subscribe-promo"]', '.pb-feed-headline'] },
  'cnn.com': { drop: ['.el__embedded', '.zn-body__read-more', '.el__storyhighlights', '.cnnix', '.source__location'] },
  'reuters.com': { drop: ['[data-testid="Body"] [class*="read-next"]', '[class*="article-body__toolbar"]'] },
  'medium.com': { drop: ['[data-testid="headerClapButton"]', '.pw-multi-vote-count'] },
  'wired.com': { drop: ['.callout--has-top-border', '[data-testid="RecircMostPopular"]'] },
  'theverge.com': { drop: ['.c-related-list', '.c-social-buttons', '.c-byline'] },
  'arstechnica.com': { drop: ['.sidebar', '.enlarge-link', '.caption-credit', '.ars-interlude-container'] },
  'spiegel.de': { drop: ['[data-area="related_articles"]', '[data-area="paywall"]'] },
  'lemonde.fr': { drop: ['.article__siblings', '.catcher', '.meta__social', '.services'] },
};

/** Finds the rules for a URL's host (or a parent domain) in `table`. */
export function rulesForUrl(url: string | null | undefined, table: Record<string, SiteRules> = DEFAULT_SITE_RULES): SiteRules | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    const r = table[h];
    if (r) return r;
  }
  return undefined;
}

function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    // A bad selector in user rules must not break extraction of the page.
    return [];
  }
}

/** Applies rules to the document in place. Returns true when a `keep` selector matched. */
export function applySiteRules(document: Document, rules: SiteRules | undefined): boolean {
  if (!rules) return false;
  const body = document.body;
  if (!body) return false;
  for (const sel of rules.drop ?? []) for (const el of safeQueryAll(body, sel)) el.remove();
  if (!rules.keep?.length) return false;
  const kept: Element[] = [];
  for (const sel of rules.keep) for (const el of safeQueryAll(body, sel)) kept.push(el);
  // Document order, and no element inside another kept one.
  const unique = kept.filter((el, i) => kept.indexOf(el) === i && !kept.some((o) => o !== el && o.contains(el)));
  if (!unique.length) return false;
  unique.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  const wrapper = document.createElement('article');
  for (const el of unique) wrapper.appendChild(el);
  while (body.firstChild) body.removeChild(body.firstChild);
  body.appendChild(wrapper);
  return true;
}
