/**
 * The one place that turns untrusted HTML (article bodies, feed content) into HTML
 * that pages may render without escaping. Allowlist only: a tag, attribute or URL
 * scheme that is not named here does not survive.
 *
 * Contract of `sanitizeArticleHtml(html, baseUrl?)`:
 * - Never throws on any string input; returns '' for empty input.
 * - Keeps text structure (paragraphs, headings h2-h6, lists, quotes, figures, tables,
 *   inline emphasis, code) and drops everything active: script, style, iframe (except
 *   the video players in EMBED_HOSTS), object/embed, SVG/MathML, forms and their
 *   controls, event handler attributes, style/class/id attributes.
 * - Content of dropped active elements (script, style, svg, noscript, select, button, ...)
 *   is dropped with them; other unknown tags (span, font, form, label) are unwrapped
 *   and their text kept.
 * - URLs: links allow http, https, mailto; images allow http, https and raster
 *   `data:image/(png|jpeg|gif|webp|avif);base64` up to 256 KiB. Raster data images are
 *   safe to keep because an <img> never runs script and those formats carry none;
 *   `data:image/svg+xml` is refused since SVG can hold script and links. Every other
 *   scheme (javascript:, vbscript:, data:text/html, file:, ...) is removed.
 * - Relative URLs are resolved against `baseUrl` (when given and valid). Lazy-loading
 *   attributes (data-src, data-lazy-src, data-original, data-srcset) fill in a missing
 *   or placeholder `src`.
 * - Links get rel="noopener noreferrer nofollow"; images get loading="lazy" and
 *   referrerpolicy="no-referrer"; allowed iframes get a sandbox.
 * - Tracking pixels (width and height <= 2, or a known tracker host) are removed.
 * - Text that reads like an attack (`javascript:` or `onload=` written as prose) is
 *   entity-encoded (`&#58;`, `&#61;`) so it renders the same but the raw output never
 *   contains those strings; see sanitize.test.ts for the property test.
 */
import sanitizeHtml from 'sanitize-html';

/** HTML produced by `sanitizeArticleHtml`, safe to render unescaped. */
export type SafeHtml = string & { readonly __safeHtml: true };

const ALLOWED_TAGS = [
  'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'div',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'q', 'cite', 'figure', 'figcaption', 'img', 'iframe',
  'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'abbr', 'dfn',
  'code', 'pre', 'kbd', 'samp', 'var',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
  'br', 'hr', 'sup', 'sub', 'time', 'address', 'details', 'summary', 'wbr',
];

/**
 * Elements removed together with everything inside them. They are "allowed" to the
 * parser only so that `exclusiveFilter` sees them and cuts their whole subtree;
 * sanitize-html's own `nonTextTags` drops only the text directly inside a tag.
 * script/style/textarea/xmp stay out of this list: they are raw-text elements that
 * the parser never lets contain tags, and nonTextTags already drops their text.
 */
const DROP_WITH_CONTENT = [
  'svg', 'math', 'noscript', 'template', 'object', 'embed', 'applet', 'frame', 'frameset',
  'select', 'button', 'input', 'canvas', 'audio', 'video', 'map', 'head', 'title',
  'dialog', 'menu', 'nav',
];
const DROP_SET = new Set(DROP_WITH_CONTENT);

/** Video players whose iframes we keep (privacy-friendly hosts only). */
const EMBED_HOSTS = ['www.youtube-nocookie.com', 'youtube-nocookie.com', 'player.vimeo.com'];

/** Structural containers rendered as a plain div. */
const AS_DIV = new Set(['article', 'section', 'main', 'header', 'aside', 'center', 'hgroup']);

/**
 * Hosts that serve tracking pixels or beacons, matched on the host or any parent domain.
 */
