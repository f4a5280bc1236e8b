/**
 * Article metadata from a parsed page, read before any cleaning changes the DOM.
 * Sources, strongest first: JSON-LD (NewsArticle and kin, also inside @graph arrays),
 * Open Graph / article: meta, Twitter cards, Dublin Core and plain <meta name>,
 * microdata itemprops, <time datetime>, <html lang>.
 */

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  /** ISO 8601 (UTC, "Z") or null when no parseable date was found. */
  published: string | null;
  lang: string | null;
  siteName: string | null;
  image: string | null;
  description: string | null;
  canonicalUrl: string | null;
  /** articleBody from JSON-LD, when the page ships one (fallback body). */
  articleBody: string | null;
  /** JSON-LD says isAccessibleForFree: false (paywalled). */
  isPaywalled: boolean;
  /** Page is a live blog (JSON-LD LiveBlogPosting or its updates). */
  isLiveBlog: boolean;
  /** liveBlogUpdate entries from JSON-LD, oldest position first as given. */
  liveUpdates: { headline: string | null; body: string }[];
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|TechArticle|ScholarlyArticle|Report|WebPage|SocialMediaPosting|DiscussionForumPosting|Review)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clean(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const t = decodeEntities(s).replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** JSON-LD strings sometimes carry HTML entities (double-encoded by CMSes). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos' || k === '#39') return "'";
    if (k === 'nbsp') return '\u00a0';
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in a JSON-LD value, walking arrays and @graph. */
function flattenLd(v: Json, out: JsonObject[], depth = 0): JsonObject[] {
  if (depth > 6) return out;
  if (Array.isArray(v)) for (const x of v) flattenLd(x, out, depth + 1);
  else if (isObject(v)) {
    out.push(v);
    if (v['@graph']) flattenLd(v['@graph'], out, depth + 1);
    if (isObject(v.mainEntity)) flattenLd(v.mainEntity, out, depth + 1);
  }
  return out;
}

function names(v: Json | undefined, byId: Map<string, JsonObject>): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => names(x, byId));
  if (isObject(v)) {
    if (typeof v.name === 'string') return [v.name];
    if (typeof v['@id'] === 'string') {
      const ref = byId.get(v['@id']);
      if (ref && typeof ref.name === 'string') return [ref.name];
    }
  }
  return [];
}

function imageUrl(v: Json | undefined): string | null {
  if (!v) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? imageUrl(v[0]) : null;
  if (isObject(v)) return typeof v.url === 'string' ? v.url : typeof v.contentUrl === 'string' ? v.contentUrl : null;
  return null;
}

function str(v: Json | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

/** Parses a date string to ISO 8601 UTC, or null. Accepts ISO, RFC 2822 and compact forms. */
export function toIsoDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (!s) return null;
  // 20150724T053609Z / 20150724
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (compact) {
    const [, y, mo, d, h = '00', mi = '00', sec = '00', tz = 'Z'] = compact;
    s = `${y}-${mo}-${d}T${h}:${mi}:${sec}${tz}`;
  }
  // "2015-07-24 05:36:09" has no zone: read as UTC rather than machine-local time.
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = s.replace(' ', 'T') + 'Z';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  // "+0100" -> "+01:00" for Date.parse
  s = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/ ([+-]\d{2}:\d{2})$/, '$1');
  const t = Date.parse(s);
  if (!Number.isFinite(t)) return null;
  const year = new Date(t).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(t).toISOString();
}

function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /^\s*([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?/i.exec(raw);
  if (!m) return null;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1].toLowerCase();
}

