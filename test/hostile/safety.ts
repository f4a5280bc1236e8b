/**
 * What "safe HTML" means for the hostile tests and the fuzzers, checked two ways: on the
 * raw string (what a template would paste into a page) and on the DOM a browser-like
 * parser builds from it (linkedom), so that neither a regex blind spot nor a parser quirk
 * hides a live payload.
 */
import { parseHTML } from 'linkedom';

const URL_ATTRS = new Set(['href', 'src', 'cite', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'srcdoc', 'srcset', 'codebase', 'dynsrc', 'lowsrc']);
const ACTIVE_TAGS = new Set(['script', 'style', 'svg', 'math', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'input', 'button', 'textarea', 'select', 'template', 'noscript', 'frame', 'frameset', 'iframe-srcdoc', 'param', 'xmp', 'title', 'head', 'body', 'html']);

/** Compacts a URL the way browsers read its scheme (controls and whitespace ignored). */
function schemeOf(value: string): string {
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  return m ? m[1] : '';
}

function badUrl(name: string, value: string): string | null {
  const candidates = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
  for (const c of candidates) {
    const scheme = schemeOf(c);
    if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'livescript') return `${name}=${scheme}:`;
    if (scheme === 'data') {
      const compact = c.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (!(name === 'src' && /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,/.test(compact))) return `${name}=data URL (${compact.slice(0, 30)})`;
    }
  }
  return null;
}

/** Reasons why `html` is not safe to render; empty when it is. */
export function unsafeReasons(html: string): string[] {
  const reasons: string[] = [];
  if (/<script/i.test(html)) reasons.push('"<script" in output');
  if (/<style/i.test(html)) reasons.push('"<style" in output');
  // Attribute names only: quoted values ("a onload=x" as a relative URL) are not attributes.
  const names = (html.match(/<[^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"|'[^']*'/g, '""'));
  if (names.some((t) => /[\s/]on[a-z]+\s*=/i.test(t))) reasons.push('on*= attribute in a tag');
  if (names.some((t) => /[\s/]style\s*=/i.test(t))) reasons.push('style= attribute in a tag');
  // Text may mention "javascript:" only defused (the sanitizer writes "javascript&#58;").
  if (/(?:java|vb|live)script\s*:/i.test(html.replace(/<[^>]*>/g, ' '))) reasons.push('javascript:/vbscript: text in output');
  const tags = html.match(/<[^>]*>/g) ?? [];
  if (tags.some((t) => /\b(?:href|src|action|formaction|data|cite)\s*=\s*["']?\s*data:text/i.test(t))) reasons.push('data:text URL');
  let document: Document;
  try {
    ({ document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`) as unknown as { document: Document });
  } catch (err) {
    reasons.push(`output does not parse: ${(err as Error).message}`);
    return reasons;
  }
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (ACTIVE_TAGS.has(tag)) reasons.push(`<${tag}> element`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) reasons.push(`${tag}[${name}] handler`);
      if (name === 'style') reasons.push(`${tag}[style]`);
      if (name === 'srcdoc') reasons.push(`${tag}[srcdoc]`);
      if (URL_ATTRS.has(name)) {
        const bad = badUrl(name, attr.value);
        if (bad) reasons.push(`${tag}[${bad}]`);
      }
    }
    if (tag === 'iframe' && !/^https:\/\/(?:www\.)?(?:youtube-nocookie\.com|player\.vimeo\.com)\//.test(el.getAttribute('src') ?? '')) reasons.push(`iframe to ${el.getAttribute('src')}`);
  }
  return reasons;
}

/** Plain text of an HTML fragment with whitespace collapsed (for "the legitimate text survived"). */
export function textOf(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: Document };
  return (document.body.textContent ?? '').replace(/\s+/g, ' ');
}
