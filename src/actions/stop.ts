import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/content/studio/actionscx/stop/stop.htm
// https://help.nicecxone.com/ja/content/studio/actionscx/stop/stop.htm (no properties, no branches)
export const stop: ActionDefinition = {
  type: 'Stop',
  category: 'Ending',
  // Supported Script Types: the seven ACD types on the Studio page, Digital added on the Desktop page (https://help.nicecxone.com/content/studio/actionscx/stop/stop.htm); either page listing a type is enough (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Stops scripting; the contact waits for an event.',
  description:
    'Stops the script without ending the contact, which stays as it is (with the agent, for example). Only an event can move the script on: OnAnswer, OnHold or OnRelease. Inside the OnRelease logic, Stop ends the script. A run whose script waits at Stop with nothing left in the scenario to raise an event ends with reason Stopped. Do not use Stop to end a script: use Hangup or End.',
  terminal: true,
  waits: true,
  properties: {},
  branches: [],
  example: 'wait_for_events: { type: Stop }',
  run(runtime) {
    if (runtime.released) {
      runtime.note('ends the OnRelease logic: the script ends here');
      return { branch: 'Default' };
    }
    runtime.note('waits for an event (OnAnswer, OnHold, OnRelease)');
    // Never settles by itself: only an event leaves it.
    return { branch: 'Default', until: () => () => {} };
  },
};
