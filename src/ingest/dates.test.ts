import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFeedDate } from './dates.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

const cases: { name: string; input: string; want: string | null }[] = [
  // RFC 822 / 1123
  { name: 'rfc1123 numeric zone', input: 'Wed, 15 Jan 2025 10:30:00 +0000', want: '2025-01-15T10:30:00.000Z' },
  { name: 'rfc822 GMT', input: 'Wed, 15 Jan 2025 10:30:00 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'negative offset', input: 'Wed, 15 Jan 2025 10:30:00 -0500', want: '2025-01-15T15:30:00.000Z' },
  { name: 'offset with colon', input: 'Wed, 15 Jan 2025 10:30:00 +05:30', want: '2025-01-15T05:00:00.000Z' },
  { name: 'EST', input: 'Wed, 15 Jan 2025 10:30:00 EST', want: '2025-01-15T15:30:00.000Z' },
  { name: 'PDT', input: 'Tue, 20 May 2025 10:30:00 PDT', want: '2025-05-20T17:30:00.000Z' },
  { name: 'MET', input: 'Wed, 15 Jan 2025 10:30:00 MET', want: '2025-01-15T09:30:00.000Z' },
  { name: 'CEST', input: 'Tue, 20 May 2025 10:30:00 CEST', want: '2025-05-20T08:30:00.000Z' },
  { name: 'PT in winter is PST', input: 'Wed, 15 Jan 2025 10:30:00 PT', want: '2025-01-15T18:30:00.000Z' },
  { name: 'PT in summer is PDT', input: 'Tue, 20 May 2025 10:30:00 PT', want: '2025-05-20T17:30:00.000Z' },
  { name: 'ET in summer', input: 'Tue, 20 May 2025 10:30:00 ET', want: '2025-05-20T14:30:00.000Z' },
  { name: 'GMT+2', input: 'Wed, 15 Jan 2025 10:30:00 GMT+2', want: '2025-01-15T08:30:00.000Z' },
  { name: 'GMT +0200 split', input: 'Wed, 15 Jan 2025 10:30:00 GMT +0200', want: '2025-01-15T08:30:00.000Z' },
  { name: 'UTC-05:30', input: 'Wed, 15 Jan 2025 10:30:00 UTC-05:30', want: '2025-01-15T16:00:00.000Z' },
  { name: 'Z zone', input: 'Wed, 15 Jan 2025 10:30:00 Z', want: '2025-01-15T10:30:00.000Z' },
  { name: 'military letter is unknown -> UTC', input: 'Wed, 15 Jan 2025 10:30:00 A', want: '2025-01-15T10:30:00.000Z' },
  { name: 'no weekday', input: '15 Jan 2025 10:30:00 +0000', want: '2025-01-15T10:30:00.000Z' },
  { name: 'wrong weekday ignored', input: 'Mon, 15 Jan 2025 10:30:00 +0000', want: '2025-01-15T10:30:00.000Z' },
  { name: 'full names', input: 'Wednesday, 15 January 2025 10:30:00 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'two-digit year 25', input: 'Wed, 15 Jan 25 10:30:00 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'two-digit year 99', input: '15 Jan 99 10:30:00 GMT', want: '1999-01-15T10:30:00.000Z' },
  { name: 'no seconds', input: 'Wed, 15 Jan 2025 10:30 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'no zone -> UTC', input: 'Wed, 15 Jan 2025 10:30:00', want: '2025-01-15T10:30:00.000Z' },
  { name: 'no time', input: 'Wed, 15 Jan 2025', want: '2025-01-15T00:00:00.000Z' },
  { name: 'single digits', input: 'Wed, 5 Jan 2025 9:3:7 GMT', want: '2025-01-05T09:03:07.000Z' },
  { name: 'dashes', input: 'Wed, 15-Jan-2025 10:30:00 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'no comma after weekday', input: 'Wed 15 Jan 2025 10:30:00 +0100', want: '2025-01-15T09:30:00.000Z' },
  { name: 'JS toString', input: 'Wed Jan 15 2025 10:30:00 GMT+0100 (Central European Standard Time)', want: '2025-01-15T09:30:00.000Z' },
  { name: 'JS toString with zone name', input: 'Wed Jan 15 2025 10:30:00 GMT+0100 (CET)', want: '2025-01-15T09:30:00.000Z' },
  { name: 'US style with AM/PM', input: 'January 15, 2025 10:30 PM', want: '2025-01-15T22:30:00.000Z' },
  { name: '12 AM is midnight', input: 'Jan 15, 2025 12:05 AM EST', want: '2025-01-15T05:05:00.000Z' },
  { name: 'ordinal day', input: 'January 15th, 2025', want: '2025-01-15T00:00:00.000Z' },
  { name: 'French month', input: 'mer., 15 janv. 2025 10:30:00 +0100', want: '2025-01-15T09:30:00.000Z' },
  { name: 'French mar is Tuesday before a month', input: 'mar., 14 janv. 2025 10:30:00 +0100', want: '2025-01-14T09:30:00.000Z' },
  { name: 'German date', input: 'Mi, 15. Januar 2025 10:30:00 +0100', want: '2025-01-15T09:30:00.000Z' },
  { name: 'label in front', input: 'Published: Wed, 15 Jan 2025 10:30:00 GMT', want: '2025-01-15T10:30:00.000Z' },
  { name: 'surrounding whitespace', input: '\n   Wed, 15 Jan 2025 10:30:00 GMT  \n', want: '2025-01-15T10:30:00.000Z' },
  // ISO 8601
  { name: 'iso Z', input: '2025-01-15T10:30:00Z', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso offset', input: '2025-01-15T10:30:00+01:00', want: '2025-01-15T09:30:00.000Z' },
  { name: 'iso offset no colon', input: '2025-01-15T10:30:00-0800', want: '2025-01-15T18:30:00.000Z' },
  { name: 'iso hour-only offset', input: '2025-01-15T10:30:00+01', want: '2025-01-15T09:30:00.000Z' },
  { name: 'iso fractional', input: '2025-01-15T10:30:00.123456Z', want: '2025-01-15T10:30:00.123Z' },
  { name: 'iso no seconds', input: '2025-01-15T10:30Z', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso space', input: '2025-01-15 10:30:00', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso space before zone', input: '2025-01-15 10:30:00 +0200', want: '2025-01-15T08:30:00.000Z' },
  { name: 'iso UTC word', input: '2025-01-15 10:30:00 UTC', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso lower case', input: '2025-01-15t10:30:00z', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso no zone -> UTC', input: '2025-01-15T10:30:00', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso date only', input: '2025-01-15', want: '2025-01-15T00:00:00.000Z' },
  { name: 'iso compact', input: '20250115T103000Z', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso compact offset', input: '20250115T103000+0100', want: '2025-01-15T09:30:00.000Z' },
  { name: 'iso compact date', input: '20250115', want: '2025-01-15T00:00:00.000Z' },
  { name: 'slashes', input: '2025/01/15 10:30', want: '2025-01-15T10:30:00.000Z' },
  { name: 'iso 24:00', input: '2025-01-15T24:00:00Z', want: '2025-01-16T00:00:00.000Z' },
  { name: 'leap second clamped', input: '2016-12-31T23:59:60Z', want: '2016-12-31T23:59:59.000Z' },
  { name: 'unix seconds', input: '1736937000', want: '2025-01-15T10:30:00.000Z' },
  { name: 'unix millis', input: '1736937000000', want: '2025-01-15T10:30:00.000Z' },
  { name: 'European dotted date', input: '15.01.2025 10:30', want: '2025-01-15T10:30:00.000Z' },
  { name: 'day-first slashes', input: '15/01/2025 10:30:00 +0100', want: '2025-01-15T09:30:00.000Z' },
  { name: 'month-first slashes', input: '01/15/2025 10:30 PM EST', want: '2025-01-16T03:30:00.000Z' },
  { name: 'ambiguous slashes refused', input: '03/04/2025', want: null },
  // Rejected
  { name: 'empty', input: '', want: null },
  { name: 'blank', input: '   ', want: null },
  { name: 'junk word', input: 'yesterday', want: null },
  { name: 'N/A', input: 'N/A', want: null },
  { name: 'zero date', input: '0000-00-00 00:00:00', want: null },
  { name: 'month 13', input: '2025-13-01T00:00:00Z', want: null },
  { name: '31 February', input: '2025-02-31', want: null },
  { name: 'hour 25', input: 'Wed, 15 Jan 2025 25:00:00 GMT', want: null },
  { name: 'unknown zone', input: 'Wed, 15 Jan 2025 10:30:00 XYZT', want: null },
  { name: 'before 1970', input: '1969-12-31T23:59:59Z', want: null },
  { name: 'epoch zero placeholder', input: 'Thu, 01 Jan 1970 00:00:00 GMT', want: null },
  { name: 'year 1', input: '0001-01-01T00:00:00Z', want: null },
  { name: 'far future', input: '2099-01-01T00:00:00Z', want: null },
  { name: 'three days ahead', input: '2025-06-04T12:00:01Z', want: null },
  { name: 'one day ahead is fine', input: '2025-06-02T12:00:00Z', want: '2025-06-02T12:00:00.000Z' },
  { name: 'template placeholder', input: '{{pubDate}}', want: null },
  { name: 'date with trailing words', input: 'Wed, 15 Jan 2025 10:30:00 GMT by John', want: null },
];

test('parseFeedDate', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = parseFeedDate(c.input, NOW);
      assert.equal(got ? got.toISOString() : null, c.want, `input ${JSON.stringify(c.input)}`);
    });
  }
});

test('without now, future dates are kept', () => {
  assert.equal(parseFeedDate('2099-01-01T00:00:00Z')?.toISOString(), '2099-01-01T00:00:00.000Z');
});

test('parseFeedDate never throws and returns a valid date or null', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (s) => {
      const d = parseFeedDate(s, NOW);
      assert.ok(d === null || (d instanceof Date && !Number.isNaN(d.getTime())));
    }),
    { numRuns: 2000 },
  );
});