function absolute(u: string | null, base: string | null): string | null {
  if (!u) return null;
  try {
    const url = base ? new URL(u.trim(), base) : new URL(u.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function readJsonLd(document: Document): JsonObject[] {
  const out: JsonObject[] = [];
  for (const s of document.querySelectorAll('script[type="application/ld+json" i], script[type="application/ld+json"]')) {
    const raw = (s.textContent ?? '').trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, '');
    if (!raw) continue;
    let parsed: Json;
    try {
      parsed = JSON.parse(raw) as Json;
    } catch {
      // Some CMSes emit literal newlines or tabs inside strings; retry once with them escaped.
      try {
        parsed = JSON.parse(raw.replace(/[\n\r\t]/g, ' ')) as Json;
      } catch {
        continue;
      }
    }
    flattenLd(parsed, out);
  }
  return out;
}

/** Reads metadata; `url` (the page's own address) resolves relative image URLs. */
export function readMetadata(document: Document, url: string | null): PageMetadata {
  const meta = new Map<string, string>();
  for (const m of document.querySelectorAll('meta')) {
    const content = m.getAttribute('content');
    if (content === null) continue;
    // property="og:title article:author" holds several keys at once.
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const keys = m.getAttribute(attr);
      if (!keys) continue;
      for (const k of keys.toLowerCase().split(/\s+/)) if (k && !meta.has(k)) meta.set(k, content);
    }
  }
  const get = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = clean(meta.get(k));
      if (v) return v;
    }
    return null;
  };

  const ld = readJsonLd(document);
  const byId = new Map<string, JsonObject>();
  for (const o of ld) if (typeof o['@id'] === 'string') byId.set(o['@id'], o);
  const articles = ld.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage'));
  // Prefer the node with a body or headline; WebPage only as a last resort.
  const article = articles.find((o) => o.articleBody) ?? articles.find((o) => o.headline) ?? articles[0] ?? ld.find((o) => typesOf(o).includes('WebPage')) ?? null;
  const org = ld.find((o) => typesOf(o).some((t) => /Organization$|^WebSite$/.test(t)) && typeof o.name === 'string');

  const canonical =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, url) ??
    absolute(get('og:url'), url) ??
    (url ? absolute(url, null) : null);
  const base = url ?? canonical;

  const ldTitle = article ? clean(str(article.headline) ?? str(article.name)) : null;
  const title =
    get('og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'title', 'sailthru.title', 'parsely-title') ??
    ldTitle ??
    clean(document.querySelector('h1')?.textContent) ??
    clean(document.querySelector('title')?.textContent);

  const ldAuthors = article ? names(article.author, byId).map((n) => clean(n)).filter((n): n is string => !!n) : [];
  const metaAuthor = get('author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'twitter:creator');
  let byline: string | null = ldAuthors.length ? [...new Set(ldAuthors)].join(', ') : null;
  if (!byline && metaAuthor && !/^https?:\/\//i.test(metaAuthor) && !metaAuthor.startsWith('@')) byline = metaAuthor.replace(/^by\s+/i, '');
  if (!byline) {
    const el = document.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name, .byline');
    const t = clean(el?.textContent);
    if (t && t.length < 100) byline = t.replace(/^by\s+/i, '');
  }

  const published =
    toIsoDate(article ? str(article.datePublished) ?? str(article.dateCreated) : null) ??
    toIsoDate(get('article:published_time', 'og:article:published_time', 'datepublished', 'published_time', 'article.published', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'dcterms.created', 'dcterms.date', 'date', 'sailthru.date', 'parsely-pub-date', 'og:pubdate', 'ptime')) ??
    toIsoDate(document.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ?? document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    toIsoDate(document.querySelector('article time[datetime], time[pubdate], time[datetime]')?.getAttribute('datetime'));

  const lang =
    normalizeLang(document.documentElement?.getAttribute('lang')) ??
    normalizeLang(document.documentElement?.getAttribute('xml:lang')) ??
    normalizeLang(article ? str(article.inLanguage) : null) ??
    normalizeLang(get('og:locale', 'content-language', 'language', 'dc.language'));

  const siteName =
    get('og:site_name', 'application-name', 'twitter:site:name', 'publisher') ??
    (article ? names(article.publisher, byId)[0] ?? null : null) ??
    (org ? clean(str(org.name)) : null) ??
    (get('twitter:site')?.replace(/^@/, '') ?? null);

  const image = absolute(
    get('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? (article ? imageUrl(article.image) : null),
    base,
  );

  const description = get('og:description', 'description', 'twitter:description', 'dc.description') ?? (article ? clean(str(article.description)) : null);

  const isLiveBlog = ld.some((o) => typesOf(o).includes('LiveBlogPosting'));
  const liveUpdates: PageMetadata['liveUpdates'] = [];
  for (const o of ld) {
    const updates = o.liveBlogUpdate;
    if (!updates) continue;
    for (const u of Array.isArray(updates) ? updates : [updates]) {
      if (!isObject(u)) continue;
      const body = str(u.articleBody);
      if (body && body.trim()) liveUpdates.push({ headline: clean(str(u.headline)), body: decodeEntities(body).trim() });
    }
  }

  const bodyRaw = article ? str(article.articleBody) : null;
  const free = article?.isAccessibleForFree;
  const isPaywalled = free === false || free === 'False' || free === 'false' || (isObject(article?.hasPart) && (article.hasPart as JsonObject).isAccessibleForFree === false);

  return {
    title,
    byline: byline ? byline.slice(0, 300) : null,
    published,
    lang,
    siteName,
    image,
    description,
    canonicalUrl: canonical,
    articleBody: bodyRaw ? decodeEntities(bodyRaw).trim() || null : null,
    isPaywalled,
    isLiveBlog,
    liveUpdates,
  };
}
