/**
 * Generic cleanup of news pages around Readability. Readability scores blocks of text
 * well but keeps what sits inside the article container: share bars, bylines, photo
 * credits, "related" link boxes, tag lists, newsletter prompts, author bios. We remove
 * those twice: by markup before Readability (class/id/role/tag names, so its scoring is
 * not swayed by them), and by text and link density after it (for what has no telling
 * markup, or whose classes Readability's own cleanup left behind).
 *
 * Every removal by markup is guarded by size: an element that holds a large share of
 * the page's text is a wrapper of the article (class="article js-share-target"), not
 * noise, and is left alone.
 */

/** Noise that is never the article: removed unless it holds most of the page text. */
const STRONG_NOISE = new RegExp(
  '(?:^|[-_])(?:' +
    [
      'cookies?', 'consent', 'gdpr', 'onetrust', 'didomi', 'cmp', 'cookiebanner', 'cc-banner', 'privacy-banner',
      'share', 'shares', 'sharing', 'sharebar', 'social', 'socials', 'addthis', 'sharethis', 'shareaholic', 'sociable',
      'newsletters?', 'subscribe', 'subscription', 'signup', 'optin', 'inline-signup',
      'related', 'recommended', 'recommendations?', 'recirc', 'recirculation', 'more-stories', 'morestories', 'read-more',
      'readmore', 'also-read', 'see-also', 'more-from', 'more-on', 'outbrain', 'taboola', 'trending', 'most-popular',
      'mostpopular', 'most-read', 'mostread', 'popular', 'promo', 'promos',
      'breadcrumbs?', 'pagination', 'pager', 'nav', 'navbar', 'navigation', 'menu', 'masthead', 'site-header',
      'site-footer', 'footer', 'comments?', 'comment-list', 'disqus', 'respond', 'sidebar', 'rail', 'right-rail',
      'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'ad-slot', 'ad-unit',
      'ad-container', 'ad-wrapper', 'dfp', 'gpt', 'sponsored', 'sponsor', 'modal', 'overlay', 'popup', 'skip-link',
      'login', 'signin', 'paywall-prompt', 'piano', 'tp-container', 'print-only', 'sr-only', 'visually-hidden',
      'screen-reader-text', 'offscreen', 'off-screen',
    ].join('|') +
    ')(?:$|[-_])',
  'i',
);

/** Words unambiguous enough to match inside run-together ids ("makehomepagedialog"). */
const STRONG_INFIX = /dialog|modal|popup|cookie|consent|newsletter|taboola|outbrain|breadcrumb/i;

/** Noise that is small when it is noise (byline, date, credit, tags, bio). */
const WEAK_NOISE = new RegExp(
  '(?:^|[-_])(?:' +
    [
      'byline', 'bylines', 'author', 'authors', 'author-bio', 'authorbio', 'author-box', 'about-author', 'bio', 'contributor',
      'dateline-date', 'date', 'dates', 'timestamp', 'time', 'published', 'updated', 'pubdate', 'meta', 'post-meta',
      'entry-meta', 'article-meta', 'credit', 'credits', 'copyright', 'caption', 'tags', 'tag-list', 'taglist', 'tag',
      'topics', 'topic-list', 'keywords', 'categories', 'category', 'widget', 'banner', 'print', 'toolbar', 'tools',
      'actions', 'utility', 'follow', 'kicker', 'eyebrow', 'label', 'badge', 'rating', 'reading-time', 'readtime',
    ].join('|') +
    ')(?:$|[-_])',
  'i',
);

const NOISE_ROLES = /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar|tablist)$/i;
const CONTENT_HINT = /(?:^|[-_])(?:article-?body|story-?body|post-?body|entry-?content|article-?content|story-?content|post-?content|main-?content|body-?text|articletext|storytext|rich-?text|paragraph)(?:$|[-_])/i;

function tokensOf(el: Element): string[] {
  const out: string[] = [];
  const cls = el.getAttribute('class');
  if (cls) out.push(...cls.split(/\s+/));
  const id = el.getAttribute('id');
  if (id) out.push(id);
  const testid = el.getAttribute('data-testid') ?? el.getAttribute('data-component');
  if (testid) out.push(testid);
  return out.filter(Boolean).map((t) => t.replace(/([a-z])([A-Z])/g, '$1-$2'));
}

