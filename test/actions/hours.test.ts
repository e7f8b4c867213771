import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText, loadScriptText, runScript, scriptFolderHours } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { Simulation } from '../../src/runtime/simulation.ts';
import { edges, runYaml } from '../helpers/run.ts';

// https://help.nice-incontact.com/content/studio/actionscx/hours/hours.htm (Profile)
// https://help.staging.nice-incontact.com/content/studio/actions/hours/hours.htm (Default, OnOpen, OnClosed, OnHoliday, OnError, OnWeather, OnMeeting, OnEmergency, OnOther)
// https://help.nice-incontact.com/Content/acd/hoursofoperation/hoursofoperation.htm (an override without its branch follows Default; expiration)

/** Begin -> (an optional Wait) -> check (Hours) with every branch wired to an End named after it. */
const script = (options: { wait?: number; wired?: string[]; profile?: string } = {}) => {
  const wired = options.wired ?? ['Default', 'OnOpen', 'OnClosed', 'OnHoliday', 'OnError', 'OnWeather', 'OnMeeting', 'OnEmergency', 'OnOther'];
  return `name: HoursTest
actions:
  begin: { type: Begin, next: ${options.wait === undefined ? 'check' : 'wait'} }
  wait: { type: Wait, properties: { Seconds: ${options.wait ?? 0} }, next: check }
  check:
    type: Hours
    properties: { Profile: "${options.profile ?? 'Support'}" }
    branches: { ${wired.map((b) => `${b}: ${b.toLowerCase()}`).join(', ')} }
${wired.map((b) => `  ${b.toLowerCase()}: { type: End }`).join('\n')}
`;
};

/** A profile open 09:00-12:00 and 13:00-17:00 on weekdays (a split day), 10:00-14:00 on Saturday, closed Sunday. */
const support = (extra = '', clock = 'startAt: 2026-12-22T08:59:00, timeZone: America/New_York') => `
clock: { ${clock} }
hours:
  Support:
    timeZone: America/New_York
    days:
      Monday: ["09:00-12:00", "13:00-17:00"]
      Tuesday: ["09:00-12:00", "13:00-17:00"]
      Wednesday: ["09:00-12:00", "13:00-17:00"]
      Thursday: ["09:00-12:00", "13:00-17:00"]
      Friday: ["09:00-12:00", "13:00-17:00"]
      Saturday: ["10:00-14:00"]
${extra}`;

const taken = (report: ReturnType<typeof runYaml>) => report.steps.find((s) => s.action === 'check');

