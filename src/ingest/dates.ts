/**
 * Parses the dates that feeds actually contain into a UTC instant.
 *
 * Accepted shapes (case-insensitive, surrounding junk such as "Published:" trimmed):
 * - RFC 822/1123/2822 and their common corruptions: weekday missing, wrong or spelled out
 *   (it is ignored), full month names, dashes between the parts ("15-Jan-2025"), two-digit
 *   years (00-49 -> 20xx, 50-99 -> 19xx, as RFC 2822 section 4.3 says), missing seconds,
 *   single-digit fields, AM/PM, the JavaScript `Date#toString` shape ("Tue Jan 15 2025
 *   10:30:00 GMT+0100 (CET)") and US "January 15, 2025 10:30 AM".
 * - Zones: numeric (+0100, +01:00, +01, -8), Z/UT/UTC/GMT, GMT+2 / UTC-05:30, the North
 *   American names (EST, PDT, ...), European and Asia-Pacific abbreviations (MET, CEST, BST,
 *   JST, AEST, ...), and the season-less "ET/CT/MT/PT", which get daylight saving time by
 *   the US rule for that date. RFC 822 military letters other than Z mean "unknown" (RFC
 *   2822 section 4.3) and are read as UTC. No zone at all is read as UTC.
 * - ISO 8601 / RFC 3339 variants: date only, no seconds, fractional seconds, space or
 *   lower-case "t" instead of "T", compact basic format (20250115T103000Z), slashes
 *   (2025/01/15 10:30), a space before the zone.
 * - Numeric day-month-year: "15.01.2025 10:30" (dots: day first); with slashes only when the
 *   order is unambiguous ("15/01/2025", "01/15/2025"), so "03/04/2025" is refused.
 * - Unix timestamps in seconds (10 digits) or milliseconds (13 digits).
 *
 * Rejected (null) rather than guessed: anything with a field out of range (month 13,
 * 31 February, hour 25), words we do not know, empty or placeholder values
 * ("0000-00-00", "N/A"), instants before 1970-01-01T00:00:01Z (such dates in feeds are
 * placeholders or year typos, and epoch 0 is what a null turned into a date looks like),
 * and, when `now` is given, instants more than two days after `now`: a clock a day ahead
 * plus a zone misread covers honest cases, while articles from next month are wrong
 * dates that would pin an item to the top of every list.
 */

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
  [1, ['jan', 'january', 'janv', 'janvier', 'januar', 'jän', 'jänner', 'ene', 'enero', 'gen', 'gennaio', 'jan.', 'sty']],
  [2, ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar', 'febrero', 'febbraio', 'fev', 'fév', 'lut']],
  [3, ['mar', 'march', 'mars', 'märz', 'marz', 'mär', 'marzo', 'mrz', 'maart']],
  [4, ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'kwi']],
  [5, ['may', 'mai', 'mayo', 'mag', 'maggio', 'mei', 'maj']],
  [6, ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno', 'cze']],
  [7, ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio', 'lip']],
  [8, ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'aoû', 'sie']],
  [9, ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'wrz']],
  [10, ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ott', 'ottobre', 'paź']],
  [11, ['nov', 'november', 'novembre', 'noviembre', 'lis']],
  [12, ['dec', 'december', 'déc', 'décembre', 'decembre', 'dez', 'dezember', 'dic', 'diciembre', 'dicembre', 'gru']],
];
for (const [n, names] of MONTH_NAMES) for (const name of names) MONTHS[name.replace(/\.$/, '')] = n;

const WEEKDAYS = new Set([
  'mon', 'tue', 'tues', 'wed', 'weds', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
]);

/** Fixed offsets in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, uct: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 60, west: 60, cet: 60, met: 60, mez: 60, cest: 120, mest: 120, mesz: 120, sast: 120,
  eet: 120, eest: 180, msk: 180, msd: 240, trt: 180, gst: 240, pkt: 300, npt: 345,
  wib: 420, ict: 420, hkt: 480, sgt: 480, awst: 480, pht: 480, cct: 480, jst: 540, kst: 540,
  acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/** Zones named without a season; their offset depends on US daylight saving time. */
const US_SEASONLESS: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };

/** "Wed, 15 Jan 2025 10:30:00 +0000" and its zone variants: the shape most feeds use. */
const RFC1123 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([A-Za-z]{1,5}|[+-]\d{4})$/;

const MIN_MS = Date.UTC(1970, 0, 1, 0, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y;
}

/** US daylight saving time (2007 rule): from the second Sunday in March 2:00 to the first Sunday in November 2:00, local time. */
function isUsDst(year: number, month: number, day: number, hour: number): boolean {
  if (month < 3 || month > 11) return false;
  if (month > 3 && month < 11) return true;
  const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstDow) % 7);
  if (month === 3) {
    const start = firstSunday + 7;
    return day > start || (day === start && hour >= 2);
  }
  return day < firstSunday || (day === firstSunday && hour < 2);
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC, or a US season-less zone name resolved later. */
  offset: number | { seasonless: number };
}