export function textLength(el: Element | null): number {
  if (!el) return 0;
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

export function linkDensity(el: Element): number {
  const total = textLength(el);
  if (!total) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += textLength(a);
  return Math.min(1, linked / total);
}

function isHiddenByStyle(el: Element): boolean {
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

type NoiseKind = 'strong' | 'weak' | null;

function noiseKind(el: Element): NoiseKind {
  const tag = el.localName;
  if (tag === 'nav' || tag === 'footer' || tag === 'aside' || tag === 'dialog') return 'strong';
  const role = el.getAttribute('role');
  if (role && NOISE_ROLES.test(role)) return 'strong';
  const tokens = tokensOf(el);
  if (!tokens.length) {
    const label = el.getAttribute('aria-label');
    if (label && /\b(?:share|cookie|newsletter|related|advert)/i.test(label)) return 'strong';
    return null;
  }
  if (tokens.some((t) => CONTENT_HINT.test(t))) return null;
  if (tokens.some((t) => STRONG_NOISE.test(t) || STRONG_INFIX.test(t))) return 'strong';
  if (tokens.some((t) => WEAK_NOISE.test(t))) return 'weak';
  return null;
}

/** Elements removed with their content before anything else. */
const ALWAYS_DROP = 'script:not([type="application/ld+json"]), style, link, template, svg, math, canvas, button, select, textarea, input, object, embed, iframe:not([src*="youtube"]):not([src*="vimeo"]), amp-ad, amp-analytics, amp-pixel, amp-sidebar, amp-consent, amp-social-share, amp-sticky-ad, amp-list, amp-access, amp-user-notification, amp-geo';

/** Turns AMP components into the plain elements Readability and the sanitizer know. */
function convertAmp(document: Document): void {
  for (const el of document.querySelectorAll('amp-img, amp-anim')) {
    const img = document.createElement('img');
    for (const a of ['src', 'srcset', 'alt', 'width', 'height', 'title']) {
      const v = el.getAttribute(a);
      if (v !== null) img.setAttribute(a, v);
    }
    el.replaceWith(img);
  }
  for (const el of document.querySelectorAll('amp-youtube')) {
    const id = el.getAttribute('data-videoid');
    if (!id) {
      el.remove();
      continue;
    }
    const f = document.createElement('iframe');
    f.setAttribute('src', `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}`);
    el.replaceWith(f);
  }
  for (const el of document.querySelectorAll('amp-iframe, amp-video, amp-audio, amp-img noscript')) el.remove();
}

/** Replaces lazy placeholders with the real image found in a sibling <noscript>. */
function rescueNoscriptImages(document: Document): void {
  for (const ns of document.querySelectorAll('noscript')) {
    const html = ns.innerHTML;
    if (!/<img\b/i.test(html)) {
      ns.remove();
      continue;
    }
    const holder = document.createElement('div');
    holder.innerHTML = html;
    const img = holder.querySelector('img');
    const prev = ns.previousElementSibling;
    if (img && prev && prev.localName === 'img') prev.replaceWith(img);
    else if (img) ns.replaceWith(img);
    ns.remove();
  }
}

/**
 * Cleans the document in place before Readability. `bodyTextLength` measures what
 * "most of the page" means for the size guard.
 */
export function preClean(document: Document): void {
  const body = document.body;
  if (!body) return;
  convertAmp(document);
  rescueNoscriptImages(document);
  for (const el of body.querySelectorAll(ALWAYS_DROP)) el.remove();
  for (const el of body.querySelectorAll('[hidden], [aria-hidden="true"], [style]')) {
    if (el.localName === 'img' || el.localName === 'iframe') continue;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || isHiddenByStyle(el)) {
      // aria-hidden marks decoration (icons, duplicate labels); large aria-hidden blocks
      // are sometimes the visible article on badly built pages, so keep those.
      if (!el.hasAttribute('hidden') && !isHiddenByStyle(el) && textLength(el) > 500) continue;
      el.remove();
    }
  }
  // Forms around a whole page (ASP.NET) are unwrapped by the sanitizer; small forms are
  // search boxes and sign-up prompts.
  for (const f of body.querySelectorAll('form')) if (textLength(f) < 400) f.remove();
  removeNoiseByMarkup(body);
}

/** Removes elements whose markup says they are noise, under the size guard. */
export function removeNoiseByMarkup(root: Element): void {
  const total = Math.max(1, textLength(root));
  const candidates: { el: Element; kind: Exclude<NoiseKind, null> }[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'body' || el.localName === 'html' || el.localName === 'article' || el.localName === 'main') {
      continue;
    }
    const kind = noiseKind(el);
    if (kind) candidates.push({ el, kind });
  }
  const isStandalone = makeStandaloneCheck();
  for (const { el, kind } of candidates) {
    if (!el.parentNode) continue; // already gone with an ancestor
    if (!root.contains(el)) continue;
    // Links and emphasis inside sentences are words of the article whatever their class
    // ("auto-linked-tag", "keywords").
    if (INLINE.has(el.localName) && !isStandalone(el)) continue;
    const len = textLength(el);
    if (kind === 'strong') {
      if (len < 0.35 * total || (len < 0.6 * total && linkDensity(el) > 0.5)) el.remove();
    } else if (len < 250 || (len < 0.2 * total && linkDensity(el) > 0.5)) {
      // Headings carry the weak classes "label"/"kicker" only when they are labels.
      el.remove();
    }
  }
}