describe('Hours', () => {
  it('takes OnClosed at 8:59 and OnOpen at 9:00 on the same weekday', () => {
    const closed = runYaml(script(), support());
    expect(taken(closed)).toMatchObject({ branch: 'OnClosed', next: 'onclosed', notes: ['Tuesday 2026-12-22 08:59:00 America/New_York: profile Support is closed (Tuesday: open 09:00-12:00, 13:00-17:00)'] });
    const open = runYaml(script({ wait: 60 }), support());
    expect(taken(open)).toMatchObject({ at: 60_000, branch: 'OnOpen', notes: ['Tuesday 2026-12-22 09:00:00 America/New_York: profile Support is open 09:00-12:00 on Tuesday'] });
  });

  it('is closed in the gap of a split day and open again in its second period', () => {
    expect(taken(runYaml(script(), support('', 'startAt: 2026-12-22T12:30:00, timeZone: America/New_York')))?.branch).toBe('OnClosed');
    expect(taken(runYaml(script(), support('', 'startAt: 2026-12-22T13:00:00, timeZone: America/New_York')))?.branch).toBe('OnOpen');
    // A period is open until just before it closes.
    expect(taken(runYaml(script(), support('', 'startAt: 2026-12-22T16:59:59, timeZone: America/New_York')))?.branch).toBe('OnOpen');
    expect(taken(runYaml(script(), support('', 'startAt: 2026-12-22T17:00:00, timeZone: America/New_York')))?.branch).toBe('OnClosed');
  });

  it('crosses a day boundary during the call: Saturday 23:59:30 plus a minute is Sunday, closed all day', () => {
    const scenario = `
clock: { startAt: 2026-12-26T23:59:30, timeZone: Europe/Paris }
hours:
  Night:
    days:
      Saturday: ["20:00-24:00"]
      Sunday: ["00:30-06:00"]
      Monday: ["00:00-02:00"]
`;
    const saturday = runYaml(script({ profile: 'Night' }), scenario);
    expect(taken(saturday)).toMatchObject({ branch: 'OnOpen', notes: ['Saturday 2026-12-26 23:59:30 Europe/Paris: profile Night is open 20:00-24:00 on Saturday'] });
    const sunday = runYaml(script({ profile: 'Night', wait: 60 }), scenario);
    expect(taken(sunday)).toMatchObject({ branch: 'OnClosed', notes: ['Sunday 2026-12-27 00:00:30 Europe/Paris: profile Night is closed (Sunday: open 00:30-06:00)'] });
    const later = runYaml(script({ profile: 'Night', wait: 1860 }), scenario);
    expect(taken(later)?.branch).toBe('OnOpen');
  });

  it('reads the profile in its own time zone, not the clock\'s', () => {
    // 14:30 in London is 09:30 in New York.
    const report = runYaml(script(), support('', 'startAt: 2026-12-22T14:30:00, timeZone: Europe/London'));
    expect(taken(report)).toMatchObject({ branch: 'OnOpen', notes: ['Tuesday 2026-12-22 09:30:00 America/New_York: profile Support is open 09:00-12:00 on Tuesday'] });
  });

  it('takes OnHoliday on a holiday, all day or only within its hours', () => {
    const holidays = `    holidays:
      - { name: Christmas, date: 2026-12-25 }
      - { name: Christmas Eve, date: 2026-12-24, hours: ["13:00-24:00"] }
`;
    const christmas = runYaml(script(), support(holidays, 'startAt: 2026-12-25T10:00:00, timeZone: America/New_York'));
    expect(taken(christmas)).toMatchObject({ branch: 'OnHoliday', notes: ['Friday 2026-12-25 10:00:00 America/New_York: 2026-12-25 is the holiday Christmas in profile Support'] });
    const eveMorning = runYaml(script(), support(holidays, 'startAt: 2026-12-24T10:00:00, timeZone: America/New_York'));
    expect(taken(eveMorning)?.branch).toBe('OnOpen');
    const eveAfternoon = runYaml(script(), support(holidays, 'startAt: 2026-12-24T17:55:00, timeZone: America/New_York'));
    expect(taken(eveAfternoon)).toMatchObject({ branch: 'OnHoliday', notes: ['Thursday 2026-12-24 17:55:00 America/New_York: the holiday Christmas Eve in profile Support covers 13:00-24:00'] });
  });

  it('takes the override branch while an override is in effect, and the hours again once it expires', () => {
    const overrides = `    overrides: [{ branch: Weather, from: "2026-12-22T08:00", expires: "2026-12-22T09:30" }]\n`;
    const during = runYaml(script({ wait: 600 }), support(overrides));
    expect(taken(during)).toMatchObject({ branch: 'OnWeather', notes: ['Tuesday 2026-12-22 09:09:00 America/New_York: profile Support has the Weather override in effect (until Tuesday 2026-12-22 09:30:00)'] });
    const after = runYaml(script({ wait: 1860 }), support(overrides));
    expect(taken(after)).toMatchObject({ branch: 'OnOpen' });
    // Before it is invoked the hours apply.
    const before = runYaml(script(), support(`    overrides: [{ branch: Emergency, from: "2026-12-22T09:00" }]\n`));
    expect(taken(before)?.branch).toBe('OnClosed');
  });

  it('overrides a holiday; each override takes its own branch', () => {
    for (const branch of ['Weather', 'Meeting', 'Emergency', 'Other']) {
      const report = runYaml(script(), support(`    holidays: [{ date: 2026-12-22 }]\n    overrides: [{ branch: ${branch} }]\n`));
      expect(taken(report)).toMatchObject({ branch: `On${branch}` });
      expect(taken(report)?.notes?.[0]).toContain(`has the ${branch} override in effect (until it is turned off)`);
    }
  });

  it('follows Default when the branch the profile calls for is not connected', () => {
    const report = runYaml(script({ wired: ['Default', 'OnOpen', 'OnClosed'] }), support(`    overrides: [{ branch: Meeting }]\n`));
    expect(taken(report)).toMatchObject({ branch: 'Default', outcome: 'OnMeeting', next: 'default' });
    expect(taken(report)?.notes?.[1]).toBe('OnMeeting is not connected, so Default follows');
    const holiday = runYaml(script({ wired: ['Default', 'OnOpen'] }), support(`    holidays: [{ date: 2026-12-22 }]\n`));
    expect(taken(holiday)).toMatchObject({ branch: 'Default', outcome: 'OnHoliday' });
  });

  it('takes OnError with _ERR for a profile the scenario does not have, with a did-you-mean', () => {
    const report = runYaml(script({ profile: 'Suport' }), support());
    expect(taken(report)).toMatchObject({ branch: 'OnError', notes: ['hours profile "Suport" is not in the scenario; did you mean "Support"?'] });
    expect(report.variables['_ERR']).toBe('hours profile "Suport" is not in the scenario');
    const none = runYaml(script({ profile: 'Support' }), '');
    expect(taken(none)?.notes).toEqual(['hours profile "Support" is not in the scenario; add it under `hours:` in the scenario or in hours.yaml beside it']);
  });

  it('matches the profile name without case and renders it from a variable', () => {
    const report = runYaml(script({ profile: '{HoursProfile}' }), `${support()}variables: { HoursProfile: SUPPORT }\n`);
    expect(taken(report)?.branch).toBe('OnClosed');
  });

  it('without a clock, runs at 1/1/2026 12:00 AM UTC (a Thursday), as now() does', () => {
    const report = runYaml(script(), 'hours: { Support: { days: { Thursday: ["00:00-01:00"] } } }');
    expect(taken(report)?.notes).toEqual(['Thursday 2026-01-01 00:00:00 UTC: profile Support is open 00:00-01:00 on Thursday']);
  });

  it('now() in the Studio language reads the calendar clock in the business unit\'s zone', () => {
    const report = runYaml(`name: Now
actions:
  begin: { type: Begin, next: wait }
  wait: { type: Wait, properties: { Seconds: 90 }, next: stamp }
  stamp: { type: Snippet, properties: { Data: "Now = now()" }, next: done }
  done: { type: End }
`, support());
    expect(report.variables['Now']).toBe('12/22/2026 9:00:30 AM');
    expect(edges(report)).toContain('stamp.Default');
    // Across a change to summer time: 1:59:30 plus a minute is 3:00:30 in New York.
    const spring = runYaml(`name: Now
actions:
  begin: { type: Begin, next: wait }
  wait: { type: Wait, properties: { Seconds: 60 }, next: stamp }
  stamp: { type: Snippet, properties: { Data: "Now = now()" }, next: done }
  done: { type: End }
`, 'clock: { startAt: 2026-03-08T01:59:30, timeZone: America/New_York }');
    expect(spring.variables['Now']).toBe('3/8/2026 3:00:30 AM');
  });

  it('stamps agent events with the calendar clock', () => {
    const loaded = loadScriptText(`name: Q
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`);
    const scenario = loadScenarioText('clock: { startAt: 2026-12-24T17:55:00, timeZone: America/New_York }\nagents: { "2002": { state: Available, skills: [Support], answerAfter: 5 } }');
    if (!loaded.ok || !scenario.ok) throw new Error('invalid fixture');
    const report = runScript(loaded.compiled, scenario.scenario);
    const call = report.agents['2002']?.received.find((e) => e['Type'] === 'CallContactEvent');
    expect(call?.['StartTimeUTC']).toBe('2026-12-24T22:55:00.000Z');
  });
});

