import { toText } from '../expression/values.ts';
import { seconds, type ActionDefinition, type Outcome } from './types.ts';
import { numberOrTemplate, template } from './schema-parts.ts';

// https://help.nicecxone.com/content/studio/actionscx/transfer/transfer.htm (Destination, Caller ID; phone only)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/TRANSFER/TRANSFER.htm (NoAnswerTimeout, Skill; Default, OnDialingError, OnBusy, OnNoAnswer, OnInvalidNumber)
export const transfer: ActionDefinition = {
  type: 'Transfer',
  category: 'Routing',
  // Supported Script Types: Phone only (https://help.nicecxone.com/content/studio/actionscx/transfer/transfer.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone call goes to an outside number: route the contact to an agent with Reqagent instead',
  summary: 'Transfers the call to an outside number.',
  description:
    'Dials Destination while the caller hears ringing; how the number answers comes from the scenario\'s `numbers` (digits compared, or a pattern with *; person, machine and silence all pick up; a number not listed answers after 5 s, and text that is no phone number is invalid). When the party answers within NoAnswerTimeout the caller is connected to it and leaves the script (the report\'s `transfer` says where the call went), and Default follows. OnBusy when the line is busy, OnNoAnswer when nobody answers within NoAnswerTimeout (the platform counts the call as abandoned), OnInvalidNumber for an invalid number, OnDialingError when the network cannot place the call; the caller is still in the script on those branches. Any of them not connected follows Default.',
  waits: true,
  properties: {
    Destination: template('The outside phone number to transfer to.', ['18005550199', '{TransferNumber}'], { minLength: 1 }, true),
    CallerID: { ...template('The number the destination sees as the caller id.', ['8005550100', '{ANI}']), label: 'Caller ID' },
    NoAnswerTimeout: numberOrTemplate('Seconds of ringing before OnNoAnswer.', { minimum: 1, maximum: 300, default: 30 }, [20, 30]),
    Skill: template('The skill of the outbound leg, for reporting; the inbound leg\'s skill when empty.', ['Transfers']),
  },
  branches: [
    { name: 'Default', description: 'The destination answered: the caller is connected to it (also taken when the matching branch is not connected).' },
    { name: 'OnBusy', description: 'The destination is busy, with no forwarding.' },
    { name: 'OnNoAnswer', description: 'Nobody answered within NoAnswerTimeout; the call counts as abandoned.' },
    { name: 'OnInvalidNumber', description: 'The number dialled is invalid.' },
    { name: 'OnDialingError', description: 'The network could not place the call for a technical reason.' },
  ],
  example: [
    'lost_card_line:',
    '  type: Transfer',
    '  properties: { Destination: "18005550199", NoAnswerTimeout: 20 }',
    '  branches: { Default: done, OnBusy: sorry, OnNoAnswer: sorry, OnInvalidNumber: sorry, OnDialingError: sorry }',
  ].join('\n'),
  run(runtime) {
    const destination = runtime.text('Destination').trim();
    const callerId = runtime.text('CallerID').trim();
    const timeout = runtime.number('NoAnswerTimeout');
    const timeoutMs = seconds(timeout !== undefined && timeout > 0 ? timeout : 30);
    if (runtime.released) {
      runtime.note('the caller is gone, so there is no call to transfer');
      return { branch: 'OnDialingError' };
    }
    if (destination === '') {
      runtime.note('Destination is empty');
      return { branch: 'OnInvalidNumber' };
    }
    const answer = runtime.caller.dial(destination);
    runtime.note(`dials ${destination}${callerId ? ` showing caller id ${callerId}` : ''}: ${answer.why}`);
    const outcome: Outcome = (() => {
      switch (answer.answer) {
        case 'Answered':
          if (answer.afterMs >= timeoutMs) return noAnswer(timeoutMs);
          return {
            branch: 'Default',
            afterMs: answer.afterMs,
            onTaken: () => {
              runtime.caller.transferred({ type: 'Transfer', destination, callerId: callerId || toText(runtime.getVariable('DNIS')), result: 'Answered' });
              runtime.note(`${destination} answers: the caller is connected to it and leaves the script`);
            },
          };
        case 'Busy':
          return { branch: 'OnBusy', afterMs: Math.min(answer.afterMs, timeoutMs) };
        case 'NoAnswer':
          return noAnswer(timeoutMs);
        case 'InvalidNumber':
          return { branch: 'OnInvalidNumber', afterMs: answer.afterMs };
        case 'DialingError':
          return { branch: 'OnDialingError', afterMs: answer.afterMs };
      }
    })();
    return outcome;

    function noAnswer(afterMs: number): Outcome {
      return { branch: 'OnNoAnswer', afterMs, onTaken: () => runtime.note(`no answer within NoAnswerTimeout (${afterMs / 1000} s): the call counts as abandoned`) };
    }
  },
};
