import type { ActionDefinition } from './types.ts';

export const end: ActionDefinition = {
  type: 'End',
  category: 'Ending',
  summary: 'Ends the script.',
  description: 'Ends the script at once. A caller waiting for an agent is disconnected (the queue and any ringing offer are withdrawn); a caller an agent has answered stays with the agent.',
  terminal: true,
  properties: {},
  branches: [],
  example: 'done: { type: End }',
  run: () => ({ branch: 'Default' }),
};
