import type { ActionDefinition } from './types.ts';

export const onRelease: ActionDefinition = {
  type: 'OnRelease',
  category: 'Events',
  summary: 'Runs when the caller hangs up.',
  description:
    'An event action: no branch leads to it. When the caller hangs up, whatever the script is doing is terminated and execution resumes here, for clean-up such as a last custom event. Without an OnRelease the contact simply ends.',
  event: true,
  properties: {},
  branches: [{ name: 'Default', description: 'Clean-up after the caller hung up.' }],
  example: 'released: { type: OnRelease, next: done }',
  run: () => ({ branch: 'Default' }),
};
