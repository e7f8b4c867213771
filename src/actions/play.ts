import type { ActionDefinition } from './types.ts';
import { template } from './schema-parts.ts';

export const play: ActionDefinition = {
  type: 'Play',
  category: 'Prompts and input',
  summary: 'Plays a prompt to the caller.',
  description: 'Plays Sequence (recordings, spoken text, variables) and follows Default. studio-sim records the prompt, with substitutions made, in the trace.',
  properties: {
    Sequence: template('The prompt: "file.wav", "%text to speak", {Variable}.', ['"%Thank you for calling"', '"hold-music.wav"'], {}, true),
  },
  branches: [{ name: 'Default', description: 'The next action.' }],
  example: 'thanks: { type: Play, properties: { Sequence: \'"%Thank you for calling"\' }, next: goodbye }',
  run(runtime) {
    runtime.caller.play(runtime.text('Sequence'));
    return { branch: 'Default' };
  },
};
