import { chosenRules } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { numberOrTemplate, variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/Content/studio/actionscx/loop/loop.htm
export const loop: ActionDefinition = {
  type: 'Loop',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.nicecxone.com/Content/studio/actionscx/loop/loop.htm).
  scriptTypes: anyScriptType,
  summary: 'Repeats a part of the script a number of times.',
  description:
    'Follows Repeat the number of times Repeat says; the next pass follows Finished (the page also calls it Finish and OnFinished) and resets the count, so the loop can run again later. With Repeat 3, the Repeat branch runs three times and the fourth pass takes Finished. CounterName, when given, holds the current pass (1, 2, ...).',
  properties: {
    Repeat: numberOrTemplate('How many times to follow Repeat before Finished.', { minimum: 0, maximum: 100000, default: 3, integer: true }, [3]),
    CounterName: { ...variableName('variableWrite', 'An optional variable that receives the current pass.', ['Attempt']), label: 'Counter Name' },
  },
  branches: [
    { name: 'Repeat', description: 'Another pass.' },
    { name: 'Finished', description: 'Repeat passes are done.' },
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
  ],
  formerBranches: {
    Finish: { now: 'Finished', hint: 'The loop page says Finish in its text and OnFinished in its property table; studio-sim spells the branch Finished, as the FOR page does.' },
    OnFinished: { now: 'Finished', hint: 'The loop page says Finish in its text and OnFinished in its property table; studio-sim spells the branch Finished, as the FOR page does.' },
  },
  example: 'retry: { type: Loop, properties: { Repeat: 3 }, branches: { Repeat: main_menu, Finished: goodbye } }',
  run(runtime) {
    const repeat = runtime.number('Repeat') ?? 0;
    const memory = runtime.memory();
    const count = (memory['count'] ?? 0) + 1;
    const counter = runtime.text('CounterName');
    if (count <= repeat) {
      memory['count'] = count;
      if (counter) runtime.setVariable(counter, count);
      runtime.note(`pass ${count} of ${repeat}`);
      return { branch: 'Repeat' };
    }
    memory['count'] = 0;
    runtime.note(`${repeat} passes done (${chosenRules.loopCount})`);
    return { branch: 'Finished' };
  },
};
