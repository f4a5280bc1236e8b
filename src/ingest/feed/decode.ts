/**
 * Feed bytes to text: `decodeBytes` (src/ingest/charset.ts) with two feed-specific
 * corrections on top, for servers whose default charset contradicts the document:
 * - the header says UTF-8 (or nothing) but the bytes are not UTF-8, and the XML
 *   declaration names a specific legacy charset (windows-1251, koi8-r, ...): decodeBytes
 *   falls back to windows-1252; the declaration is the better witness;
 * - the header names ISO-8859-1/windows-1252 (a common server default) while the XML
 *   declaration names another legacy charset: the declaration wins.
 * The declaration is also found after junk before it ("Warning: ...<?xml ...").
 */
import iconv from 'iconv-lite';
import { decodeBytes, normalizeCharset } from '../charset.ts';

function declaredXmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return m ? normalizeCharset(m[1]) : null;
}

const NOT_A_BETTER_WITNESS = /^(?:utf-8|utf-16|utf-32|windows-1252)/;

export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null | undefined): string {
  const decoded = decodeBytes(bytes, { contentType: contentType ?? null, kind: 'xml' });
  const isFallback = decoded.source === 'sniff' && decoded.charset === 'windows-1252';
  const isServerDefault = decoded.source === 'header' && decoded.charset === 'windows-1252';
  if (isFallback || isServerDefault) {
    const declared = declaredXmlCharset(bytes);
    if (declared && !NOT_A_BETTER_WITNESS.test(declared)) return iconv.decode(Buffer.from(bytes), declared);
  }
  return decoded.text;
}
