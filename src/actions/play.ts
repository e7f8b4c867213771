import type { ActionDefinition } from './types.ts';
import { boolean, template } from './schema-parts.ts';

// https://help.incontact.com/Content/Studio/Actions/PLAY/PLAY.htm ("Play does not work after OnAnswer unless the OnHold event has fired")
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/PLAY/PLAY.htm (Sequence, Phrase)
export const play: ActionDefinition = {
  type: 'Play',
  category: 'Prompts and input',
  // Supported Script Types: Phone (https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/PLAY/PLAY.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone caller hears a prompt: leave it out of this script',
  summary: 'Plays a prompt to the caller.',
  description:
    'Plays Sequence (recordings, spoken text, variables) to the caller, then follows Default. studio-sim records the prompt, with substitutions made, in the trace. After OnAnswer the caller hears it only while the call is on hold (OnHold has fired); after OnRelease there is no caller. ClearDigits (true by default) empties the digit buffer when Play starts.',
  properties: {
    Sequence: template('The prompt: "file.wav", "%text to speak", {Variable}; several sequences one after another.', ['"%Thank you for calling"', '"hold-music.wav"'], {}, true),
    Phrase: template('What the prompt says, for documentation only; the script does not use it.', ['Thank you for calling']),
    DetectDTMF: boolean('Stop playing when the caller presses a key (the key stays in the digit buffer).', false),
    ClearDigits: boolean('Empty the digit buffer when Play starts.', true),
  },
  branches: [{ name: 'Default', description: 'The next action.' }],
  example: 'thanks: { type: Play, properties: { Sequence: \'"%Thank you for calling"\' }, next: goodbye }',
  run(runtime) {
    if (runtime.value('ClearDigits') !== false) runtime.caller.clearDigits();
    runtime.caller.play(runtime.text('Sequence'));
    return { branch: 'Default' };
  },
};
