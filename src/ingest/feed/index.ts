/**
 * Turns the bytes of any feed (RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1)
 * into one `ParsedFeed`.
 *
 * `parseFeed(bytes, opts)` never throws and returns `{ ok: false, error }` for input that
 * is not a feed ("not a feed: looks like an HTML page"). On the way it:
 * - decodes bytes with `decodeBytes` (BOM, Content-Type charset, XML declaration, invalid
 *   UTF-8 falling back to windows-1252);
 * - repairs what a person would still read (see xml-repair.ts): junk before the
 *   declaration, control characters, truncated tails, unbalanced tags; entities are
 *   never expanded from a DOCTYPE, and no external entity is ever fetched;
 * - parses with feedsmith; when the whole document loses items (one broken item can
 *   swallow its neighbours), it re-parses item by item so that only the broken one is lost;
 * - normalises every format into the same fields (see normalise.ts).
 * Input over 50 MB is refused; at most `maxItems` (default 100,000) items are returned.
 * A feed with no title or no items is a valid, empty feed.
 */
import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { decodeBytes } from '../charset.ts';
import { finishFeed, fromAtom, fromJson, fromRdf, fromRss, type RawFeed } from './normalise.ts';
import type { ParseFeedOptions, ParseFeedResult } from './types.ts';
import { countItems, prepareXml, splitItems, type PreparedXml, type XmlKind } from './xml-repair.ts';

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

/** Parses the shell and every item on its own; an item that still fails is dropped. */
function parseItemByItem(prepared: PreparedXml): RawFeed | null {
  const { shell, items } = splitItems(prepared);
  let feed: RawFeed;
  try {
    feed = parseKind(shell, prepared.kind);
  } catch {
    feed = { inheritedAuthors: [], items: [] };
  }
  feed.items = [];
  for (const doc of items) {
    try {
      const one = parseKind(doc, prepared.kind);
      feed.items.push(...one.items);
    } catch {
      // This item is beyond repair; the others are kept.
    }
  }
  return feed;
}

function parseXml(text: string, docUrl: string | null): { ok: true; raw: RawFeed } | { ok: false; error: string } {
  const prepared = prepareXml(text, docUrl);
  if (!prepared.ok) return prepared;
  const { xml, kind } = prepared.value;
  const expected = countItems(xml, kind);
  let raw: RawFeed | null = null;
  let firstError: string | null = null;
  try {
    raw = parseKind(xml, kind);
  } catch (err) {
    firstError = errorMessage(err);
  }
  if (!raw || raw.items.length < expected) {
    const byItem = parseItemByItem(prepared.value);
    if (byItem && (!raw || byItem.items.length > raw.items.length || (byItem.title && !raw.title))) raw = byItem;
  }
  if (!raw) return { ok: false, error: `malformed ${kind} feed: ${firstError ?? 'unreadable'}` };
  return { ok: true, raw };
}

function parseJson(text: string): { ok: true; raw: RawFeed } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not a feed: invalid JSON (${errorMessage(err)})` };
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
      text = decodeBytes(input, { contentType: opts.contentType ?? null, kind: 'xml' }).text;
    } else {
      return { ok: false, error: 'not a feed: input is neither bytes nor text' };
    }
    text = text.replace(/^[\ufeff\s]+/, '');
    if (text === '') return { ok: false, error: 'not a feed: empty document' };
    const docUrl = typeof opts.url === 'string' && opts.url.trim() ? opts.url.trim() : null;
    const isJson = text.startsWith('{') || /json/i.test(opts.contentType ?? '') && !text.startsWith('<');
    const parsed = isJson ? parseJson(text) : parseXml(text, docUrl);
    if (!parsed.ok) return parsed;
    const maxItems = opts.maxItems !== undefined && opts.maxItems >= 0 ? opts.maxItems : DEFAULT_MAX_ITEMS;
    const { feed } = finishFeed(parsed.raw, { docUrl, now: opts.now ?? new Date(), maxItems });
    return { ok: true, feed };
  } catch (err) {
    // A bug, not bad input, but the contract is "never throws": report it as a value.
    return { ok: false, error: `parse-feed: internal error: ${errorMessage(err)}` };
  }
}
