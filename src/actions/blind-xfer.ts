import { toText } from '../expression/values.ts';
import { jumpToOnRelease, type ActionDefinition } from './types.ts';
import { template } from './schema-parts.ts';

// https://help.nice-incontact.com/pt-br/content/studio/actions/blindxfer/blindxfer.htm (the port is released; the receiver sees the caller's ANI; Blindxfer triggers OnRelease)
// https://help.incontact.com/content/Studio/Actions/PLACECALL/PLACECALL.htm (BlindXfer: the call leaves the platform; a failed transfer cannot be recovered)
export const blindXfer: ActionDefinition = {
  type: 'BlindXfer',
  category: 'Ending',
  // Supported Script Types: Phone (https://help.nicecxone.com/Content/studio/actions/ontransfer/ontransfer.htm, BlindXfer's own table not found).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone call goes to an outside number: route the contact to an agent with Reqagent instead',
  summary: 'Hands the call to an outside number and lets it go; the script goes on at OnRelease.',
  description:
    'Transfers the call to PhoneNumber and releases it: the call leaves the contact center for good, the receiver sees the caller\'s own number (ANI) as caller id, and nothing after the transfer is followed (a busy or invalid number cannot be recovered). The contact is released, so with an OnRelease in the script the script goes on there; without one it ends with reason Transferred. The report\'s `transfer` says where the call went. BlindXfer has no branches.',
  terminal: true,
  invokesOnRelease: true,
  properties: {
    PhoneNumber: { ...template('The outside number the call is handed to.', ['18005550123', '{AfterHoursNumber}'], { minLength: 1 }, true), label: 'Phone Number' },
  },
  branches: [],
  example: 'after_hours: { type: BlindXfer, properties: { PhoneNumber: "18005550123" } }',
  run(runtime) {
    if (runtime.released) {
      runtime.note('the caller is already gone, so there is no call to transfer; the script ends here');
      return { branch: 'Default' };
    }
    const destination = runtime.text('PhoneNumber').trim();
    const answer = runtime.caller.dial(destination);
    const ani = toText(runtime.getVariable('ANI'));
    runtime.caller.transferred({ type: 'BlindXfer', destination, callerId: ani, result: 'Released' });
    runtime.note(`hands the call to ${destination || '(empty)'} showing the caller's ANI ${ani}, and releases it${answer.answer === 'Answered' ? '' : `; ${answer.why}, and the call cannot be recovered`}`);
    return { branch: jumpToOnRelease };
  },
};
