import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeBytes } from './charset.ts';

const cases: { name: string; bytes: Uint8Array; contentType?: string; kind: 'xml' | 'html'; text: string; charset: string }[] = [
  { name: 'utf-8 default', bytes: Buffer.from('<p>Türkiye</p>'), kind: 'html', text: '<p>Türkiye</p>', charset: 'utf-8' },
  { name: 'utf-8 BOM stripped', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')]), kind: 'xml', text: '<a/>', charset: 'utf-8' },
  { name: 'utf-16le BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<rss>é</rss>', 'utf-16le')]), kind: 'xml', text: '<rss>é</rss>', charset: 'utf-16le' },
  { name: 'utf-16be no BOM', bytes: iconv.encode('<?xml version="1.0"?><rss/>', 'utf-16be'), kind: 'xml', text: '<?xml version="1.0"?><rss/>', charset: 'utf-16be' },
  { name: 'header wins over meta', bytes: iconv.encode('<meta charset="utf-8"><p>Привет</p>', 'windows-1251'), contentType: 'text/html; charset=windows-1251', kind: 'html', text: '<meta charset="utf-8"><p>Привет</p>', charset: 'windows-1251' },
  { name: 'meta charset', bytes: iconv.encode('<meta charset="Shift_JIS"><p>日本語</p>', 'shift_jis'), kind: 'html', text: '<meta charset="Shift_JIS"><p>日本語</p>', charset: 'shift_jis' },
  { name: 'http-equiv meta', bytes: iconv.encode('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Мир</p>', 'koi8-r'), kind: 'html', text: '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Мир</p>', charset: 'koi8-r' },
  { name: 'xml declaration', bytes: iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>', 'latin1'), kind: 'xml', text: '<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>', charset: 'windows-1252' },
  { name: 'wrong utf-8 declaration falls back to windows-1252', bytes: iconv.encode('<?xml version="1.0" encoding="utf-8"?><t>naïve “x”</t>', 'windows-1252'), kind: 'xml', text: '<?xml version="1.0" encoding="utf-8"?><t>naïve “x”</t>', charset: 'windows-1252' },
  { name: 'latin-1 declared but utf-8 bytes', bytes: Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>Zürich</t>'), kind: 'xml', text: '<?xml version="1.0" encoding="iso-8859-1"?><t>Zürich</t>', charset: 'utf-8' },
  { name: 'utf-8 bytes under a stale gb2312 meta', bytes: Buffer.from('<meta charset="gb2312"><p>新闻 news</p>'), kind: 'html', text: '<meta charset="gb2312"><p>新闻 news</p>', charset: 'utf-8' },
  { name: 'utf-8 header on koi8-r bytes declared koi8-r', bytes: iconv.encode('<?xml version="1.0" encoding="koi8-r"?><t>Мир</t>', 'koi8-r'), contentType: 'application/xml; charset=utf-8', kind: 'xml', text: '<?xml version="1.0" encoding="koi8-r"?><t>Мир</t>', charset: 'koi8-r' },
  { name: 'iso-8859-1 server default loses to a declared iso-8859-7', bytes: iconv.encode('<?xml version="1.0" encoding="ISO-8859-7"?><t>Αθήνα</t>', 'iso-8859-7'), contentType: 'text/xml; charset=ISO-8859-1', kind: 'xml', text: '<?xml version="1.0" encoding="ISO-8859-7"?><t>Αθήνα</t>', charset: 'iso-8859-7' },
  { name: 'declaration after junk', bytes: iconv.encode('Warning: x\n<?xml version="1.0" encoding="windows-1251"?><t>Мир</t>', 'windows-1251'), kind: 'xml', text: 'Warning: x\n<?xml version="1.0" encoding="windows-1251"?><t>Мир</t>', charset: 'windows-1251' },
  { name: 'unknown label', bytes: Buffer.from('<meta charset="x-bogus"><p>ok</p>'), kind: 'html', text: '<meta charset="x-bogus"><p>ok</p>', charset: 'utf-8' },
];

for (const c of cases) {
  test(`decodeBytes: ${c.name}`, () => {
    const got = decodeBytes(c.bytes, { contentType: c.contentType, kind: c.kind });
    assert.equal(got.text, c.text);
    assert.equal(got.charset, c.charset);
  });
}