const TRACKER_HOSTS = [
  'doubleclick.net', 'google-analytics.com', 'googletagmanager.com', 'googlesyndication.com',
  'scorecardresearch.com', 'quantserve.com', 'pixel.wp.com', 'stats.wp.com', 'feedsportal.com',
  'feedburner.com', 'pixel.facebook.com', 'facebook.com/tr', 'analytics.twitter.com',
  'bat.bing.com', 'mc.yandex.ru', 'counter.yadro.ru', 'top-fwz1.mail.ru', 'chartbeat.net',
  'chartbeat.com', 'parsely.com', 'pixel.parsely.com', 'amazon-adsystem.com', 'adnxs.com',
  'taboola.com', 'outbrain.com', 'moatads.com', 'krxd.net', 'tiqcdn.com', 'omtrdc.net',
  '2o7.net', 'imrworldwide.com', 'newrelic.com', 'nr-data.net', 'hotjar.com', 'mixpanel.com',
  'segment.io', 'segment.com', 'ml314.com', 'adsrvr.org', 'rubiconproject.com', 'criteo.com',
  'pubmatic.com', 'openx.net', 'bluekai.com', 'everesttech.net', 'demdex.net', 'quantcount.com',
  'gemius.pl', 'ioam.de', 'xiti.com', 'ati-host.net', 'piwik.pro', 'matomo.cloud', 'linksynergy.com',
  'pinimg.com/ct', 'ct.pinterest.com', 'px.ads.linkedin.com', 'sb.scorecardresearch.com',
];

const RASTER_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;
const MAX_DATA_URL_CHARS = 256 * 1024;
const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

function isTrackerUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const hostPath = host + url.pathname.toLowerCase();
  return TRACKER_HOSTS.some((t) =>
    t.includes('/') ? hostPath.startsWith(t) || hostPath.includes('.' + t) : host === t || host.endsWith('.' + t),
  );
}

/** Resolves `raw` against `base`; returns null for unparseable or disallowed schemes. */
function resolveUrl(raw: string, base: URL | null, schemes: readonly string[]): string | null {
  // Browsers ignore ASCII whitespace and control characters around and inside schemes
  // ("java\tscript:"), so strip them before deciding.
  const value = raw.replace(/[\u0000-\u0020\u007f-\u009f]+/g, (m, offset: number) => (offset === 0 ? '' : m)).trim();
  if (!value) return null;
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (compact.startsWith('data:')) {
    return schemes.includes('data') && RASTER_DATA_URL.test(value) && value.length <= MAX_DATA_URL_CHARS ? value : null;
  }
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    // No base and relative: keep a relative URL only if it has no scheme at all.
    if (!base && !/^[a-z][a-z0-9+.-]*:/i.test(compact) && !/[\u0000-\u001f]/.test(value)) return value;
    return null;
  }
  const scheme = url.protocol.slice(0, -1);
  if (!schemes.includes(scheme)) return null;
  return url.href;
}

function isPlaceholderSrc(src: string | undefined): boolean {
  if (!src) return true;
  const s = src.trim().toLowerCase();
  if (!s || s === '#' || s === 'about:blank') return true;
  // Lazy loaders put a tiny data: GIF/PNG or a "blank"/"placeholder" image in src.
  if (s.startsWith('data:') && s.length < 400) return true;
  return /(?:^|[/_.-])(?:blank|spacer|placeholder|pixel|transparent|grey|gray|lazy)[^/]*\.(?:gif|png|svg)(?:$|\?)/.test(s);
}

function resolveSrcset(srcset: string, base: URL | null): string | null {
  const out: string[] = [];
  // Candidates are "url [descriptor]" separated by commas; URLs may contain commas only
  // when they are data: URLs, which we refuse in srcset anyway.
  for (const part of srcset.split(/,(?=\s*\S)/)) {
    const [rawUrl, ...descriptor] = part.trim().split(/\s+/);
    if (!rawUrl) continue;
    if (rawUrl.toLowerCase().startsWith('data:')) continue;
    const url = resolveUrl(rawUrl, base, ['http', 'https']);
    if (!url) continue;
    const d = descriptor.join(' ');
    if (d && !/^\d+(?:\.\d+)?[wx]$/.test(d)) continue;
    out.push(d ? `${url} ${d}` : url);
  }
  return out.length ? out.join(', ') : null;
}

function dimension(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return /^\d{1,5}%?$/.test(t) ? t : undefined;
}

