import { jumpToOnRelease, type ActionDefinition } from './types.ts';

// https://help.nicecxone.com/Content/Studio/actionscx/hangup/hangup.htm
// https://help.nicecxone.com/zh-cn/content/Studio/actionscx/hangup/hangup.htm (no properties, no branches)
export const hangup: ActionDefinition = {
  type: 'Hangup',
  category: 'Ending',
  // Supported Script Types: Phone only (https://help.nicecxone.com/Content/Studio/actionscx/hangup/hangup.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'End a Generic, Voicemail, Work Item, SMS or Digital script with End; the platform ends a Chat script with Exit and an Email script with Discard (not in studio-sim: let the path end)',
  summary: 'Hangs up the caller; the script goes on at OnRelease, if it has one.',
  description:
    'Ends the active call, also when the contact is with an agent. With an OnRelease in the script, the caller is hung up and the script jumps to OnRelease; without one the script ends here. Inside the OnRelease logic, Hangup ends the script. Hangup has no properties and no branches.',
  terminal: true,
  invokesOnRelease: true,
  properties: {},
  branches: [],
  formerBranches: {
    Default: { hint: 'Hangup has no branches on the platform: with an OnRelease in the script it jumps there, so move the clean-up after OnRelease and remove this branch.' },
  },
  example: 'goodbye: { type: Hangup }',
  run(runtime) {
    if (runtime.released) {
      runtime.note('ends the OnRelease logic: the script ends here');
      return { branch: 'Default' };
    }
    runtime.caller.disconnect();
    runtime.note('hangs up the caller');
    return { branch: jumpToOnRelease };
  },
};
