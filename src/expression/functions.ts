import { createHash, createHmac } from 'node:crypto';
import { addToDate, dateDifference, datePart, dateText, formatDate, fromOle, parseDate, toOle } from './dates.ts';
import { asNumber, elements, isRecord, numberText, toText, type Value } from './values.ts';

/** What a built-in function may ask of the contact running it. */
export interface FunctionEnvironment {
  /** The virtual clock, as wall-clock milliseconds (no time zone). */
  now(): number;
  /** A number in [0, 1) from the contact's seeded generator, so runs repeat. */
  random(): number;
}

/** A failure a function reports; the Snippet action turns it into `_ERR` and its Error branch. */
export class LanguageError extends Error {}

/** A text value grew past the limit (the contact's maxValueChars). */
export class TextTooLong extends LanguageError {
  readonly length: number;
  readonly limit: number;
  constructor(length: number, limit: number) {
    super(`A text value grew to ${length} characters, over the limit of ${limit}`);
    this.length = length;
    this.limit = limit;
  }
}

export interface BuiltinFunction {
  /** Lower-case name; calls are matched without case (`asJSON` is `asjson`). */
  name: string;
  /** Fewest and most arguments, counting the object of the method form (`x.f(a)` is `f(x, a)`). */
  arity: [number, number];
  /** How it is written, for the README's table. */
  signature: string;
  summary: string;
  /** A call and its result, checked by the tests and shown in the README. */
  example: [string, string];
  /** Where the vendor documents it; absent when studio-sim chose it (the README marks those). */
  source?: string;
  call(args: readonly Value[], env: FunctionEnvironment): Value;
}

const text = (value: Value | undefined) => toText(value);
const num = (value: Value | undefined): number => asNumber(value) ?? 0;
const int = (value: Value | undefined): number => Math.trunc(num(value));

/** A date/time argument: date text, or an OLE Automation number. */
function dateOf(value: Value | undefined, what: string): number {
  const n = typeof value === 'number' ? value : undefined;
  if (n !== undefined) return fromOle(n);
  const parsed = parseDate(text(value));
  if (parsed === undefined) throw new LanguageError(`${what}: "${text(value)}" is not a date/time`);
  return parsed;
}

function unitOf(value: Value | undefined, what: string): string {
  const unit = text(value).toLowerCase();
  if (datePart(unit, 0) === undefined) throw new LanguageError(`${what}: "${text(value)}" is not a date unit (year, quarter, month, week, day, hour, minute, second)`);
  return unit;
}

/** Leaf values as text, as the vendor says asjson() does ("everything becomes a string"). */
const stringLeaves = (_key: string, value: unknown): unknown => (typeof value === 'number' || typeof value === 'boolean' ? toText(value) : value);

/** Conversions to JSON or XML longer than this are truncated. */
export const maxObjectChars = 32 * 1024;

const dynamicDataObjects = 'https://help.nicecxone.com/zh-cn/content/studio/guide/dynamicdataobjects.htm';
const builtIn = 'https://help.nicecxone.com/zh-cn/content/studio/guide/functionsbuiltin.htm';
const functionsPage = 'https://help.nicecxone.com/zh-cn/content/studio/guide/functions.htm';
const arrays = 'https://help.nicecxone.com/zh-cn/content/studio/guide/arrays.htm';
const restProxyPage = 'https://help.nicecxone.com/content/Studio/advanced/apis/apicallsfromsnippetaction.htm';

