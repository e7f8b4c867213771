import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/content/Studio/actionscx/wait/wait.htm
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/wait/wait.htm (Seconds, fractions allowed)
export const wait: ActionDefinition = {
  type: 'Wait',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.nicecxone.com/content/Studio/actionscx/wait/wait.htm).
  scriptTypes: anyScriptType,
  summary: 'Pauses for a number of seconds.',
  description: 'Waits Seconds seconds of virtual time (fractions allowed, as little as 0.1), then follows Default. An event (OnAnswer, OnHold, OnRelease) cuts the wait short.',
  waits: true,
  properties: {
    Seconds: { ...numberOrTemplate('Seconds to wait; fractions such as 0.5 are allowed.', { minimum: 0, maximum: 86400 }, [5, 0.5, 30]), required: true },
  },
  branches: [{ name: 'Default', description: 'The next action.' }],
  formerProperties: { Timeout: { now: 'Seconds', hint: 'Wait\'s only property is Seconds on the platform.' } },
  example: 'hold: { type: Wait, properties: { Seconds: 30 }, next: hold_music }',
  run(runtime) {
    const wait = Math.max(0, runtime.number('Seconds') ?? 0);
    runtime.note(`waits ${wait} s`);
    return { branch: 'Default', afterMs: seconds(wait) };
  },
};
