import type { JsonSchema } from '../actions/types.ts';
import type { PathSegment } from '../diagnostics/diagnostic.ts';
import { dayNames, instantOf, isTimeZone, parseWallTime } from '../runtime/calendar.ts';
import { overrideBranches, periodText, type HoursProfile, type Period } from '../runtime/hours.ts';

/** A problem in the clock or hours profiles, at a path of the scenario document. */
export interface CalendarProblem {
  path: PathSegment[];
  code: 'invalid-hours' | 'unknown-time-zone' | 'invalid-value';
  message: string;
  hint: string;
}

/** Virtual time 0 when the scenario gives no `clock.startAt`: 1/1/2026 12:00 AM, as the language's now() has always read it. */
export const defaultCalendarStart = Date.UTC(2026, 0, 1);

/** The calendar the virtual clock runs on: the instant of virtual time 0 and the business unit's zone. */
export interface Calendar {
  /** The UTC instant of virtual time 0. */
  startMs: number;
  timeZone: string;
  /** The scenario gave clock.startAt (agent events' StartTimeUTC then follow it too). */
  explicit: boolean;
}

const periodPattern = '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$';
const datePattern = '^\\d{4}-\\d{2}-\\d{2}$';
const dateTimePattern = '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$';
const zoneSchema = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description, examples: ['America/New_York', 'Europe/London', 'UTC'] });

const periods = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string', pattern: periodPattern, description: 'Opens-closes, 24-hour, e.g. "08:00-12:00"; "24:00" closes at midnight.' },
  examples: [['08:00-12:00', '13:00-17:00'], []],
});

/** The scenario's `clock` section. */
export const clockSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The calendar the virtual clock runs on: virtual time 0 is `startAt` in `timeZone`. now() in the Studio language, the Hours action and StartTimeUTC in agent events read it.',
  properties: {
    startAt: { type: 'string', pattern: dateTimePattern, description: 'The date and wall-clock time the contact starts at, in timeZone (no zone suffix).', examples: ['2026-12-24T17:55:00'] },
    timeZone: zoneSchema('The business unit\'s IANA time zone; hours profiles without their own zone use it. Default UTC.'),
  },
  examples: [{ startAt: '2026-12-24T17:55:00', timeZone: 'America/New_York' }],
};

/** One hours-of-operation profile (also the shape of each entry of a shared hours.yaml). */
export const hoursProfileSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'An hours-of-operation profile, as set up in ACD: weekly open hours (several periods make a split day), holidays and override branches.',
  properties: {
    timeZone: zoneSchema('The zone the hours are in; default the clock\'s timeZone.'),
    days: {
      type: 'object',
      additionalProperties: false,
      description: 'Open periods for each weekday; a day left out, or `[]`, is closed all day.',
      properties: Object.fromEntries(dayNames.map((day) => [day, periods(`Open periods on ${day}.`)])),
      examples: [{ Monday: ['08:00-12:00', '13:00-17:00'], Saturday: [] }],
    },
    holidays: {
      type: 'array',
      description: 'Dates the profile is on holiday (the Hours action takes OnHoliday): the whole date, or only the `hours` given.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date'],
        properties: {
          name: { type: 'string', description: 'The holiday\'s name, for notes.', examples: ['Christmas'] },
          date: { type: 'string', pattern: datePattern, description: 'yyyy-MM-dd, in the profile\'s zone.', examples: ["2026-12-25"] },
          hours: periods('The periods of the date the holiday covers; all day when left out.'),
        },
      },
      examples: [[{ name: 'Christmas', date: "2026-12-25" }, { name: 'Christmas Eve', date: "2026-12-24", hours: ['13:00-24:00'] }]],
    },
    overrides: {
      type: 'array',
      description: 'Override branches invoked on the profile (Hours takes On<branch>): in effect from `from` (from the start when left out) until `expires` (until turned off when left out).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['branch'],
        properties: {
          branch: { enum: [...overrideBranches], description: 'The override branch invoked.' },
          from: { type: 'string', pattern: dateTimePattern, description: 'When it was invoked, in the profile\'s zone.', examples: ['2026-12-24T08:00'] },
          expires: { type: 'string', pattern: dateTimePattern, description: 'Its expiration date and time, in the profile\'s zone.', examples: ['2026-12-24T12:00'] },
        },
      },
      examples: [[{ branch: 'Weather', expires: '2026-12-24T12:00' }]],
    },
  },
};

/** The scenario's `hours` section: profiles by name, as the Hours action's Profile names them. */
export const hoursSchema: JsonSchema = {
  type: 'object',
  description: 'Hours-of-operation profiles by name (the Hours action\'s Profile). Profiles in a shared hours.yaml beside the scenario are read too; the scenario\'s own win.',
  propertyNames: { minLength: 1 },
  additionalProperties: hoursProfileSchema,
  examples: [{ Support: { timeZone: 'America/New_York', days: { Monday: ['08:00-12:00', '13:00-17:00'] }, holidays: [{ name: 'Christmas', date: "2026-12-25" }] } }],
};

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads `clock`; problems go to `problems`. */
export function readCalendar(data: unknown, problems: CalendarProblem[]): Calendar {
  const clock = isRecord(data) ? data : {};
  let timeZone = 'UTC';
  if (typeof clock['timeZone'] === 'string') {
    if (isTimeZone(clock['timeZone'])) timeZone = clock['timeZone'];
    else problems.push(unknownZone(['clock', 'timeZone'], clock['timeZone']));
  }
  let startMs = defaultCalendarStart;
  let explicit = false;
  if (typeof clock['startAt'] === 'string') {
    const wall = parseWallTime(clock['startAt']);
    if (wall === undefined) problems.push({ path: ['clock', 'startAt'], code: 'invalid-value', message: `clock.startAt "${clock['startAt']}" is not a date and time`, hint: 'Write yyyy-MM-ddTHH:mm:ss, e.g. 2026-12-24T17:55:00 (the time in clock.timeZone).' });
    else {
      startMs = instantOf(wall, timeZone);
      explicit = true;
    }
  }
  return { startMs, timeZone, explicit };
}

