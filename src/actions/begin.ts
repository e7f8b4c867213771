import type { ActionDefinition } from './types.ts';

export const begin: ActionDefinition = {
  type: 'Begin',
  category: 'Flow',
  summary: 'Where every contact starts.',
  description:
    'Every script has exactly one Begin. When a contact arrives, the system variables (ANI, DNIS, ContactId) and the script variables are set, and the contact follows the Default branch.',
  properties: {},
  branches: [{ name: 'Default', description: 'The first action of the script.' }],
  example: 'begin: { type: Begin, next: welcome }',
  run: () => ({ branch: 'Default' }),
};