describe('the calendar under serve', () => {
  it('follows the scenario\'s clock.startAt on a clock with its own start (serve\'s), and that clock\'s start without one', () => {
    const serveClock = () => Object.assign(new VirtualClock(), { epochMs: Date.UTC(2030, 0, 1) });
    const given = loadScenarioText('clock: { startAt: 2026-12-24T17:55:00, timeZone: America/New_York }');
    const none = loadScenarioText('{}');
    if (!given.ok || !none.ok) throw new Error('invalid fixture');
    expect(Simulation.forScenario(serveClock(), given.scenario).instant(1000)).toBe(Date.UTC(2026, 11, 24, 22, 55, 1));
    expect(Simulation.forScenario(serveClock(), none.scenario).instant(1000)).toBe(Date.UTC(2030, 0, 1, 0, 0, 1));
  });
});

describe('hours profiles and the clock in the scenario', () => {
  const problems = (text: string) => {
    const result = loadScenarioText(text, 'world.scenario.yaml');
    return result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
  };

  it('diagnoses bad times, periods closing before they open, overlaps, bad dates and unknown zones at their line and column', () => {
    expect(problems(`clock: { startAt: 2026-12-23T08:59:00, timeZone: America/New_Yrok }
hours:
  Support:
    timeZone: Mars/Olympus
    days:
      Wednesday: ["09:00-12:00", "11:00-17:00", "25:00-26:00", "18:00-08:00", "12:00-24:00"]
    holidays: [{ name: Christmas, date: 2026-02-30 }]
    overrides: [{ branch: Weather, from: 2026-12-24T10:00, expires: 2026-12-24T09:00 }]
`)).toEqual([
      '1:50 unknown-time-zone "America/New_Yrok" is not a time zone',
      '4:15 unknown-time-zone "Mars/Olympus" is not a time zone',
      '6:34 invalid-hours 11:00-17:00 overlaps 09:00-12:00',
      '6:49 invalid-hours "25:00-26:00": 25:00 is not a time of day',
      '6:64 invalid-hours "18:00-08:00" closes at 08:00, not after it opens at 18:00',
      '7:41 invalid-hours holiday date "2026-02-30" is not a date',
      '8:69 invalid-hours the Weather override expires before it starts',
    ]);
  });

  it('says how to write a night across midnight', () => {
    const result = loadScenarioText('hours: { Night: { days: { Friday: ["22:00-02:00"] } } }');
    expect(result.diagnostics[0]?.hint).toContain('write "22:00-24:00" on one day and "00:00-02:00" on the next');
  });

  it('refuses unknown keys, days and override branches through the schema', () => {
    expect(problems('hours: { S: { days: { Funday: [] }, overrides: [{ branch: Snow }] } }\nclock: { start: x }')).toEqual([
      '1:23 unknown-key hours.S.days has no key "Funday"; did you mean "Sunday"?',
      '1:59 invalid-value hours.S.overrides[0].branch must be one of the allowed values, not the text "Snow"',
      '2:10 unknown-key clock has no key "start"; did you mean "startAt"?',
    ]);
  });

  it('diagnoses a startAt that is not a date', () => {
    expect(problems('clock: { startAt: "2026-13-01T00:00" }')).toEqual(['1:19 invalid-value clock.startAt "2026-13-01T00:00" is not a date and time']);
  });

  it('reads profiles from a shared hours.yaml beside the scenario, under the scenario\'s own', () => {
    const folder = mkdtempSync(join(tmpdir(), 'hours-'));
    writeFileSync(join(folder, 'hours.yaml'), 'Shared:\n  days: { Monday: ["09:00-17:00"] }\nSupport:\n  days: { Monday: ["00:00-01:00"] }\n');
    writeFileSync(join(folder, 'x.scenario.yaml'), 'hours:\n  Support:\n    days: { Tuesday: ["09:00-17:00"] }\n');
    const result = loadScenario(join(folder, 'x.scenario.yaml'));
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(Object.values(result.scenario.hours).map((p) => p.name).sort()).toEqual(['Shared', 'Support']);
    expect(result.scenario.hours['support']?.days[2]).toEqual([{ from: 540, to: 1020 }]);
    // A script without a scenario file gets the shared profiles too.
    const alone = scriptFolderHours(join(folder, 'x.yaml'));
    expect(alone?.ok && Object.keys(alone.scenario.hours).sort()).toEqual(['shared', 'support']);
  });

  it('reports a broken hours.yaml at its own line and column', () => {
    const folder = mkdtempSync(join(tmpdir(), 'hours-'));
    writeFileSync(join(folder, 'hours.yaml'), 'Main:\n  timeZone: Nowhere/Land\n  days: { Monday: ["9:00-8:00"] }\n');
    writeFileSync(join(folder, 'x.scenario.yaml'), '{}\n');
    const result = loadScenario(join(folder, 'x.scenario.yaml'), {}, 'scripts/x.scenario.yaml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['scripts/hours.yaml:2:13 unknown-time-zone', 'scripts/hours.yaml:3:20 invalid-hours']);
    expect(!result.ok && result.text).toContain('Nowhere/Land');
  });
});
