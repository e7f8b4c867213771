import { dayNames, describeWall, instantOf, wallTime } from './calendar.ts';

/** The override branches an hours-of-operation profile can invoke. */
export const overrideBranches = ['Weather', 'Meeting', 'Emergency', 'Other'] as const;
export type OverrideBranch = (typeof overrideBranches)[number];

/** A period of a day, in minutes after midnight: open from `from` until just before `to` (1440 is midnight at the end of the day). */
export interface Period {
  from: number;
  to: number;
}

/** An hours-of-operation profile as the scenario (or a shared hours.yaml) declares it. */
export interface HoursProfile {
  name: string;
  /** The IANA zone its hours are in (the business unit's). */
  timeZone: string;
  /** Open periods by weekday, Sunday first; an empty day is closed all day. */
  days: Period[][];
  /** A holiday covers its whole date, or the periods given. */
  holidays: Array<{ name: string; date: string; periods: Period[] }>;
  /** Invoked overrides: in effect from `from` (always, when absent) until `expires` (until turned off, when absent); wall-clock times in the profile's zone. */
  overrides: Array<{ branch: OverrideBranch; from?: number; expires?: number }>;
}

/** What the Hours action finds: the branch (before falling back to Default) and why. */
export interface HoursStatus {
  branch: 'OnOpen' | 'OnClosed' | 'OnHoliday' | `On${OverrideBranch}`;
  why: string;
}

export function periodText(period: Period): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hhmm(period.from)}-${hhmm(period.to)}`;
}

const within = (periods: readonly Period[], minute: number) => periods.find((p) => p.from <= minute && minute < p.to);

/**
 * Whether the profile is open at an instant: an override in effect first,
 * then a holiday on that date, then the weekday's open periods.
 */
export function hoursStatus(profile: HoursProfile, instant: number): HoursStatus {
  const wall = wallTime(instant, profile.timeZone);
  const when = `${describeWall(wall)} ${profile.timeZone}`;
  for (const override of profile.overrides) {
    if (override.from !== undefined && instant < instantOf(override.from, profile.timeZone)) continue;
    if (override.expires !== undefined && instant >= instantOf(override.expires, profile.timeZone)) continue;
    const expiry = override.expires === undefined ? 'until it is turned off' : `until ${describeWall(override.expires)}`;
    return { branch: `On${override.branch}`, why: `${when}: profile ${profile.name} has the ${override.branch} override in effect (${expiry})` };
  }
  const date = new Date(wall).toISOString().slice(0, 10);
  const minute = Math.floor((wall % 86_400_000) / 60_000);
  for (const holiday of profile.holidays) {
    if (holiday.date !== date) continue;
    if (holiday.periods.length === 0) return { branch: 'OnHoliday', why: `${when}: ${date} is the holiday ${holiday.name} in profile ${profile.name}` };
    const period = within(holiday.periods, minute);
    if (period) return { branch: 'OnHoliday', why: `${when}: the holiday ${holiday.name} in profile ${profile.name} covers ${periodText(period)}` };
  }
  const weekday = new Date(wall).getUTCDay();
  const periods = profile.days[weekday] ?? [];
  const open = within(periods, minute);
  if (open) return { branch: 'OnOpen', why: `${when}: profile ${profile.name} is open ${periodText(open)} on ${dayNames[weekday]}` };
  const hours = periods.length === 0 ? 'closed all day' : `open ${periods.map(periodText).join(', ')}`;
  return { branch: 'OnClosed', why: `${when}: profile ${profile.name} is closed (${dayNames[weekday]}: ${hours})` };
}