const SHORT_NOISE_TEXT = [
  /^(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|реклама|广告|sponsored(?: content)?|ad|paid content|partner content)$/i,
  /^(?:story|article|text) continues below(?: (?:this )?(?:advertisement|ad))?$/i,
  /^(?:continue reading(?: the main story| below)?|scroll (?:down )?to continue(?: with content)?|skip (?:to|past) [\w ]+)$/i,
  /^(?:read more|read more:.*|read next|related|related:.*|related (?:articles?|stories|content|coverage|links|topics|news|posts|reading)|more (?:on|from|about|in) .{1,60}|see also|also read|read also|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leia (?:mais|também)|lea también|recommended(?: for you)?|you (?:might|may) (?:also )?(?:like|be interested in).*|most (?:read|popular|viewed|shared)|trending(?: now)?|top stories|editors'? picks?|don't miss)\s*:?$/i,
  /^(?:share|share this(?: article| story| page| post)?|share on \w+|share via \w+|tweet|email|print|comments?|\d+ comments?|view comments|show comments|leave a comment|follow us(?: on .{1,40})?|follow [\w .]{1,40} on (?:twitter|facebook|instagram|x)|like us on facebook|sign up(?: for .{1,60})?|subscribe(?: .{1,60})?|get (?:our|the) .{0,40}newsletter.{0,40}|copy link|link copied|save|saved|listen(?: to this article)?|\d+ min(?:ute)?s? read|reading time:? .{1,20})\.?$/i,
  /^(?:image|photo|picture|video|media) (?:copyright|caption|source).*$/i,
  // "Credit: Jane Doe/Reuters", but not a sentence that happens to start so ("Credit: Ratings
  // agencies placed the bank on review."): six or more words ending in a full stop are prose.
  /^(?:(?:photo|image|picture|foto|bild|credit|source|illustration|graphic|video)s?(?: credit)?\s*[:©|]|©|\(c\) )(?!\s*(?:\S+\s+){5,}\S*[.!?]["”’]?$).{0,120}$/i,
  /^\(?(?:getty images?|ap photo|associated press|reuters|afp|epa|shutterstock|istock(?:photo)?|alamy|pa(?: media| wire)?|bloomberg|dpa|xinhua)(?:\/.{0,40})?\)?$/i,
  /^(?:published|updated|posted|last (?:updated|modified)|first published|mis à jour|publié|veröffentlicht|aktualisiert)\b.{0,60}$/i,
  // Agency credit lines: "JIM WATSON/AFP/Getty Images", "Photo: Reuters".
  /^[^.!?]{0,60}\/\s*(?:getty images?|afp|reuters|ap|epa|shutterstock|istock|alamy|bloomberg|dpa|xinhua|pa)(?:\s*\/\s*[^.!?]{0,30})?$/i,
  /^(?:gallery|photos?|slideshow|video|watch|listen)\s*[:|].{0,100}$/i,
  /^powered by\s.{1,40}$/i,
  /^(?:精彩视频推荐|相关阅读|相关新闻|相关文章|推荐阅读|延伸阅读|热门推荐|更多精彩)\s*[:：]?$/,
  /^[[【(（]?.{0,60}(?:未经授权|不得转载|版权所有|版权声明).{0,60}$/,
  // Chinese portals: caption, original title, editor, author and producer credits.
  /^[[【(（]?\s*(?:图注|图片来源|图片|原标题|责任编辑|编辑|作者|来源|出品|摄影|记者)\s*[:：︱|丨].{0,80}$/,
];

const MONTHS = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_ONLY = new RegExp(
  `^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(?:${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})(?:,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[a-z]{2,5})?)?(?:\\s*(?:updated|\\|).*)?$`,
  'i',
);

const DATE_ANY = new RegExp(
  `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(?:${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})(?:,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?)?`,
  'gi',
);

/** True for a short line whose text alone marks it as page furniture, not prose. */
export function isNoiseText(text: string, byline: string | null): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return false;
  if (t.length > 160) return false;
  if (SHORT_NOISE_TEXT.some((re) => re.test(t))) return true;
  // Nothing but numbers and symbols ("$610.00", "0", "|"): widget residue, not prose.
  if (!/\p{L}/u.test(t)) return true;
  if (DATE_ONLY.test(t)) return true;
  // CJK datelines: "TNW中文站2016年10月14日07:17", "10月14日报道".
  const cjkRest = t.replace(/(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?/g, '');
  if (cjkRest !== t && cjkRest.replace(/\s/g, '').length <= 10) return true;
  // Several dates and labels only ("22 Dec, 2016 22 Dec, 2016", "Published 3 May | Updated 4 May").
  const rest = t.replace(DATE_ANY, ' ').replace(/\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t)\b/gi, ' ');
  if (rest !== t && !/\p{L}{2,}/u.test(rest)) return true;
  // "By Jane Doe", "By Jane Doe and John Roe, CNN", with no sentence after it.
  if (t.length < 100 && /^(?:by|von|par|por|di|door|af|av|przez|автор)\s+\p{Lu}/u.test(t.replace(/^\p{Lu}/u, (c) => c.toLowerCase())) && !/[.!?]\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u.test(t)) return true;
  if (byline) {
    const b = byline.replace(/\s+/g, ' ').trim().toLowerCase();
    const low = t.toLowerCase().replace(/^(?:by|von|par|por)\s+/, '');
    if (b.length > 3 && (low === b || (low.startsWith(b) && t.length < b.length + 60 && !/[.!?]["”’]?$/.test(t)))) return true;
  }
  return false;
}

const BLOCKS = 'p, div, li, h1, h2, h3, h4, h5, h6, span, strong, b, em, small, figcaption, section, header, footer, aside, ul, ol, dl, table, blockquote, time, address, a';

const BIO = /^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s+(?:is|was|has been|es|est|ist)\s+(?:an?|the|un|una|une|ein|eine)?\s*(?:[\p{L}-]+\s+){0,6}(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|author|producer|freelancer|staff writer|political editor|analyst|professor|fellow|periodista|journaliste|journalist|redakteur)\b/iu;

const INLINE = new Set(['span', 'strong', 'b', 'em', 'small', 'time', 'a']);

/** An inline element that is not part of running text (no words beside it in its parent). */
/**
 * Whether an inline element stands alone in its parent (no running text beside it), so
 * that text rules may judge it as a block. What a parent holds is read once per parent:
 * checking every inline against all its siblings is quadratic on pages with thousands of
 * them (see test/hostile/html.test.ts, 25,000 spans).
 */
type SiblingInfo = { hasText: boolean; speaking: Element[] };
function makeStandaloneCheck(): (el: Element) => boolean {
  const byParent = new Map<Element, SiblingInfo>();
  return (el) => {
    const parent = el.parentElement;
    if (!parent) return true;
    let info = byParent.get(parent);
    if (!info) {
      info = { hasText: false, speaking: [] };
      for (const n of parent.childNodes) {
        if (n.nodeType === 3 && (n.textContent ?? '').trim()) info.hasText = true;
        // A sibling that is itself furniture (the second of two <time>s) is not running text.
        else if (n.nodeType === 1 && INLINE.has((n as Element).localName) && textLength(n as Element) > 0 && !isNoiseText(n.textContent ?? '', null)) info.speaking.push(n as Element);
        if (info.hasText || info.speaking.length > 1) break;
      }
      byParent.set(parent, info);
    }
    return !info.hasText && info.speaking.every((s) => s === el);
  };
}

function hasBlockChild(el: Element): boolean {
  for (const c of el.children) if (/^(?:p|div|ul|ol|table|section|blockquote|h[1-6]|figure)$/.test(c.localName)) return true;
  return false;
}

/** Whether the element sits (almost) alone at the start or end of the content. */
function isLinkList(el: Element): boolean {
  const items = el.querySelectorAll('li');
  if (items.length < 2) return false;
  let linked = 0;
  for (const li of items) if (linkDensity(li) > 0.6) linked++;
  return linked / items.length >= 0.7;
}

/**
 * Cleans Readability's output in place. `title` and `byline` are the page metadata,
 * used to drop their duplicates from the body.
 */
export function postClean(root: Element, { title, byline }: { title: string | null; byline: string | null }): void {
  removeNoiseByMarkup(root);
  // Embedded social posts and quote widgets carry handles, dates and "pic.twitter.com" text.
  for (const el of root.querySelectorAll('blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed, .fb-post, .twitter-tweet')) el.remove();

  // Text rules on leaves (blocks without block children).
  const isStandalone = makeStandaloneCheck();
  for (const el of [...root.querySelectorAll(BLOCKS)]) {
    if (!el.parentNode || !root.contains(el)) continue;
    if (hasBlockChild(el)) continue;
    if (INLINE.has(el.localName) && !isStandalone(el)) continue;
    const text = el.textContent ?? '';
    if (isNoiseText(text, byline)) {
      const heading = /^h[1-6]$/.test(el.localName);
      const next = el.nextElementSibling;
      el.remove();
      // A "Related"/"Read more" heading takes the link list that follows it.
      if (heading && next && (next.localName === 'ul' || next.localName === 'ol') && isLinkList(next)) next.remove();
    }
  }

  // Caption lists: some layouts put an image's caption in a short list right after the
  // <figure> (see readability-test-pages/guardian-1).
  for (const fig of [...root.querySelectorAll('figure')]) {
    const next = fig.nextElementSibling;
    if (next && (next.localName === 'ul' || next.localName === 'ol') && next.children.length <= 3 && textLength(next) < 600 && !next.querySelector('a')) next.remove();
  }

  // An author bio closing the article: "Jane Doe is a reporter for X. Follow her on Twitter".
  const blocks = [...root.querySelectorAll('p, div')].filter((el) => !hasBlockChild(el) && textLength(el) > 0);
  for (const el of blocks.slice(-2)) {
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length < 400 && BIO.test(t)) el.remove();
  }

  // Paragraphs that are nothing but a link ("Read more: headline", inline teasers).
  for (const el of [...root.querySelectorAll('p, li, h2, h3, h4, h5, h6, div')]) {
    if (!el.parentNode || !root.contains(el) || hasBlockChild(el)) continue;
    const len = textLength(el);
    if (len > 0 && len < 200 && linkDensity(el) > 0.9 && el.querySelectorAll('a').length >= 1) {
      // A list item that is a link inside a list of prose items stays (it is content).
      if (el.localName === 'li' && el.parentElement && !isLinkList(el.parentElement)) continue;
      el.remove();
    }
  }

  // Link lists (related stories, tag lists).
  for (const list of [...root.querySelectorAll('ul, ol')]) {
    if (list.parentNode && root.contains(list) && isLinkList(list)) list.remove();
  }

  // A heading that repeats the title.
  if (title) {
    const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const t = norm(title);
    for (const h of root.querySelectorAll('h1, h2')) {
      const ht = norm(h.textContent ?? '');
      if (ht && (ht === t || (t.startsWith(ht) && ht.length > 20))) h.remove();
    }
  }

  // Blocks left empty (no text, no image, no embed).
  for (const el of [...root.querySelectorAll('p, div, span, li, ul, ol, section, figure, h2, h3, h4, h5, h6, blockquote')].reverse()) {
    if (!el.parentNode) continue;
    if (textLength(el) === 0 && !el.querySelector('img, iframe, video, picture, table')) el.remove();
  }
}
