/** One entry of a feed, normalised across RSS, Atom, RDF and JSON Feed. */
export interface FeedItem {
  /** guid / id as written; else the link; else "sha1:" + a hash of title, date and text. */
  id: string;
  /** Plain text: entities decoded, tags removed, whitespace collapsed. */
  title: string | null;
  /** Absolute URL when it could be resolved (xml:base, feed URL, site link), else as written. */
  link: string | null;
  /** ISO 8601 in UTC; falls back to `updated` when the feed gives only that. */
  published: string | null;
  updated: string | null;
  author: string | null;
  /** Sanitized HTML. */
  summary: string | null;
  /** Sanitized HTML (content:encoded, Atom content, JSON content_html/content_text). */
  content: string | null;
}

export interface ParsedFeed {
  title: string | null;
  link: string | null;
  /** Plain text. */
  description: string | null;
  language: string | null;
  updated: string | null;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** The HTTP Content-Type header, for its charset. */
  contentType?: string | null;
  /** The URL the feed was fetched from: the base for relative links. */
  url?: string | null;
  /** Reference time for the "not in the future" date check; defaults to the current time. */
  now?: Date;
  /** At most this many items are returned (default 100,000). */
  maxItems?: number;
}

export type ParseFeedResult = { ok: true; feed: ParsedFeed } | { ok: false; error: string };
