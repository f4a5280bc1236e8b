/**
 * Feed bytes to text with `decodeBytes` (src/ingest/charset.ts), which handles what feeds
 * get wrong: a server default (UTF-8, ISO-8859-1) contradicted by the XML declaration,
 * and junk before the declaration.
 */
import { decodeBytes } from '../charset.ts';

export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null | undefined): string {
  return decodeBytes(bytes, { contentType: contentType ?? null, kind: 'xml' }).text;
}
