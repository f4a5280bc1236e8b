/**
 * Turns the bytes of any feed (RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1)
 * into one `ParsedFeed`.
 *
 * `parseFeed(bytes, opts)` never throws and returns `{ ok: false, error }` for input that
 * is not a feed ("not a feed: looks like an HTML page"). On the way it:
 * - inflates gzip data and decodes bytes (decode.ts over charset.ts: BOM, Content-Type
 *   charset, XML declaration, invalid UTF-8 falling back to windows-1252 or to the
 *   declared legacy charset);
 * - repairs what a person would still read (xml-repair.ts): junk before the declaration,
 *   control characters, a stray "<", tag-name case, unterminated CDATA, truncated tails,
 *   unbalanced tags; entities declared in a DOCTYPE are dropped, never expanded, and no
 *   external entity is ever fetched. A JSON Feed cut off mid-item keeps its complete items;
 * - parses with feedsmith; when the whole document loses items (one broken item can
 *   swallow its neighbours), it balances the tags and, if items are still missing,
 *   re-parses item by item so that only the broken one is lost;
 * - normalises every format into the same fields (normalise.ts): plain-text titles,
 *   sanitized HTML, absolute links, ISO dates (see dates.ts for what is refused; `now`
 *   bounds future dates).
 * Input over 50 MB is refused; at most `maxItems` (default 100,000) items are read, and the
 * document is cut after that many before parsing, so work is bounded by the cap.
 * A feed with no title or no items is a valid, empty feed.
 */
import { gunzipSync } from 'node:zlib';
import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { decodeFeedBytes } from './decode.ts';
import { finishFeed, fromAtom, fromJson, fromRdf, fromRss, type RawFeed } from './normalise.ts';
import type { ParseFeedOptions, ParseFeedResult } from './types.ts';
import { balanceTags, countItems, cutAfterItems, prepareXml, splitItems, type PreparedXml, type XmlKind } from './xml-repair.ts';

/** Markers around each item in the one-item documents of the fallback (comments, so they parse away). */
const ITEM_MARK = '<!--tidings-item-->';
const END_MARK = '<!--/tidings-item-->';

export type { FeedItem, ParsedFeed, ParseFeedOptions, ParseFeedResult } from './types.ts';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_ITEMS = 100_000;

function errorMessage(err: unknown): string {
  const e = err as { message?: unknown; cause?: { message?: unknown } };
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  const cause = typeof e?.cause?.message === 'string' ? `: ${e.cause.message}` : '';
  return `${msg}${cause}`.slice(0, 300);
}

function parseKind(xml: string, kind: XmlKind): RawFeed {
  if (kind === 'rss') return fromRss(parseRssFeed(xml));
  if (kind === 'atom') return fromAtom(parseAtomFeed(xml));
  return fromRdf(parseRdfFeed(xml));
}

/** Items per document in the item-by-item fallback; feedsmith costs about a millisecond per call. */
const CHUNK_ITEMS = 256;

/**
 * Parses the items of `docs` (each a one-item document) in batches. A batch that throws or
 * loses items is halved until the broken item is alone; that item is then dropped.
 */
function parseItemsInChunks(prepared: PreparedXml, docs: string[]): RawFeed['items'] {
  const out: RawFeed['items'] = [];
  // Halving costs parses (about a millisecond each); a budget keeps hostile input bounded.
  let budget = 256 + 4 * Math.ceil(docs.length / CHUNK_ITEMS);
  const wrap = (bodies: string[]) => {
    // Each doc is "<root...>[<channel>]<item>...</item>[</channel>]</root>"; join the items under one root.
    const first = bodies[0];
    const open = first.slice(0, first.indexOf(ITEM_MARK));
    const close = first.slice(first.lastIndexOf(END_MARK) + END_MARK.length);
    return open + bodies.map((b) => b.slice(b.indexOf(ITEM_MARK) + ITEM_MARK.length, b.lastIndexOf(END_MARK))).join('') + close;
  };
  const run = (bodies: string[]) => {
    if (bodies.length === 0) return;
    let items: RawFeed['items'] | null = null;
    budget--;
    try {
      items = parseKind(wrap(bodies), prepared.kind).items;
    } catch {
      items = null;
    }
    if (items && items.length >= bodies.length) {
      out.push(...items);
      return;
    }
    if (bodies.length === 1 || budget <= 0) {
      if (items) out.push(...items);
      return; // beyond repair; the others are kept
    }
    const half = bodies.length >> 1;
    run(bodies.slice(0, half));
    run(bodies.slice(half));
  };
  for (let i = 0; i < docs.length; i += CHUNK_ITEMS) run(docs.slice(i, i + CHUNK_ITEMS));
  return out;
}

/** Parses the shell and the items separately, so that a broken item costs only itself. */
function parseItemByItem(prepared: PreparedXml): RawFeed {
  const { shell, items } = splitItems(prepared, ITEM_MARK, END_MARK);
  let feed: RawFeed;
  try {
    feed = parseKind(shell, prepared.kind);
  } catch {
    feed = { inheritedAuthors: [], items: [] };
  }
  feed.items = parseItemsInChunks(prepared, items);
  return feed;
}

