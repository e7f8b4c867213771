import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate } from './schema-parts.ts';

export const wait: ActionDefinition = {
  type: 'Wait',
  category: 'Flow',
  summary: 'Pauses for a number of seconds.',
  description: 'Waits Timeout seconds of virtual time, then follows Default. An event action (OnAnswer, OnRelease) interrupts the wait.',
  waits: true,
  properties: {
    Timeout: { ...numberOrTemplate('Seconds to wait.', { minimum: 0, maximum: 86400 }, [5, 30]), required: true },
  },
  branches: [{ name: 'Default', description: 'The next action.' }],
  example: 'hold: { type: Wait, properties: { Timeout: 30 }, next: hold_music }',
  run(runtime) {
    const timeout = Math.max(0, runtime.number('Timeout') ?? 0);
    runtime.note(`waits ${timeout} s`);
    return { branch: 'Default', afterMs: seconds(timeout) };
  },
};
