import type { ActionDefinition } from './types.ts';

export const hangup: ActionDefinition = {
  type: 'Hangup',
  category: 'Ending',
  summary: 'Disconnects the caller.',
  description: 'Disconnects the caller. The script may go on (Default) for clean-up without the caller, or stop here.',
  properties: {},
  branches: [{ name: 'Default', description: 'Optional clean-up after the caller is disconnected.' }],
  example: 'goodbye: { type: Hangup }',
  run(runtime) {
    runtime.caller.disconnect();
    return { branch: 'Default' };
  },
};
