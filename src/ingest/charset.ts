/**
 * Turns the bytes of a feed or page into text, finding the character set the way a
 * browser would: byte order mark, then the HTTP Content-Type header, then what the
 * document declares (XML declaration or HTML <meta>). A declaration that the bytes
 * contradict (declared UTF-8, but not valid UTF-8) is overruled by sniffing: such
 * pages are nearly always windows-1252.
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'declaration' | 'meta' | 'sniff' | 'default';
export interface DecodedText {
  text: string;
  charset: string;
  source: CharsetSource;
}

const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
];

/** Labels that mean the same encoding to us; anything iconv-lite knows is accepted as is. */
const ALIASES: Record<string, string> = {
  'utf8': 'utf-8',
  'unicode': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-32': 'utf-32le',
  'latin1': 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252', // WHATWG: ISO-8859-1 labels decode as windows-1252
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'x-sjis': 'shift_jis',
  'sjis': 'shift_jis',
  'ms_kanji': 'shift_jis',
  'windows-31j': 'shift_jis',
  'gb2312': 'gbk',
  'x-gbk': 'gbk',
  'ks_c_5601-1987': 'euc-kr',
};

export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m ? normalizeCharset(m[1]) : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  for (const bom of BOMS) {
    if (bytes.length >= bom.bytes.length && bom.bytes.every((b, i) => bytes[i] === b)) return { charset: bom.charset, length: bom.bytes.length };
  }
  return null;
}

/** UTF-16/32 without a BOM: an XML document starts with '<' and NUL bytes show the width. */
function sniffWideXml(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0x3c) return 'utf-16be';
  if (a === 0x3c && b === 0) return 'utf-16le';
  return null;
}

/**
 * The charset a document declares in its first bytes (read as ASCII). The XML declaration
 * is found after junk before it too ("Warning: ... <?xml ..." from a broken server script).
 */
function declaredCharset(bytes: Uint8Array, kind: 'xml' | 'html'): { charset: string; source: CharsetSource } | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) {
    const cs = normalizeCharset(xml[1]);
    if (cs) return { charset: cs, source: 'declaration' };
  }
  if (kind === 'html' || !xml) {
    const meta = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)/i.exec(head) ?? /<meta[^>]+content\s*=\s*["'][^"']*charset=([a-zA-Z0-9_:.+-]+)/i.exec(head);
    if (meta) {
      const cs = normalizeCharset(meta[1]);
      if (cs) return { charset: cs, source: 'meta' };
    }
  }
  return null;
}

/** Charsets that say little when a server sends them: defaults, not a statement about this document. */
const WEAK_HEADER = new Set(['windows-1252', 'utf-8']);

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes to text. Never throws: an unknown label falls back to UTF-8 with
 * replacement characters. Charsets declared as a single-byte Unicode subset (utf-16
 * in an 8-bit file) are ignored, since a file that parses as ASCII cannot be UTF-16.
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null; kind: 'xml' | 'html' }): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.charset), charset: bom.charset, source: 'bom' };

  const wide = opts.kind === 'xml' ? sniffWideXml(bytes) : null;
  if (wide) return { text: iconv.decode(Buffer.from(bytes), wide), charset: wide, source: 'sniff' };

  let chosen: { charset: string; source: CharsetSource } | null = null;
  const header = charsetFromContentType(opts.contentType);
  const declared = declaredCharset(bytes, opts.kind);
  if (header) chosen = { charset: header, source: 'header' };
  // A server's default (ISO-8859-1 or UTF-8) loses to a specific legacy charset the document
  // declares itself (ISO-8859-7, KOI8-R, windows-1251, ...) when the bytes are not UTF-8.
  if (chosen && WEAK_HEADER.has(chosen.charset) && declared && !WEAK_HEADER.has(declared.charset) && !/^utf-(16|32)/.test(declared.charset) && !isValidUtf8(bytes)) {
    chosen = declared;
  }
  chosen ??= declared;
  if (chosen && /^utf-(16|32)/.test(chosen.charset)) chosen = null; // no BOM and no NULs: not really wide

  const validUtf8 = isValidUtf8(bytes);
  if (!chosen) {
    return validUtf8
      ? { text: Buffer.from(bytes).toString('utf8'), charset: 'utf-8', source: 'default' }
      : { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), charset: 'windows-1252', source: 'sniff' };
  }
  if (chosen.charset === 'utf-8' && !validUtf8) {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), charset: 'windows-1252', source: 'sniff' };
  }
  // Bytes that are valid UTF-8 with non-ASCII characters are almost never a legacy encoding:
  // a legacy declaration on them is a template left over after a move to UTF-8 (common in
  // saved pages: a UTF-8 page still declaring gb2312). A header naming windows-1252 is
  // overruled too; a header naming another legacy charset is trusted.
  const declaredOnly = chosen.source === 'declaration' || chosen.source === 'meta';
  if ((declaredOnly || chosen.charset === 'windows-1252') && chosen.charset !== 'utf-8' && validUtf8 && /[\u0080-\uffff]/.test(Buffer.from(bytes).toString('utf8'))) {
    return { text: Buffer.from(bytes).toString('utf8'), charset: 'utf-8', source: 'sniff' };
  }
  return { text: iconv.decode(Buffer.from(bytes), chosen.charset), charset: chosen.charset, source: chosen.source };
}
