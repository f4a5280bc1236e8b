/**
 * Hostile inputs shared by the hostile tests and the fuzzers: XSS vectors, entity bombs,
 * and builders for feeds and pages that carry them. Generated in code, so no fixture file
 * holds a live payload and sizes can be chosen per test.
 */

/** A legitimate paragraph that must survive sanitizing and extraction next to the payloads. */
export const LEGIT = 'The harbour authority said on Tuesday that the new pier would open in spring after two years of repairs.';
export const LEGIT2 = 'Engineers replaced the wooden deck, and the port will add new lights and benches for visitors before the summer season.';

/** Every XSS vector we know, by name. Each is a fragment of a page body. */
export const XSS_VECTORS: Record<string, string> = {
  script: `<script>alert(1)</script>`,
  scriptUpper: `<SCRIPT SRC=//x.example/x.js></SCRIPT>`,
  scriptSplit: `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  scriptNul: `<scr\u0000ipt>alert(1)</scr\u0000ipt>`,
  imgOnerror: `<img src=x onerror=alert(1)>`,
  imgOnerrorUpper: `<IMG SRC="x.png" ONERROR="alert(1)">`,
  imgOnerrorEncodedName: `<img src=x o&#110;error=alert(1)>`,
  imgOnerrorNul: `<img src=x on\u0000error=alert(1)>`,
  imgSlashes: `<img/src=x/onerror=alert(1)>`,
  bodyOnload: `<body onload=alert(1)>`,
  divOnmouseover: `<div onmouseover="alert(1)">hover</div>`,
  detailsOntoggle: `<details open ontoggle=alert(1)>x</details>`,
  marqueeOnstart: `<marquee onstart=alert(1)>x</marquee>`,
  keygenOnfocus: `<keygen autofocus onfocus=alert(1)>`,
  framesetOnload: `<frameset onload=alert(1)>`,
  videoSourceOnerror: `<video><source onerror="alert(1)"></video>`,
  audioOnerror: `<audio src=x onerror=alert(1)>`,
  inputImage: `<input type=image src=x onerror=alert(1)>`,
  isindex: `<isindex type=image src=1 onerror=alert(1)>`,
  jsHref: `<a href="javascript:alert(1)">click</a>`,
  jsHrefUnquoted: `<a href=javascript:alert(1)>click</a>`,
  jsHrefUpper: `<a href="JaVaScRiPt:alert(1)">click</a>`,
  jsHrefDecimalEntities: `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>`,
  jsHrefHexEntities: `<a href="&#x6A;avascript&#x3A;alert(1)">click</a>`,
  jsHrefPaddedEntities: `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">click</a>`,
  jsHrefTabEntity: `<a href="jav&#x09;ascript:alert(1)">click</a>`,
  jsHrefNewlineEntity: `<a href="jav&#x0A;ascript:alert(1)">click</a>`,
  jsHrefRawNewline: `<a href="jav\nascript:alert(1)">click</a>`,
  jsHrefLeadingControls: `<a href=" \u0001\u0014javascript:alert(1)">click</a>`,
  jsHrefColonEntity: `<a href="javascript&colon;alert(1)">click</a>`,
  vbscript: `<a href="vbscript:msgbox(1)">click</a>`,
  livescript: `<a href="livescript:alert(1)">click</a>`,
  dataTextHtml: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`,
  dataTextHtmlImg: `<img src="data:text/html,<script>alert(1)</script>">`,
  dataSvgImg: `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  srcsetJs: `<img src="https://img.example/a.jpg" srcset="javascript:alert(1) 1x, https://img.example/b.jpg 2x">`,
  lazySrcJs: `<img src="data:," data-src="javascript:alert(1)">`,
  blockquoteCite: `<blockquote cite="javascript:alert(1)">q</blockquote>`,
  qCite: `<q cite="  javascript:alert(1)">x</q>`,
  xlinkHref: `<a xlink:href="javascript:alert(1)">x</a>`,
  mailtoTrick: `<a href="mailto:javascript:alert(1)">x</a>`,
  svgOnload: `<svg onload=alert(1)><circle r=1 /></svg>`,
  svgScript: `<svg><script>alert(1)</script></svg>`,
  svgAnimate: `<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>`,
  svgForeignObject: `<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>`,
  svgUse: `<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48ZW1iZWQgc3JjPSdqYXZhc2NyaXB0OmFsZXJ0KDEpJy8+PC9zdmc+#x"/></svg>`,
  svgStyle: `<svg><style>*{background:url(javascript:alert(1))}</style></svg>`,
  mathMglyph: `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
  mathHref: `<math href="javascript:alert(1)">CLICK</math>`,
  iframeSrcdoc: `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  iframeJs: `<iframe src="javascript:alert(1)"></iframe>`,
  iframeAllowedHostWithHandlers: `<iframe src="https://www.youtube-nocookie.com/embed/x" onload="alert(1)" srcdoc="<script>alert(1)</script>"></iframe>`,
  objectJs: `<object data="javascript:alert(1)"></object>`,
  objectFlash: `<object type="application/x-shockwave-flash" data="x.swf"><param name="allowScriptAccess" value="always"></object>`,
  embedJs: `<embed src="javascript:alert(1)">`,
  baseHref: `<base href="javascript:alert(1)//">`,
  metaRefresh: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  linkStylesheet: `<link rel=stylesheet href="javascript:alert(1)">`,
  formAction: `<form action="javascript:alert(1)"><input type=submit></form>`,
  buttonFormaction: `<button formaction="javascript:alert(1)">x</button>`,
  styleExpression: `<div style="width: expression(alert(1))">x</div>`,
  styleUrlJs: `<div style="background:url(javascript:alert(1))">x</div>`,
  styleImport: `<style>@import 'http://evil.example/x.css';</style>`,
  styleTag: `<style>body{background:url("javascript:alert(1)")}</style>`,
  templateTag: `<template><img src=x onerror=alert(1)></template>`,
  noscriptMxss: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
  commentTrick: `<!--><img src=x onerror=alert(1)>-->`,
  commentBangTrick: `<!-- --!><img src=x onerror=alert(1)>-->`,
  cdataTrick: `<![CDATA[><img src=x onerror=alert(1)>]]>`,
  textareaTrick: `<textarea></textarea><img src=x onerror=alert(1)></textarea>`,
  titleTrick: `<title><img src=x onerror=alert(1)></title>`,
  xmpTrick: `<xmp><img src=x onerror=alert(1)></xmp>`,
  selectStyleTrick: `<select><style></select><img src=x onerror=alert(1)></style></select>`,
  formMathMxss: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`,
  attrBreakout: `<a title='"><script>alert(1)</script>' href="https://ok.example/">x</a>`,
  classIdDataStyle: `<div data-foo="x" class="evil" id="x" style="color:red">x</div>`,
  hugeDataImage: `<img src="data:image/png;base64,${'A'.repeat(300_000)}">`,
  proseThatLooksLikeAttack: `<p>Typing javascript:alert(1) or onload=alert(1) into a form is what the attackers tried.</p>`,
};

/** A news page carrying `payload` between two legitimate paragraphs. */
export function pageWith(payload: string): string {
  return `<!doctype html><html><head><title>Pier to reopen in spring</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>Pier to reopen in spring</h1>
<p>${LEGIT}</p>
${payload}
<p>${LEGIT2}</p>
<p>The council voted for the plan last year, and residents have asked for the pier to reopen ever since the storm closed it.</p>
</article><footer>© News</footer></body></html>`;
}

/** An RSS 2.0 document around `items` (already XML). */
export function rss(items: string, channelExtra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile feed</title><link>https://feed.example/</link>${channelExtra}${items}</channel></rss>`;
}