function defuseText(s: string): string {
  return s.replace(/((?:java|vb|live)script)(\s*):/gi, '$1$2&#58;').replace(/(\bon[a-z]+\s*)=/gi, '$1&#61;');
}

function defuseAttr(s: string): string {
  return s.replace(/((?:java|vb|live)script)\s*:/gi, '$1 ').replace(/(\bon[a-z]+)\s*=/gi, '$1 =');
}

type Attribs = Record<string, string>;
type Transformed = { tagName: string; attribs: Attribs };

function transformImg(attribs: Attribs, base: URL | null): Transformed {
  let src = attribs.src;
  if (isPlaceholderSrc(src)) {
    for (const a of LAZY_SRC_ATTRS) {
      if (attribs[a] && !isPlaceholderSrc(attribs[a])) {
        src = attribs[a];
        break;
      }
    }
  }
  let srcset = attribs.srcset;
  if (!srcset || isPlaceholderSrc(srcset)) {
    for (const a of LAZY_SRCSET_ATTRS) if (attribs[a]) srcset = attribs[a];
  }
  const resolvedSrcset = srcset ? resolveSrcset(srcset, base) : null;
  let resolvedSrc = src ? resolveUrl(src, base, ['http', 'https', 'data']) : null;
  if (resolvedSrc && resolvedSrc.startsWith('data:') && resolvedSrc.length < 400 && resolvedSrcset) resolvedSrc = null;
  if (!resolvedSrc && resolvedSrcset) resolvedSrc = resolvedSrcset.split(/\s/)[0] ?? null;
  if (!resolvedSrc) return { tagName: 'img', attribs: {} };

  const width = dimension(attribs.width);
  const height = dimension(attribs.height);
  const isTiny = (width !== undefined && Number(width) <= 2 && !width.endsWith('%')) &&
    (height !== undefined && Number(height) <= 2 && !height.endsWith('%'));
  let isTracker = false;
  if (!resolvedSrc.startsWith('data:')) {
    try {
      isTracker = isTrackerUrl(new URL(resolvedSrc, base ?? 'http://relative.invalid/'));
    } catch {
      isTracker = true;
    }
  }
  if (isTiny || isTracker) return { tagName: 'img', attribs: {} };

  const out: Attribs = { src: resolvedSrc };
  if (resolvedSrcset) out.srcset = resolvedSrcset;
  if (attribs.sizes && /^[\w\s(),.:%-]+$/.test(attribs.sizes)) out.sizes = attribs.sizes;
  if (attribs.alt !== undefined) out.alt = defuseAttr(attribs.alt);
  if (attribs.title) out.title = defuseAttr(attribs.title);
  if (width) out.width = width;
  if (height) out.height = height;
  out.loading = 'lazy';
  out.referrerpolicy = 'no-referrer';
  return { tagName: 'img', attribs: out };
}

function transformIframe(attribs: Attribs, base: URL | null): Transformed {
  const src = attribs.src ?? attribs['data-src'];
  const resolved = src ? resolveUrl(src, base, ['http', 'https']) : null;
  if (!resolved) return { tagName: 'iframe', attribs: {} };
  const url = new URL(resolved);
  // A youtube.com embed becomes the no-cookie player, same video.
  if (/^(?:www\.|m\.)?youtube\.com$/i.test(url.hostname) && url.pathname.startsWith('/embed/')) {
    url.hostname = 'www.youtube-nocookie.com';
  }
  url.protocol = 'https:';
  if (!EMBED_HOSTS.includes(url.hostname.toLowerCase())) return { tagName: 'iframe', attribs: {} };
  const out: Attribs = {
    src: url.href,
    sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups',
    allowfullscreen: '',
    loading: 'lazy',
    referrerpolicy: 'no-referrer',
  };
  const width = dimension(attribs.width);
  const height = dimension(attribs.height);
  if (width) out.width = width;
  if (height) out.height = height;
  if (attribs.title) out.title = defuseAttr(attribs.title);
  return { tagName: 'iframe', attribs: out };
}