function unknownZone(path: PathSegment[], zone: string): CalendarProblem {
  return { path, code: 'unknown-time-zone', message: `"${zone}" is not a time zone`, hint: 'Use an IANA zone name such as America/New_York, Europe/London or UTC.' };
}

/** Reads "08:00-12:00"; a problem (bad time, closing before opening) as text. */
function readPeriod(text: string): Period | string {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return `"${text}" is not a period`;
  const [fromHour, fromMinute, toHour, toMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if (fromHour > 23 || fromMinute > 59) return `"${text}": ${match[1]}:${match[2]} is not a time of day`;
  if (toHour > 24 || toMinute > 59 || (toHour === 24 && toMinute > 0)) return `"${text}": ${match[3]}:${match[4]} is not a time of day`;
  const period = { from: fromHour * 60 + fromMinute, to: toHour * 60 + toMinute };
  if (period.to <= period.from) return `"${text}" closes at ${match[3]}:${match[4]}, not after it opens at ${match[1]}:${match[2]}`;
  return period;
}

/** The periods of a day or holiday; bad ones and overlaps become problems. */
function readPeriods(list: unknown, path: PathSegment[], problems: CalendarProblem[]): Period[] {
  const read: Array<{ period: Period; index: number }> = [];
  (Array.isArray(list) ? list : []).forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') return;
    const period = readPeriod(entry);
    if (typeof period === 'string') {
      problems.push({ path: [...path, index], code: 'invalid-hours', message: period, hint: 'Write opens-closes in 24-hour time, e.g. "08:00-17:00"; a period cannot cross midnight: write "22:00-24:00" on one day and "00:00-02:00" on the next.' });
      return;
    }
    const clash = read.find((other) => other.period.from < period.to && period.from < other.period.to);
    if (clash) {
      problems.push({ path: [...path, index], code: 'invalid-hours', message: `${periodText(period)} overlaps ${periodText(clash.period)}`, hint: 'Periods of one day must not overlap: merge them into one, or end the first before the second starts.' });
      return;
    }
    read.push({ period, index });
  });
  return read.map((r) => r.period).sort((a, b) => a.from - b.from);
}

/** Reads the `hours` profiles (keyed by lower-case name); problems go to `problems`. */
export function readHoursProfiles(data: unknown, defaultZone: string, problems: CalendarProblem[], at: PathSegment[] = ['hours']): Map<string, HoursProfile> {
  const profiles = new Map<string, HoursProfile>();
  if (!isRecord(data)) return profiles;
  for (const [name, raw] of Object.entries(data)) {
    if (!isRecord(raw)) continue;
    const path = [...at, name];
    let timeZone = defaultZone;
    if (typeof raw['timeZone'] === 'string') {
      if (isTimeZone(raw['timeZone'])) timeZone = raw['timeZone'];
      else problems.push(unknownZone([...path, 'timeZone'], raw['timeZone']));
    }
    const days = isRecord(raw['days']) ? raw['days'] : {};
    const profile: HoursProfile = {
      name,
      timeZone,
      days: dayNames.map((day) => readPeriods(days[day], [...path, 'days', day], problems)),
      holidays: [],
      overrides: [],
    };
    (Array.isArray(raw['holidays']) ? raw['holidays'] : []).forEach((holiday: unknown, index) => {
      if (!isRecord(holiday) || typeof holiday['date'] !== 'string') return;
      const date = holiday['date'];
      if (parseWallTime(date) === undefined) {
        problems.push({ path: [...path, 'holidays', index, 'date'], code: 'invalid-hours', message: `holiday date "${date}" is not a date`, hint: 'Write yyyy-MM-dd, e.g. 2026-12-25.' });
        return;
      }
      const name = typeof holiday['name'] === 'string' ? holiday['name'] : date;
      profile.holidays.push({ name, date, periods: readPeriods(holiday['hours'], [...path, 'holidays', index, 'hours'], problems) });
    });
    (Array.isArray(raw['overrides']) ? raw['overrides'] : []).forEach((override: unknown, index) => {
      if (!isRecord(override) || !overrideBranches.includes(override['branch'] as never)) return;
      const read: HoursProfile['overrides'][number] = { branch: override['branch'] as HoursProfile['overrides'][number]['branch'] };
      for (const key of ['from', 'expires'] as const) {
        const text = override[key];
        if (typeof text !== 'string') continue;
        const wall = parseWallTime(text);
        if (wall === undefined) problems.push({ path: [...path, 'overrides', index, key], code: 'invalid-hours', message: `override ${key} "${text}" is not a date and time`, hint: 'Write yyyy-MM-ddTHH:mm, e.g. 2026-12-24T12:00, in the profile\'s time zone.' });
        else read[key] = wall;
      }
      if (read.from !== undefined && read.expires !== undefined && read.expires <= read.from) {
        problems.push({ path: [...path, 'overrides', index, 'expires'], code: 'invalid-hours', message: `the ${read.branch} override expires before it starts`, hint: 'Set expires after from, or leave from out (in effect from the start).' });
        return;
      }
      profile.overrides.push(read);
    });
    profiles.set(name.toLowerCase(), profile);
  }
  return profiles;
}

/** The JSON Schema of a shared hours.yaml (written to schemas/hours.schema.json): profiles by name. */
export function buildHoursSchema(): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'studio-sim hours-of-operation profiles', ...hoursSchema };
}