/** Parses a zone token; returns undefined when the token is not a zone. */
function parseZone(raw: string): number | { seasonless: number } | undefined {
  const z = raw.trim().toLowerCase().replace(/^\(|\)$/g, '');
  if (z === '') return 0;
  if (z in ZONES) return ZONES[z];
  if (z in US_SEASONLESS) return { seasonless: US_SEASONLESS[z] };
  // "GMT+2", "UTC-05:30", "+0100", "+01:00", "+01", "-8"
  const m = /^(?:gmt|utc|ut)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) {
    const h = Number(m[2]);
    const min = m[3] ? Number(m[3]) : 0;
    if (h > 14 || min > 59) return undefined;
    return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
  }
  // RFC 822 military zones: their signs were published backwards, RFC 2822 says treat as unknown.
  if (/^[a-ik-y]$/.test(z)) return 0;
  return undefined;
}

function toInstant(f: Fields): Date | null {
  if (!Number.isInteger(f.year) || f.year < 1000 || f.year > 9999) return null;
  if (f.month < 1 || f.month > 12) return null;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return null;
  let { hour, second } = f;
  if (hour === 24 && f.minute === 0 && second === 0 && f.ms === 0) hour = 24; // end of day, allowed by ISO 8601
  else if (hour > 23) return null;
  if (f.minute > 59) return null;
  if (second === 60) second = 59; // leap second
  if (second > 59) return null;
  let offset: number;
  if (typeof f.offset === 'number') offset = f.offset;
  else offset = f.offset.seasonless + (isUsDst(f.year, f.month, f.day, hour) ? 60 : 0);
  const ms = Date.UTC(f.year, f.month - 1, f.day, hour, f.minute, second, f.ms) - offset * 60_000;
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function fractionToMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.round(Number(`0.${frac}`) * 1000) % 1000;
}

const ISO_EXTENDED =
  /^(\d{4})(?:-|\/)(\d{1,2})(?:-|\/)(\d{1,2})(?:(?:[t\s]+|_)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|ut|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(s: string): Fields | null | undefined {
  const m = ISO_EXTENDED.exec(s) ?? ISO_BASIC.exec(s);
  if (!m) return undefined;
  const offset = m[8] ? parseZone(m[8]) : 0;
  if (offset === undefined) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    ms: fractionToMs(m[7]),
    offset,
  };
}

/**
 * Token-based reader for RFC 822 and the many human shapes around it. Every token must be
 * understood: a weekday, a month name, a number that fits a free slot, a time, AM/PM, or a
 * zone. An unknown word makes the whole string null.
 */