function transformLink(attribs: Attribs, base: URL | null): Transformed {
  const out: Attribs = {};
  const href = attribs.href ? resolveUrl(attribs.href, base, ['http', 'https', 'mailto']) : null;
  if (href) {
    out.href = href;
    out.rel = 'noopener noreferrer nofollow';
  }
  if (attribs.title) out.title = defuseAttr(attribs.title);
  return { tagName: 'a', attribs: out };
}

function makeOptions(base: URL | null): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ALLOWED_TAGS, ...DROP_WITH_CONTENT],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'referrerpolicy'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen', 'sandbox', 'loading', 'referrerpolicy'],
      time: ['datetime'],
      td: ['colspan', 'rowspan', 'headers'],
      th: ['colspan', 'rowspan', 'headers', 'scope'],
      col: ['span'],
      colgroup: ['span'],
      ol: ['start', 'reversed', 'type'],
      li: ['value'],
      blockquote: ['cite'],
      q: ['cite'],
      del: ['cite', 'datetime'],
      ins: ['cite', 'datetime'],
      abbr: ['title'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeHostnames: EMBED_HOSTS,
    allowIframeRelativeUrls: false,
    parseStyleAttributes: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noembed', 'noframes', 'plaintext', 'title'],
    disallowedTagsMode: 'discard',
    transformTags: {
      '*': (tagName: string, attribs: Attribs): Transformed => {
        const tag = tagName.toLowerCase();
        switch (tag) {
          case 'img':
            return transformImg(attribs, base);
          case 'a':
            return transformLink(attribs, base);
          case 'iframe':
            return transformIframe(attribs, base);
          case 'h1':
            return { tagName: 'h2', attribs: pickGlobal(attribs) };
          case 'blockquote':
          case 'q':
          case 'del':
          case 'ins': {
            const out = pickGlobal(attribs);
            const cite = attribs.cite ? resolveUrl(attribs.cite, base, ['http', 'https']) : null;
            if (cite) out.cite = cite;
            for (const k of ['datetime']) if (attribs[k]) out[k] = attribs[k];
            return { tagName: tag, attribs: out };
          }
          case 'abbr':
            return { tagName: tag, attribs: { ...pickGlobal(attribs), ...(attribs.title ? { title: defuseAttr(attribs.title) } : {}) } };
          default:
            if (AS_DIV.has(tag)) return { tagName: 'div', attribs: pickGlobal(attribs) };
            return { tagName: tag, attribs };
        }
      },
    },
    exclusiveFilter: (frame) => {
      if (DROP_SET.has(frame.tag)) return true;
      if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
      // transformImg/transformIframe clear src to ask for removal (a renamed void
      // element would never see its closing tag).
      if ((frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src) return true;
      return false;
    },
  };
}

function pickGlobal(attribs: Attribs): Attribs {
  const out: Attribs = {};
  if (attribs.lang && /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(attribs.lang)) out.lang = attribs.lang;
  if (attribs.dir && /^(?:ltr|rtl|auto)$/i.test(attribs.dir)) out.dir = attribs.dir.toLowerCase();
  return out;
}

function parseBase(baseUrl: string | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    const u = new URL(baseUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * Sanitizes untrusted HTML for rendering (see the module comment for the full contract).
 * Never throws; non-string input is treated as empty.
 */
export function sanitizeArticleHtml(html: string, baseUrl?: string): SafeHtml {
  if (typeof html !== 'string' || html.length === 0) return '' as SafeHtml;
  const base = parseBase(baseUrl);
  // Control characters are not text (also those written "&#1;", which the parser decodes),
  // and PostgreSQL cannot store a NUL.
  const out = sanitizeHtml(html, makeOptions(base)).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  // Defuse prose on the whole output rather than in sanitize-html's textFilter: the
  // parser splits text at entities, so "javascript&#58;" would reach a filter in pieces.
  // sanitize-html escapes < and > inside text and attribute values, so every "<...>"
  // here is a tag we emitted.
  const defused = out.replace(/([^<]+)|(<[^>]*>)/g, (m, text: string | undefined) => (text ? defuseText(text) : m));
  // Collapse runs of blank lines left where dropped blocks were.
  return defused.replace(/\n{3,}/g, '\n\n').trim() as SafeHtml;
}
