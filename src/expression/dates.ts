/**
 * Date/time values. The language keeps a date/time as text in the default
 * format `M/d/yyyy h:mm:ss tt` (the vendor's example `6/29/2022 3:15:45 PM`);
 * computations turn it into a wall-clock time in milliseconds, with no time
 * zone of its own (the business unit's time is the clock's time).
 */

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Milliseconds between 1899-12-30 (OLE Automation day 0) and 1970-01-01. */
const oleEpochMs = Date.UTC(1899, 11, 30);
const dayMs = 86_400_000;

export function fromOle(days: number): number {
  return Math.round(oleEpochMs + days * dayMs);
}

export function toOle(ms: number): number {
  return (ms - oleEpochMs) / dayMs;
}

/**
 * Reads a date/time written as `M/d/yyyy [h:mm[:ss] [AM|PM]]`, ISO 8601
 * (`2023-02-09T08:00:00`, a zone suffix is ignored) or `yyyy/MM/dd`.
 * Undefined when the text is not a date.
 */
export function parseDate(text: string): number | undefined {
  const value = text.trim();
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([AaPp][Mm])?)?$/.exec(value);
  if (match) {
    const year = Number(match[3]) < 100 ? 2000 + Number(match[3]) : Number(match[3]);
    return build(year, Number(match[1]), Number(match[2]), match[4], match[5], match[6], match[7], match[8]);
  }
  match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]), match[4], match[5], match[6], match[7]?.slice(0, 3), match[8]);
  return undefined;
}

function build(year: number, month: number, day: number, hour?: string, minute?: string, second?: string, fraction?: string, meridiem?: string): number | undefined {
  let h = hour === undefined ? 0 : Number(hour);
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    const pm = meridiem.toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  const m = minute === undefined ? 0 : Number(minute);
  const s = second === undefined ? 0 : Number(second);
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, h, m, s, ms);
  const date = new Date(time);
  // 2/30 is not a date.
  if (date.getUTCDate() !== day || date.getUTCFullYear() !== year) return undefined;
  return time;
}

/** The default text of a date/time: `M/d/yyyy h:mm:ss tt`. */
export function dateText(ms: number): string {
  return formatDate(ms, 'M/d/yyyy h:mm:ss tt');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Formats with .NET custom date/time specifiers, as the vendor documents:
 * d dd ddd dddd, M MM MMM MMMM, y yy yyyy, h hh H HH, m mm, s ss, f..fff,
 * F..FFF, t tt, and quoted or backslash-escaped literals. A format that is
 * a single specifier must be written with `%` (`%m`); alone, it is a
 * standard format, of which d (short date), D, t, T, g, G, s and o are read.
 */
export function formatDate(ms: number, format: string): string {
  const date = new Date(ms);
  const standard: Record<string, string> = {
    d: 'M/d/yyyy',
    D: 'dddd, MMMM d, yyyy',
    t: 'h:mm tt',
    T: 'h:mm:ss tt',
    g: 'M/d/yyyy h:mm tt',
    G: 'M/d/yyyy h:mm:ss tt',
    s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff",
  };
  // A lone specifier that is no standard format "won't work" (the vendor): it comes back as written; %m is the way.
  if (format.length === 1 && standard[format] === undefined) return format;
  const pattern = format.length === 1 ? (standard[format] as string) : format;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const hour = date.getUTCHours();
  const minute = date.getUTCMinutes();
  const second = date.getUTCSeconds();
  const milli = date.getUTCMilliseconds();
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '%') {
      i++;
      continue;
    }
    if (ch === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const close = pattern.indexOf(ch, i + 1);
      const end = close < 0 ? pattern.length : close;
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run++;
    switch (ch) {
      case 'd':
        out += run === 1 ? String(day) : run === 2 ? pad(day, 2) : run === 3 ? (dayNames[date.getUTCDay()] as string).slice(0, 3) : (dayNames[date.getUTCDay()] as string);
        break;
      case 'M':
        out += run === 1 ? String(month + 1) : run === 2 ? pad(month + 1, 2) : run === 3 ? (monthNames[month] as string).slice(0, 3) : (monthNames[month] as string);
        break;
      case 'y':
        out += run === 1 ? String(year % 100) : run === 2 ? pad(year % 100, 2) : pad(year, run);
        break;
      case 'h': {
        const twelve = hour % 12 === 0 ? 12 : hour % 12;
        out += run === 1 ? String(twelve) : pad(twelve, 2);
        break;
      }
      case 'H':
        out += run === 1 ? String(hour) : pad(hour, 2);
        break;
      case 'm':
        out += run === 1 ? String(minute) : pad(minute, 2);
        break;
      case 's':
        out += run === 1 ? String(second) : pad(second, 2);
        break;
      case 'f':
        out += pad(milli, 3).padEnd(run, '0').slice(0, run);
        break;
      case 'F': {
        const digits = pad(milli, 3).padEnd(run, '0').slice(0, run).replace(/0+$/, '');
        out += digits;
        break;
      }
      case 't':
        out += run === 1 ? (hour < 12 ? 'A' : 'P') : hour < 12 ? 'AM' : 'PM';
        break;
      default:
        out += ch.repeat(run);
    }
    i += run;
  }
  return out;
}

