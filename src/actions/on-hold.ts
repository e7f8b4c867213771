import type { ActionDefinition } from './types.ts';
import { acdScriptTypes } from './script-types.ts';

// https://help.nice-incontact.com/content/studio/actions/onhold/onhold.htm
// https://help.incontact.com/Content/Studio/Actions/ONHOLD/ONHOLD.htm
export const onHold: ActionDefinition = {
  type: 'OnHold',
  category: 'Events',
  // Supported Script Types: the seven ACD types (https://help.nice-incontact.com/content/studio/actions/onhold/onhold.htm).
  scriptTypes: acdScriptTypes,
  summary: 'Runs when the agent puts the caller on hold.',
  description:
    'An event action, not wired to the main flow. When the agent puts the call on hold, whatever the script is doing is cut short and execution resumes here, usually to play music (Play, Music and Playlog work after OnAnswer only while OnHold has fired). Without an OnHold the caller hears silence. When the agent takes the call off hold, the OnHold logic is abandoned and the script waits for the next event, as at Stop. OnHold has no properties.',
  event: true,
  properties: {},
  branches: [{ name: 'Default', description: 'What to do while the caller is on hold.' }],
  example: 'on_hold: { type: OnHold, next: hold_music }',
  run(runtime) {
    runtime.note('the agent put the call on hold');
    return { branch: 'Default' };
  },
};