function parseHuman(s: string): Fields | null {
  const text = s
    .toLowerCase()
    .replace(/\([^)]*\)/g, (m) => (parseZone(m) !== undefined ? ` ${m.slice(1, -1)} ` : ' ')) // "(CET)", "(Coordinated Universal Time)"
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b(a\.m\.|p\.m\.)/g, (m) => m.replace(/\./g, ''))
    .replace(/[,]/g, ' ')
    .replace(/\b(\d{1,2})-([a-zéûä]+\.?)-(\d{2,4})\b/g, '$1 $2 $3') // 15-Jan-2025
    .replace(/\b(\d{1,2})\.\s+([a-zéûä])/g, '$1 $2') // German "15. Januar"
    .trim();
  const tokens = text.split(/\s+/).filter(Boolean);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let hasTime = false;
  let ampm: 'am' | 'pm' | undefined;
  let offset: Fields['offset'] | undefined;

  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (t === 'at' || t === 'um' || t === 'à' || t === 'de' || t === 'the' || t === 'on' || t === '-' || t === '@') continue;
    const time = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?(am|pm)?([+-]\d{2}(?::?\d{2})?|z)?$/.exec(t);
    if (time && !hasTime) {
      hasTime = true;
      hour = Number(time[1]);
      minute = Number(time[2]);
      second = time[3] ? Number(time[3]) : 0;
      ms = fractionToMs(time[4]);
      if (time[5]) ampm = time[5] as 'am' | 'pm';
      if (time[6]) {
        const z = parseZone(time[6]);
        if (z === undefined) return null;
        offset = z;
      }
      continue;
    }
    if ((t === 'am' || t === 'pm') && hasTime && !ampm) {
      ampm = t;
      continue;
    }
    const word = t.replace(/\.$/, '');
    if (/^[a-zéûäź]+$/.test(word)) {
      const isMonth = word in MONTHS;
      const isWeekday = WEEKDAYS.has(word);
      // "mar" is March and French Tuesday; it is the weekday when another month name is present.
      const isAmbiguous = isMonth && isWeekday && tokens.some((x, j) => j !== i && x.replace(/\.$/, '') in MONTHS);
      if (isMonth && month === undefined && !isAmbiguous) {
        month = MONTHS[word];
        continue;
      }
      if (isWeekday) continue;
    }
    // Zones, possibly split as "GMT +0100" or joined as "GMT+0100"; a second zone ("(CET)") is ignored.
    if (!/^\d+$/.test(t)) {
      let z = parseZone(t);
      if (z !== undefined && /^(gmt|utc|ut)$/.test(t) && tokens[i + 1] && /^[+-]\d/.test(tokens[i + 1])) {
        const z2 = parseZone(tokens[i + 1]);
        if (z2 !== undefined) {
          z = z2;
          i++;
        }
      }
      if (z !== undefined) {
        offset ??= z;
        continue;
      }
    }
    if (/^\d+$/.test(t)) {
      const n = Number(t);
      if (t.length === 4 && year === undefined) {
        year = n;
        continue;
      }
      if (t.length <= 2 && day === undefined && n >= 1 && n <= 31 && !(month === undefined && year !== undefined)) {
        day = n;
        continue;
      }
      if (t.length <= 2 && year === undefined && (day !== undefined || month !== undefined)) {
        year = twoDigitYear(n);
        continue;
      }
      return null;
    }
    // Numeric day and month: "15.01.2025" is day-first (European); with slashes only an
    // unambiguous order is read ("15/01/2025", "01/15/2025"), "03/04/2025" is refused.
    const dmy = /^(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})\.?$/.exec(t);
    if (dmy && year === undefined && month === undefined && day === undefined) {
      const a = Number(dmy[1]);
      const b = Number(dmy[3]);
      let d: number;
      let mo: number;
      if (dmy[2] === '.' || a > 12) [d, mo] = [a, b];
      else if (b > 12) [d, mo] = [b, a];
      else return null;
      day = d;
      month = mo;
      year = dmy[4].length === 2 ? twoDigitYear(Number(dmy[4])) : Number(dmy[4]);
      continue;
    }
    // "2025-01-15" embedded in a longer human string
    const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    if (isoDate && year === undefined && month === undefined && day === undefined) {
      year = Number(isoDate[1]);
      month = Number(isoDate[2]);
      day = Number(isoDate[3]);
      continue;
    }
    return null;
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'am' && hour === 12) hour = 0;
    else if (ampm === 'pm' && hour !== 12) hour += 12;
  }
  return { year, month, day, hour, minute, second, ms, offset: offset ?? 0 };
}

/**
 * Parses a date string found in a feed. Returns null for anything it cannot read with
 * confidence; see the module comment for accepted shapes and the plausibility rules.
 * `now` enables the "not more than two days in the future" check.
 */
export function parseFeedDate(input: string, now?: Date): Date | null {
  if (typeof input !== 'string') return null;
  let s = input.replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ').trim();
  if (s.length === 0 || s.length > 120) return null;
  // Labels feeds put in front of dates: "Published: ...", "Updated on ...".
  s = s.replace(/^(?:published|posted|updated|date|pubdate|last\s+updated)(?:\s+on)?\s*:?\s*/i, '');
  let date: Date | null = null;
  const rfc = RFC1123.exec(s);
  if (rfc && rfc[2].toLowerCase() in MONTHS) {
    // The common case, read without tokenizing.
    const offset = parseZone(rfc[7]);
    if (offset === undefined) return null;
    date = toInstant({ year: Number(rfc[3]), month: MONTHS[rfc[2].toLowerCase()], day: Number(rfc[1]), hour: Number(rfc[4]), minute: Number(rfc[5]), second: rfc[6] ? Number(rfc[6]) : 0, ms: 0, offset });
  } else if (/^\d{10}(?:\.\d+)?$/.test(s)) date = new Date(Math.round(Number(s) * 1000));
  else if (/^\d{13}$/.test(s)) date = new Date(Number(s));
  else {
    const iso = parseIso(s);
    if (iso === null) return null;
    const fields = iso ?? parseHuman(s);
    if (!fields) return null;
    date = toInstant(fields);
  }
  if (!date || Number.isNaN(date.getTime())) return null;
  const ms = date.getTime();
  if (ms < MIN_MS) return null;
  if (now && ms > now.getTime() + FUTURE_SLACK_MS) return null;
  return date;
}

/** `parseFeedDate` as an ISO 8601 UTC string, or null. */
export function feedDateToIso(input: string | null | undefined, now?: Date): string | null {
  if (!input) return null;
  const d = parseFeedDate(input, now);
  return d ? d.toISOString() : null;
}
