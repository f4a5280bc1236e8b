/**
 * OPML 1.0/2.0 subscription lists, the format every feed reader imports and exports.
 * Folders are nested <outline> elements without xmlUrl (their text is the folder name);
 * nested folders are joined with "/". Parsing never throws: a file that is not OPML gives
 * `{ ok: false, error }`, and an outline without a usable http(s) xmlUrl is skipped and
 * counted.
 */
import { parseHTML } from 'linkedom';
import { decodeHTML } from 'entities';

export interface OpmlOutlet {
  name: string;
  feedUrl: string;
  siteUrl: string | null;
  folder: string | null;
  /** 'page' when the outline says type="page" (an outlet followed as a web page). */
  kind: 'feed' | 'page';
}

export type OpmlParseResult = { ok: true; title: string | null; outlets: OpmlOutlet[]; skipped: number } | { ok: false; error: string };

function httpUrl(v: string | null): string | null {
  if (!v) return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function parseOpml(text: string): OpmlParseResult {
  if (!/<opml[\s>]/i.test(text)) return { ok: false, error: 'not OPML: no <opml> element' };
  // linkedom's XML mode keeps attribute case (xmlUrl, htmlUrl) and never fetches anything.
  const { document } = parseHTML('<html></html>');
  let doc: Document;
  try {
    doc = new (document.defaultView as any).DOMParser().parseFromString(text.replace(/<!DOCTYPE[^>]*>/i, ''), 'text/xml');
  } catch (err) {
    return { ok: false, error: `not OPML: ${(err as Error).message}` };
  }
  const body = doc.querySelector('body');
  if (!body) return { ok: false, error: 'not OPML: no <body>' };
  const outlets: OpmlOutlet[] = [];
  let skipped = 0;
  // linkedom's XML parser leaves character references in attribute values as written.
  const attr = (el: Element, name: string) => {
    const v = el.getAttribute(name) ?? el.getAttribute(name.toLowerCase());
    return v === null ? null : decodeHTML(v);
  };
  const walk = (parent: Element, path: string[]) => {
    for (const el of [...parent.children]) {
      if (el.tagName.toLowerCase() !== 'outline') continue;
      const label = (attr(el, 'title') || attr(el, 'text') || '').trim();
      const rawXml = attr(el, 'xmlUrl');
      if (rawXml !== null) {
        const feedUrl = httpUrl(rawXml);
        if (!feedUrl) {
          skipped++;
          continue;
        }
        outlets.push({
          name: label || new URL(feedUrl).hostname,
          feedUrl,
          siteUrl: httpUrl(attr(el, 'htmlUrl')),
          folder: path.length ? path.join('/') : null,
          kind: (attr(el, 'type') ?? '').toLowerCase() === 'page' ? 'page' : 'feed',
        });
      } else if (el.children.length) {
        walk(el, label ? [...path, label] : path);
      }
    }
  };
  walk(body, []);
  const title = doc.querySelector('head > title')?.textContent?.trim() || null;
  return { ok: true, title, outlets, skipped };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** OPML 2.0 with one outline per folder (first-level; "a/b" nests) and one per outlet. */
export function serializeOpml(outlets: OpmlOutlet[], opts: { title?: string; now?: Date } = {}): string {
  interface Node {
    children: Map<string, Node>;
    outlets: OpmlOutlet[];
  }
  const root: Node = { children: new Map(), outlets: [] };
  for (const o of outlets) {
    let node = root;
    for (const part of (o.folder ?? '').split('/').filter(Boolean)) {
      if (!node.children.has(part)) node.children.set(part, { children: new Map(), outlets: [] });
      node = node.children.get(part)!;
    }
    node.outlets.push(o);
  }
  const lines: string[] = [];
  const emit = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    for (const [name, child] of node.children) {
      lines.push(`${pad}<outline text="${esc(name)}" title="${esc(name)}">`);
      emit(child, depth + 1);
      lines.push(`${pad}</outline>`);
    }
    for (const o of node.outlets) {
      const site = o.siteUrl ? ` htmlUrl="${esc(o.siteUrl)}"` : '';
      lines.push(`${pad}<outline type="${o.kind === 'page' ? 'page' : 'rss'}" text="${esc(o.name)}" title="${esc(o.name)}" xmlUrl="${esc(o.feedUrl)}"${site}/>`);
    }
  };
  emit(root, 2);
  const date = (opts.now ?? new Date()).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${esc(opts.title ?? 'Tidings subscriptions')}</title>\n    <dateCreated>${date}</dateCreated>\n  </head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
