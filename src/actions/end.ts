import type { ActionDefinition } from './types.ts';

export const end: ActionDefinition = {
  type: 'End',
  category: 'Ending',
  summary: 'Ends the script.',
  description: 'Ends the script at once; a caller still connected is disconnected.',
  terminal: true,
  properties: {},
  branches: [],
  example: 'done: { type: End }',
  run: () => ({ branch: 'Default' }),
};
