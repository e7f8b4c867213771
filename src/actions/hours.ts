import { closest } from '../diagnostics/suggest.ts';
import { hoursStatus } from '../runtime/hours.ts';
import type { ActionDefinition } from './types.ts';
import { template } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nice-incontact.com/content/studio/actionscx/hours/hours.htm (Profile)
// https://help.staging.nice-incontact.com/content/studio/actions/hours/hours.htm (the branches)
// https://help.nice-incontact.com/Content/acd/hoursofoperation/hoursofoperation.htm (override branches; an override without its branch follows Default; expiration)
export const hours: ActionDefinition = {
  type: 'Hours',
  category: 'Routing',
  // Supported Script Types: the seven ACD types on the Studio page (https://help.nice-incontact.com/content/studio/actionscx/hours/hours.htm), all eight on the Desktop page (https://help.incontact.com/content/Studio/Actions/HOURS/HOURS.htm); either page listing a type is enough (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Branches on whether an hours-of-operation profile is open, closed, on holiday or overridden.',
  description:
    'Looks up Profile among the scenario\'s hours-of-operation profiles (its `hours`, or a shared hours.yaml beside it) and checks the calendar time now (the scenario\'s clock.startAt plus the virtual time elapsed) in the profile\'s time zone. An override in effect (Weather, Meeting, Emergency, Other, until it expires) takes its On<override> branch; else a holiday on today\'s date (all day, or the hours it covers) takes OnHoliday; else OnOpen within one of the weekday\'s open periods (several make a split day) and OnClosed outside them. A profile the scenario does not have takes OnError with _ERR set. Any of these not connected follows Default.',
  properties: {
    Profile: template('The hours-of-operation profile, by name (variables allowed).', ['Support', 'MainOffice', '{HoursProfile}'], { minLength: 1 }, true),
  },
  branches: [
    { name: 'Default', description: 'Taken when the branch the profile calls for is not connected.' },
    { name: 'OnOpen', description: 'The current date and time are within the profile\'s open hours.' },
    { name: 'OnClosed', description: 'The current date and time are outside the profile\'s open hours.' },
    { name: 'OnHoliday', description: 'Today is a holiday in the profile (within the holiday\'s hours, when it has some).' },
    { name: 'OnError', description: 'The profile could not be read: the scenario has no profile of that name (_ERR says so).' },
    { name: 'OnWeather', description: 'The Weather override is in effect on the profile.' },
    { name: 'OnMeeting', description: 'The Meeting override is in effect on the profile.' },
    { name: 'OnEmergency', description: 'The Emergency override is in effect on the profile.' },
    { name: 'OnOther', description: 'The Other override is in effect on the profile.' },
  ],
  example: [
    'check_hours:',
    '  type: Hours',
    '  properties: { Profile: Support }',
    '  branches: { OnOpen: to_agent, OnClosed: closed_message, OnHoliday: holiday_message, Default: closed_message }',
  ].join('\n'),
  run(runtime) {
    const name = runtime.text('Profile').trim();
    const profile = name ? runtime.calendar.hoursProfile(name) : undefined;
    if (!profile) {
      const names = runtime.calendar.profileNames();
      const guess = closest(name, names);
      const error = name === '' ? 'Profile is empty' : `hours profile "${name}" is not in the scenario`;
      runtime.setVariable('_ERR', error);
      runtime.note(`${error}${guess ? `; did you mean "${guess}"?` : names.length === 0 ? '; add it under `hours:` in the scenario or in hours.yaml beside it' : `; it has ${names.join(', ')}`}`);
      return { branch: 'OnError' };
    }
    const status = hoursStatus(profile, runtime.calendar.instant());
    runtime.note(status.why);
    if (status.branch !== 'OnOpen' && !runtime.hasBranch(status.branch)) runtime.note(`${status.branch} is not connected, so Default follows`);
    return { branch: status.branch };
  },
};
