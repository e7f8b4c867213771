import { jumpToOnRelease, type ActionDefinition } from './types.ts';

// https://help.nicecxone.com/Content/studio/actionscx/end/end.htm
// https://help.nicecxone.com/zh-hk/content/studio/actionscx/end/end.htm ("invoke the OnRelease event action")
export const end: ActionDefinition = {
  type: 'End',
  category: 'Ending',
  // Supported Script Types: Generic, Phone, Voicemail, Work Item, SMS, Digital; a Chat script ends with Exit and an Email script with Discard (https://help.nice-incontact.com/content/studio/actionscx/end/end.htm; the older staging copy's Email predates it, README [chosen]).
  scriptTypes: ['Generic', 'Phone', 'Voicemail', 'WorkItem', 'SMS', 'Digital'],
  scriptTypesHint: 'The platform ends a Chat script with Exit and an Email script with Discard (not in studio-sim: let the path end without End)',
  summary: 'Ends the script\'s logic and invokes OnRelease.',
  description:
    'Ends the logic flow of the script and invokes OnRelease, if the script has one; without one the script ends here. A caller no agent has answered is disconnected (the queue and any ringing offer are withdrawn); a caller an agent has answered stays with the agent. Inside the OnRelease logic, End ends the script (the vendor advises against End there). End has no properties and no branches.',
  terminal: true,
  invokesOnRelease: true,
  properties: {},
  branches: [],
  example: 'done: { type: End }',
  run(runtime) {
    if (runtime.released) {
      runtime.note('ends the OnRelease logic: the script ends here');
      return { branch: 'Default' };
    }
    if (runtime.answeredAt() === undefined) runtime.caller.disconnect();
    return { branch: jumpToOnRelease };
  },
};