export const dateUnits = ['year', 'month', 'day', 'hour', 'minute', 'second', 'week', 'dayofyear', 'weekday', 'quarter'] as const;

/** Adds whole units to a date/time; months and years keep the day where the month has it. */
export function addToDate(ms: number, unit: string, amount: number): number | undefined {
  const date = new Date(ms);
  switch (unit.toLowerCase()) {
    case 'year':
    case 'yyyy':
    case 'yy':
      date.setUTCFullYear(date.getUTCFullYear() + Math.trunc(amount));
      return date.getTime();
    case 'quarter':
    case 'q':
      date.setUTCMonth(date.getUTCMonth() + 3 * Math.trunc(amount));
      return date.getTime();
    case 'month':
    case 'm':
    case 'mm':
      date.setUTCMonth(date.getUTCMonth() + Math.trunc(amount));
      return date.getTime();
    case 'week':
    case 'wk':
    case 'ww':
      return ms + amount * 7 * dayMs;
    case 'day':
    case 'd':
    case 'dd':
    case 'dayofyear':
    case 'y':
    case 'weekday':
    case 'w':
      return ms + amount * dayMs;
    case 'hour':
    case 'hh':
      return ms + amount * 3_600_000;
    case 'minute':
    case 'mi':
    case 'n':
      return ms + amount * 60_000;
    case 'second':
    case 'ss':
    case 's':
      return ms + amount * 1000;
    default:
      return undefined;
  }
}

/** Whole units from the first date to the second (negative when the second is earlier). */
export function dateDifference(unit: string, from: number, to: number): number | undefined {
  const a = new Date(from);
  const b = new Date(to);
  switch (unit.toLowerCase()) {
    case 'year':
    case 'yyyy':
    case 'yy':
      return b.getUTCFullYear() - a.getUTCFullYear();
    case 'quarter':
    case 'q':
      return Math.floor(b.getUTCMonth() / 3) - Math.floor(a.getUTCMonth() / 3) + 4 * (b.getUTCFullYear() - a.getUTCFullYear());
    case 'month':
    case 'm':
    case 'mm':
      return b.getUTCMonth() - a.getUTCMonth() + 12 * (b.getUTCFullYear() - a.getUTCFullYear());
    case 'week':
    case 'wk':
    case 'ww':
      return Math.trunc((to - from) / (7 * dayMs));
    case 'day':
    case 'd':
    case 'dd':
    case 'dayofyear':
    case 'y':
      return Math.trunc((to - from) / dayMs);
    case 'hour':
    case 'hh':
      return Math.trunc((to - from) / 3_600_000);
    case 'minute':
    case 'mi':
    case 'n':
      return Math.trunc((to - from) / 60_000);
    case 'second':
    case 'ss':
    case 's':
      return Math.trunc((to - from) / 1000);
    default:
      return undefined;
  }
}

/** One part of a date/time by unit name. */
export function datePart(unit: string, ms: number): number | undefined {
  const date = new Date(ms);
  switch (unit.toLowerCase()) {
    case 'year':
    case 'yyyy':
    case 'yy':
      return date.getUTCFullYear();
    case 'quarter':
    case 'q':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'month':
    case 'm':
    case 'mm':
      return date.getUTCMonth() + 1;
    case 'day':
    case 'd':
    case 'dd':
      return date.getUTCDate();
    case 'dayofyear':
    case 'y':
      return Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / dayMs) + 1;
    case 'weekday':
    case 'dw':
    case 'w':
      return date.getUTCDay();
    case 'hour':
    case 'hh':
      return date.getUTCHours();
    case 'minute':
    case 'mi':
    case 'n':
      return date.getUTCMinutes();
    case 'second':
    case 'ss':
    case 's':
      return date.getUTCSeconds();
    default:
      return undefined;
  }
}