/** Builds `n` items with `make(i)` giving each item's inner XML. */
export function rssItems(n: number, make: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`<item>${make(i)}</item>`);
  return rss(parts.join(''));
}

export function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Classic billion laughs: 10 levels of 10 references each (10^9 "lol" when expanded). */
export function billionLaughs(): string {
  const defs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${defs.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs &lol9;</title><description>&lol9;</description><guid>laughs-1</guid></item><item><title>Plain item</title><guid>laughs-2</guid></item></channel></rss>`;
}

/** Quadratic blowup: one 50 KB entity referenced 50,000 times (2.5 GB when expanded). */
export function quadraticBlowup(): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "${'A'.repeat(50_000)}">]>\n<rss version="2.0"><channel><title>Quadratic</title><item><title>Q</title><description>${'&a;'.repeat(50_000)}</description><guid>q-1</guid></item></channel></rss>`;
}

/** External entities: a local file, a URL and parameter entities (XXE). */
export function externalEntities(origin = 'http://127.0.0.1:9'): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY web SYSTEM "${origin}/evil.xml">\n<!ENTITY % pe SYSTEM "file:///etc/hostname">\n<!ENTITY % remote SYSTEM "${origin}/evil.dtd">\n%pe;\n%remote;\n]>\n<rss version="2.0"><channel><title>XXE &xxe;</title><item><title>Item &xxe;</title><description>&web;</description><guid>xxe-1</guid></item></channel></rss>`;
}

/** The same bombs, placed after 70 KB of comment (past any "look at the head only" shortcut). */
export function lateDoctype(inner: 'laughs' | 'xxe', origin?: string): string {
  const doc = inner === 'laughs' ? billionLaughs() : externalEntities(origin);
  return doc.replace('<?xml version="1.0"?>\n', `<?xml version="1.0"?>\n<!-- ${'pad '.repeat(17_500)} -->\n`);
}

/** A public external DTD reference (SYSTEM identifier on the root DOCTYPE). */
export function externalDtd(origin = 'http://127.0.0.1:9'): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Evil//DTD//EN" "${origin}/evil.dtd">\n<rss version="2.0"><channel><title>DTD &passwd;</title><item><title>One</title><guid>dtd-1</guid></item></channel></rss>`;
}
