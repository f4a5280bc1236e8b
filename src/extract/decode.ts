/**
 * Bytes of a saved or fetched HTML page to text. Wraps ingest/charset.ts's decodeBytes
 * with one rule for saved pages: browsers "save as" re-encode a page to UTF-8 but leave
 * its old <meta charset> (gb2312, windows-1251, ...) in place. When only the document
 * itself declares a legacy charset and the bytes are valid UTF-8 with non-ASCII
 * characters, UTF-8 wins: legacy multi-byte text is almost never valid UTF-8 by chance.
 * (see readability-test-pages/qq: UTF-8 bytes under a gb2312 declaration)
 */
import { decodeBytes, isValidUtf8, type DecodedText } from '../ingest/charset.ts';

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
  return false;
}

export function decodeHtmlPage(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const decoded = decodeBytes(bytes, { contentType: contentType ?? null, kind: 'html' });
  if (decoded.charset !== 'utf-8' && (decoded.source === 'meta' || decoded.source === 'declaration') && hasNonAscii(bytes) && isValidUtf8(bytes)) {
    return { text: Buffer.from(bytes).toString('utf8'), charset: 'utf-8', source: 'sniff' };
  }
  return decoded;
}
