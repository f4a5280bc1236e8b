/**
 * Bytes of a saved or fetched HTML page to text (see ingest/charset.ts: BOM, header,
 * <meta>, and UTF-8 bytes winning over a stale legacy declaration, as in
 * readability-test-pages/qq: UTF-8 bytes under a gb2312 declaration).
 */
import { decodeBytes, type DecodedText } from '../ingest/charset.ts';

export function decodeHtmlPage(bytes: Uint8Array, contentType?: string | null): DecodedText {
  return decodeBytes(bytes, { contentType: contentType ?? null, kind: 'html' });
}