function parseXml(text: string, docUrl: string | null, maxItems: number): { ok: true; raw: RawFeed } | { ok: false; error: string } {
  const prepared = prepareXml(text, docUrl);
  if (!prepared.ok) return prepared;
  const { kind } = prepared.value;
  let xml = prepared.value.xml;
  let expected = countItems(xml, kind);
  if (expected > maxItems) {
    xml = cutAfterItems(xml, kind, maxItems);
    prepared.value.xml = xml;
    expected = countItems(xml, kind);
  }
  let firstError: string | null = null;
  const attempt = (doc: string): RawFeed | null => {
    try {
      return parseKind(doc, kind);
    } catch (err) {
      firstError ??= errorMessage(err);
      return null;
    }
  };
  const better = (a: RawFeed | null, b: RawFeed | null): RawFeed | null => (!a ? b : !b ? a : b.items.length > a.items.length || (b.items.length === a.items.length && !!b.title && !a.title) ? b : a);
  let raw = attempt(xml);
  // One unclosed element can swallow its siblings: balance the tags and try again.
  if (!raw || raw.items.length < expected) raw = better(raw, attempt(balanceTags(xml)));
  // Still short: parse item by item, so that only a broken item is lost.
  if (!raw || raw.items.length < expected) raw = better(raw, parseItemByItem(prepared.value));
  if (!raw) return { ok: false, error: `malformed ${kind} feed: ${firstError ?? 'unreadable'}` };
  return { ok: true, raw };
}

/**
 * A JSON Feed cut off in transfer: keeps it up to the last complete object directly inside
 * a top-level array (the items) and closes the array and the feed. Null when no such point exists.
 */
function repairTruncatedJson(text: string): string | null {
  const stack: string[] = [];
  let inString = false;
  let lastCut = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c);
    else if (c === '}' || c === ']') {
      stack.pop();
      if (c === '}' && stack.length === 2 && stack[0] === '{' && stack[1] === '[') lastCut = i + 1;
    }
  }
  return lastCut === -1 ? null : `${text.slice(0, lastCut)}]}`;
}

function parseJson(text: string): { ok: true; raw: RawFeed } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const repaired = repairTruncatedJson(text);
    try {
      if (!repaired) throw err;
      data = JSON.parse(repaired);
    } catch {
      return { ok: false, error: `not a feed: invalid JSON (${errorMessage(err)})` };
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'not a feed: JSON is not a JSON Feed object' };
  const obj = data as Record<string, unknown>;
  const version = typeof obj.version === 'string' ? obj.version : '';
  if (!version.includes('jsonfeed.org') && !Array.isArray(obj.items)) return { ok: false, error: 'not a feed: JSON without a JSON Feed version or items' };
  // feedsmith wants a title; an untitled feed is still a feed.
  const withTitle = typeof obj.title === 'string' && obj.title.trim() ? obj : { ...obj, title: ' ' };
  const items = Array.isArray(obj.items) ? obj.items.filter((it) => it && typeof it === 'object' && !Array.isArray(it)) : [];
  try {
    return { ok: true, raw: fromJson(parseJsonFeed({ ...withTitle, items })) };
  } catch (err) {
    return { ok: false, error: `malformed JSON Feed: ${errorMessage(err)}` };
  }
}

/** See the module comment. */
export function parseFeed(input: Uint8Array | string, opts: ParseFeedOptions = {}): ParseFeedResult {
  try {
    let text: string;
    if (typeof input === 'string') {
      if (input.length > MAX_INPUT_BYTES) return { ok: false, error: `input too large: ${input.length} characters (limit ${MAX_INPUT_BYTES})` };
      text = input;
    } else if (input instanceof Uint8Array) {
      if (input.byteLength > MAX_INPUT_BYTES) return { ok: false, error: `input too large: ${input.byteLength} bytes (limit ${MAX_INPUT_BYTES})` };
      let bytes = input;
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        // Saved with its Content-Encoding still applied.
        try {
          bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES }));
        } catch (err) {
          return { ok: false, error: `not a feed: gzip data that does not inflate (${errorMessage(err)})` };
        }
      }
      text = decodeFeedBytes(bytes, opts.contentType);
    } else {
      return { ok: false, error: 'not a feed: input is neither bytes nor text' };
    }
    text = text.replace(/^[\ufeff\s]+/, '');
    if (text === '') return { ok: false, error: 'not a feed: empty document' };
    const docUrl = typeof opts.url === 'string' && opts.url.trim() ? opts.url.trim() : null;
    const isJson = text.startsWith('{') || text.startsWith('[') || (/json/i.test(opts.contentType ?? '') && !text.startsWith('<'));
    const maxItems = opts.maxItems !== undefined && opts.maxItems >= 0 ? Math.floor(opts.maxItems) : DEFAULT_MAX_ITEMS;
    const parsed = isJson ? parseJson(text) : parseXml(text, docUrl, maxItems);
    if (!parsed.ok) return parsed;
    const { feed } = finishFeed(parsed.raw, { docUrl, now: opts.now ?? new Date(), maxItems });
    return { ok: true, feed };
  } catch (err) {
    // A bug, not bad input, but the contract is "never throws": report it as a value.
    return { ok: false, error: `parse-feed: internal error: ${errorMessage(err)}` };
  }
}