export const builtinFunctions: readonly BuiltinFunction[] = [
  // --- numbers
  { name: 'abs', arity: [1, 1], signature: 'abs(n)', summary: 'Absolute value.', example: ['abs(-42)', '42'], source: functionsPage, call: ([a]) => Math.abs(num(a)) },
  { name: 'logn', arity: [2, 2], signature: 'logn(n, base)', summary: 'Logarithm of n to the given base.', example: ['logn(8, 2)', '3'], source: functionsPage, call: ([a, b]) => finite(Math.log(num(a)) / Math.log(num(b)), 'logn') },
  { name: 'random', arity: [1, 1], signature: 'random(n)', summary: 'A whole number from 0 to n - 1 (seeded per contact, so runs repeat).', example: ['random(1)', '0'], source: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/userfunctions.htm', call: ([a], env) => Math.floor(env.random() * Math.max(0, int(a))) },
  { name: 'ceiling', arity: [1, 1], signature: 'ceiling(n)', summary: 'Smallest whole number not below n.', example: ['ceiling(1.2)', '2'], source: builtIn, call: ([a]) => Math.ceil(num(a)) },
  { name: 'floor', arity: [1, 1], signature: 'floor(n)', summary: 'Largest whole number not above n.', example: ['floor(1.8)', '1'], call: ([a]) => Math.floor(num(a)) },
  { name: 'round', arity: [1, 2], signature: 'round(n[, digits])', summary: 'n rounded half away from zero to digits decimals (0 by default).', example: ['round(2.345, 2)', '2.35'], call: ([a, d]) => roundTo(num(a), d === undefined ? 0 : int(d)) },
  { name: 'trunc', arity: [1, 1], signature: 'trunc(n)', summary: 'The whole-number part of n.', example: ['trunc(-2.7)', '-2'], call: ([a]) => Math.trunc(num(a)) },
  { name: 'max', arity: [1, 100], signature: 'max(a, b, ...)', summary: 'The largest of the numbers.', example: ['max(3, 9, 4)', '9'], call: (args) => Math.max(...args.map(num)) },
  { name: 'min', arity: [1, 100], signature: 'min(a, b, ...)', summary: 'The smallest of the numbers.', example: ['min(3, 9, 4)', '3'], call: (args) => Math.min(...args.map(num)) },
  { name: 'sqrt', arity: [1, 1], signature: 'sqrt(n)', summary: 'Square root.', example: ['sqrt(16)', '4'], call: ([a]) => finite(Math.sqrt(num(a)), 'sqrt') },
  { name: 'isnumeric', arity: [1, 1], signature: 'isnumeric(v)', summary: '1 when v reads as a number, else 0.', example: ['isnumeric("12.5")', '1'], call: ([a]) => (asNumber(a) === undefined ? 0 : 1) },
  { name: 'asnumber', arity: [1, 1], signature: 'asnumber(v)', summary: 'v as a number; text that is not one gives 0.', example: ['asnumber("42")', '42'], call: ([a]) => num(a) },
  { name: 'fmtnumber', arity: [2, 2], signature: 'fmtnumber(n, format)', summary: 'n formatted with a .NET-style pattern of 0 # , and . (e.g. "#,##0.00").', example: ['fmtnumber(1234.5, "#,##0.00")', '1,234.50'], call: ([a, f]) => formatNumber(num(a), text(f)) },
  // --- text
  { name: 'len', arity: [1, 1], signature: 'len(s)', summary: 'Number of characters.', example: ['len("Odin")', '4'], call: ([a]) => text(a).length },
  { name: 'length', arity: [1, 1], signature: 'length(s)', summary: 'Number of characters (s.length()).', example: ['"Odin".length()', '4'], call: ([a]) => text(a).length },
  { name: 'upper', arity: [1, 1], signature: 'upper(s)', summary: 'Upper case.', example: ['upper("odin")', 'ODIN'], call: ([a]) => text(a).toUpperCase() },
  { name: 'lower', arity: [1, 1], signature: 'lower(s)', summary: 'Lower case.', example: ['lower("ODIN")', 'odin'], call: ([a]) => text(a).toLowerCase() },
  { name: 'left', arity: [2, 2], signature: 'left(s, n)', summary: 'The first n characters.', example: ['left("Beowulf", 3)', 'Beo'], call: ([a, n]) => text(a).slice(0, Math.max(0, int(n))) },
  { name: 'right', arity: [2, 2], signature: 'right(s, n)', summary: 'The last n characters.', example: ['right("Beowulf", 4)', 'wulf'], call: ([a, n]) => (int(n) <= 0 ? '' : text(a).slice(-int(n))) },
  { name: 'mid', arity: [2, 3], signature: 'mid(s, start[, count])', summary: 'count characters from position start (1 is the first); to the end without count.', example: ['mid("Beowulf", 2, 3)', 'eow'], call: ([a, s, c]) => text(a).substr(Math.max(0, int(s) - 1), c === undefined ? undefined : Math.max(0, int(c))) },
  { name: 'trim', arity: [1, 1], signature: 'trim(s)', summary: 'Without leading and trailing spaces.', example: ['trim("  Thor ")', 'Thor'], call: ([a]) => text(a).trim() },
  { name: 'ltrim', arity: [1, 1], signature: 'ltrim(s)', summary: 'Without leading spaces.', example: ['ltrim("  Thor")', 'Thor'], call: ([a]) => text(a).trimStart() },
  { name: 'rtrim', arity: [1, 1], signature: 'rtrim(s)', summary: 'Without trailing spaces.', example: ['rtrim("Thor  ")', 'Thor'], call: ([a]) => text(a).trimEnd() },
  { name: 'replace', arity: [3, 3], signature: 'replace(s, find, with)', summary: 'Every occurrence of find replaced (case-sensitive).', example: ['replace("a-b-c", "-", "+")', 'a+b+c'], call: ([a, f, w]) => (text(f) === '' ? text(a) : text(a).split(text(f)).join(text(w))) },
  { name: 'contains', arity: [2, 2], signature: 'contains(s, part)', summary: '1 when s contains part, else 0.', example: ['contains("Beowulf", "wulf")', '1'], call: ([a, p]) => (text(a).includes(text(p)) ? 1 : 0) },
  { name: 'startswith', arity: [2, 2], signature: 'startswith(s, part)', summary: '1 when s starts with part, else 0.', example: ['startswith("Beowulf", "Beo")', '1'], call: ([a, p]) => (text(a).startsWith(text(p)) ? 1 : 0) },
  { name: 'endswith', arity: [2, 2], signature: 'endswith(s, part)', summary: '1 when s ends with part, else 0.', example: ['endswith("Beowulf", "wulf")', '1'], call: ([a, p]) => (text(a).endsWith(text(p)) ? 1 : 0) },
  { name: 'instr', arity: [2, 2], signature: 'instr(s, part)', summary: 'Position of part in s (1 is the first character), 0 when absent.', example: ['instr("Beowulf", "w")', '4'], call: ([a, p]) => text(a).indexOf(text(p)) + 1 },
  { name: 'char', arity: [1, 1], signature: 'char(code)', summary: 'The character with this code (char(10) is a line feed).', example: ['char(65)', 'A'], call: ([a]) => String.fromCharCode(int(a) & 0xffff) },
  { name: 'split', arity: [2, 2], signature: 'split(s, delimiter)', summary: 'Text split at delimiter into a string array (parts joined by |).', example: ['split("a,b,c", ",")', 'a|b|c'], call: ([a, d]) => (text(d) === '' ? text(a) : text(a).split(text(d)).join('|')) },
  { name: 'tostring', arity: [1, 1], signature: 'tostring(v)', summary: 'v as text.', example: ['tostring(12)', '12'], call: ([a]) => text(a) },
  // --- arrays and objects
  { name: 'size', arity: [1, 1], signature: 'size(array)', summary: 'Number of elements (also written array.size).', example: ['"Wes|Nate|Dan|Clay".size()', '4'], source: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm', call: ([a]) => elements(a).length },
  { name: 'count', arity: [1, 1], signature: 'count(array)', summary: 'Number of elements (as size).', example: ['count("a|b")', '2'], call: ([a]) => elements(a).length },
  { name: 'indexof', arity: [2, 2], signature: 'indexof(array, value)', summary: 'Index of the first element equal to value (1 is the first), 0 when absent.', example: ['indexof("Odin|Freya|Thor", "Thor")', '3'], source: arrays, call: ([a, v]) => elements(a).findIndex((e) => text(e) === text(v)) + 1 },
  { name: 'index', arity: [2, 2], signature: 'index(array, i)', summary: 'Element i (1 is the first), empty when there is none.', example: ['index("Odin|Freya|Thor", 2)', 'Freya'], source: arrays, call: ([a, i]) => elements(a)[int(i) - 1] ?? '' },
  { name: 'asjson', arity: [1, 1], signature: 'asjson(object)', summary: 'A dynamic data object as JSON text, every value as a string; over 32 KB it is truncated.', example: ['asjson(o)', '{"name":"Beowulf"}'], source: dynamicDataObjects, call: ([a]) => asJson(a) },
  // --- REST calls (https://help.nicecxone.com/content/Studio/advanced/apis/apicallsfromsnippetaction.htm)
  {
    name: 'getrestproxy',
    arity: [0, 0],
    signature: 'GetRESTProxy()',
    summary: 'A REST proxy object: StatusCode and StatusDescription (read-only, set by MakeRestRequest), ContentType (application/x-www-form-urlencoded by default) and ProxyTimeoutSeconds (10 by default).',
    example: ['GetRESTProxy().ProxyTimeoutSeconds', '10'],
    source: restProxyPage,
    call: () => ({ StatusCode: '', StatusDescription: '', ContentType: 'application/x-www-form-urlencoded', ProxyTimeoutSeconds: 10 }),
  },
  {
    name: 'makerestrequest',
    arity: [3, 5],
    signature: 'proxy.MakeRestRequest(url, payload, parser[, verb])',
    summary: 'Sends the request (parser 0 JSON, 1 XML, 2 JSON ignoring the body, 3 XML ignoring it; verb GET when the payload is empty, else POST, unless given) and returns the JSON body as a dynamic object, or -1 when it fails (no answer in time, not JSON, over 32 KB). Answered by the scenario\'s http mocks; here no scenario answers, so -1.',
    example: ['GetRESTProxy().MakeRestRequest("https://api.example.com/ping", "", 0)', '-1'],
    source: restProxyPage,
    // The interpreter runs it (it writes the proxy's StatusCode back); this entry is for arity checks and the README.
    call: () => {
      throw new LanguageError('MakeRestRequest() is a function of the object GetRESTProxy() returns');
    },
  },
  // --- dates and times
  { name: 'now', arity: [0, 0], signature: 'now()', summary: 'The current date/time of the (virtual) clock.', example: ['now()', '1/1/2026 12:00:00 AM'], source: builtIn, call: (_args, env) => dateText(env.now()) },
  { name: 'asdate', arity: [1, 1], signature: 'asdate(v)', summary: 'v as a date/time in the default format.', example: ['asdate("2023-02-09")', '2/9/2023 12:00:00 AM'], source: builtIn, call: ([a]) => dateText(dateOf(a, 'asdate')) },
  { name: 'asdatetime', arity: [1, 2], signature: 'asdatetime(v[, format])', summary: 'v as a date/time, in format when given.', example: ['asdatetime("2/9/2023 8:00", "yyyy-MM-dd HH:mm")', '2023-02-09 08:00'], source: builtIn, call: ([a, f]) => (f === undefined ? dateText(dateOf(a, 'asdatetime')) : formatDate(dateOf(a, 'asdatetime'), text(f))) },
  { name: 'astime', arity: [1, 1], signature: 'astime(v)', summary: 'The time of day of v.', example: ['astime("2/9/2023 8:05:00 PM")', '8:05:00 PM'], source: builtIn, call: ([a]) => formatDate(dateOf(a, 'astime'), 'h:mm:ss tt') },
  { name: 'asdatedow', arity: [1, 1], signature: 'asdatedow(v)', summary: 'Day of week of v, 0 (Sunday) to 6.', example: ['asdatedow("4/23/2023")', '0'], source: builtIn, call: ([a]) => new Date(dateOf(a, 'asdatedow')).getUTCDay() },
  { name: 'dow', arity: [1, 1], signature: 'dow(v)', summary: 'Day of week of v, 0 (Sunday) to 6.', example: ['dow("4/22/2023")', '6'], source: builtIn, call: ([a]) => new Date(dateOf(a, 'dow')).getUTCDay() },
  { name: 'asisodatetime', arity: [1, 1], signature: 'asisodatetime(v)', summary: 'v in ISO 8601 (yyyy-MM-ddTHH:mm:ss.fff+00:00).', example: ['asisodatetime("2/9/2023 8:00 AM")', '2023-02-09T08:00:00.000+00:00'], source: builtIn, call: ([a]) => `${formatDate(dateOf(a, 'asisodatetime'), "yyyy-MM-dd'T'HH:mm:ss.fff")}+00:00` },
  { name: 'asgmt', arity: [1, 1], signature: 'asgmt(v)', summary: 'v converted to GMT (the simulated business unit is on GMT, so unchanged).', example: ['asgmt("2/9/2023 8:00 AM")', '2/9/2023 8:00:00 AM'], source: builtIn, call: ([a]) => dateText(dateOf(a, 'asgmt')) },
  { name: 'asutc', arity: [1, 1], signature: 'asutc(v)', summary: 'v converted to UTC (as asgmt).', example: ['asutc("2/9/2023 8:00 AM")', '2/9/2023 8:00:00 AM'], source: builtIn, call: ([a]) => dateText(dateOf(a, 'asutc')) },
  { name: 'asole', arity: [1, 1], signature: 'asole(v)', summary: 'v as an OLE Automation date number (days since 12/30/1899).', example: ['asole("12/31/1899 6:00 AM")', '1.25'], call: ([a]) => toOle(dateOf(a, 'asole')) },
  { name: 'datefmt', arity: [2, 2], signature: 'datefmt(date, format)', summary: 'A date/time as text in a .NET custom format; a lone specifier needs % (%m).', example: ['datefmt("4/22/2023", "ddd MMM dd yyyy")', 'Sat Apr 22 2023'], source: 'https://help.nicecxone.com/zh-cn/content/studio/guide/datetimenumberformats.htm', call: ([a, f]) => formatDate(dateOf(a, 'datefmt'), text(f)) },
  { name: 'datebuild', arity: [3, 3], signature: 'datebuild(year, month, day)', summary: 'A date from its parts.', example: ['datebuild(2023, 2, 9)', '2/9/2023 12:00:00 AM'], source: builtIn, call: ([y, m, d]) => dateText(buildDate(int(y), int(m), int(d), 0, 0, 0)) },
  { name: 'datetimebuild', arity: [6, 6], signature: 'datetimebuild(year, month, day, hour, minute, second)', summary: 'A date/time from its parts.', example: ['datetimebuild(2022, 4, 4, 4, 29, 12)', '4/4/2022 4:29:12 AM'], source: builtIn, call: ([y, m, d, h, mi, s]) => dateText(buildDate(int(y), int(m), int(d), int(h), int(mi), int(s))) },
  { name: 'dateadd', arity: [3, 3], signature: 'dateadd(unit, date, amount)', summary: 'date moved by amount units (year, quarter, month, week, day, hour, minute, second).', example: ['dateadd("day", "2/9/2023", 3)', '2/12/2023 12:00:00 AM'], source: builtIn, call: ([u, d, n]) => dateText(addToDate(dateOf(d, 'dateadd'), unitOf(u, 'dateadd'), num(n)) as number) },
  { name: 'datediff', arity: [3, 3], signature: 'datediff(unit, date1, date2)', summary: 'Whole units from date1 to date2.', example: ['datediff("day", "2/9/2023", "2/19/2023")', '10'], source: builtIn, call: ([u, a, b]) => dateDifference(unitOf(u, 'datediff'), dateOf(a, 'datediff'), dateOf(b, 'datediff')) as number },
  { name: 'datepart', arity: [2, 2], signature: 'datepart(date, unit)', summary: 'One part of a date/time (date.datepart("month")).', example: ['datepart("2/9/2023", "month")', '2'], source: builtIn, call: ([d, u]) => datePart(unitOf(u, 'datepart'), dateOf(d, 'datepart')) as number },
  // --- encoding and hashing
  { name: 'urlencode', arity: [1, 1], signature: 'urlencode(s)', summary: 'Percent-encoded for a URL.', example: ['urlencode("a b&c")', 'a%20b%26c'], call: ([a]) => encodeURIComponent(text(a)) },
  { name: 'urldecode', arity: [1, 1], signature: 'urldecode(s)', summary: 'Percent-decoded.', example: ['urldecode("a%20b")', 'a b'], call: ([a]) => decodeUrl(text(a)) },
  { name: 'base64encode', arity: [1, 1], signature: 'base64encode(s)', summary: 'UTF-8 text as Base64.', example: ['base64encode("Odin")', 'T2Rpbg=='], call: ([a]) => Buffer.from(text(a), 'utf8').toString('base64') },
  { name: 'base64decode', arity: [1, 1], signature: 'base64decode(s)', summary: 'Base64 back to text.', example: ['base64decode("T2Rpbg==")', 'Odin'], call: ([a]) => Buffer.from(text(a), 'base64').toString('utf8') },
  { name: 'md5', arity: [1, 1], signature: 'md5(s)', summary: 'MD5 of the UTF-8 text, lower-case hex.', example: ['md5("abc")', '900150983cd24fb0d6963f7d28e17f72'], call: ([a]) => createHash('md5').update(text(a), 'utf8').digest('hex') },
  { name: 'sha1', arity: [1, 1], signature: 'sha1(s)', summary: 'SHA-1 of the UTF-8 text, lower-case hex.', example: ['sha1("abc")', 'a9993e364706816aba3e25717850c26c9cd0d89d'], call: ([a]) => createHash('sha1').update(text(a), 'utf8').digest('hex') },
  { name: 'sha256', arity: [1, 1], signature: 'sha256(s)', summary: 'SHA-256 of the UTF-8 text, lower-case hex.', example: ['sha256("abc")', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'], call: ([a]) => createHash('sha256').update(text(a), 'utf8').digest('hex') },
  { name: 'hmacsha256', arity: [2, 2], signature: 'hmacsha256(s, key)', summary: 'HMAC-SHA-256 of the text with key, Base64.', example: ['hmacsha256("abc", "key")', 'nBluMtwBdfhvSxy4konWYZ3mvuaZ5MN45oMJ7Zehpqs='], call: ([a, k]) => createHmac('sha256', text(k)).update(text(a), 'utf8').digest('base64') },
];

const byName = new Map(builtinFunctions.map((f) => [f.name, f]));

export function builtinFunction(name: string): BuiltinFunction | undefined {
  return byName.get(name.toLowerCase());
}

function finite(n: number, what: string): number {
  if (!Number.isFinite(n)) throw new LanguageError(`${what} has no finite result for these arguments`);
  return n;
}

function roundTo(n: number, digits: number): number {
  const factor = 10 ** Math.max(0, Math.min(15, digits));
  return (Math.sign(n) * Math.round(Math.abs(n) * factor + Number.EPSILON)) / factor;
}

function buildDate(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const parsed = parseDate(`${month}/${day}/${year} ${hour}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`);
  if (parsed === undefined) throw new LanguageError(`${month}/${day}/${year} ${hour}:${minute}:${second} is not a date/time`);
  return parsed;
}

function decodeUrl(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new LanguageError(`urldecode: "${value}" is not valid percent-encoding`);
  }
}

export function asJson(value: Value | undefined): string {
  if (value === undefined || (!isRecord(value) && !Array.isArray(value))) {
    throw new LanguageError(`asjson() needs a dynamic data object; this value is ${value === undefined || value === '' ? 'empty' : `"${text(value)}"`}`);
  }
  const json = JSON.stringify(value, stringLeaves);
  return json.length > maxObjectChars ? json.slice(0, maxObjectChars) : json;
}

/** .NET-style custom number formats: `0` keeps a digit, `#` drops a leading zero, `,` groups thousands, `.` places the decimals. */
function formatNumber(n: number, format: string): string {
  const [whole = '', fraction = ''] = format.split('.');
  const decimals = (fraction.match(/[0#]/g) ?? []).length;
  const required = (fraction.match(/0/g) ?? []).length;
  let fixed = roundTo(Math.abs(n), decimals).toFixed(decimals);
  if (decimals > required) fixed = fixed.replace(new RegExp(`0{1,${decimals - required}}$`), '').replace(/\.$/, '');
  let [intPart = '0', fracPart] = fixed.split('.');
  const minInt = (whole.match(/0/g) ?? []).length;
  intPart = intPart.padStart(minInt, '0');
  if (minInt === 0 && intPart === '0') intPart = '';
  if (whole.includes(',')) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = fracPart ? `${intPart}.${fracPart}` : intPart;
  return `${n < 0 && /[1-9]/.test(body) ? '-' : ''}${body || '0'}`;
}

export { numberText };
