import { chosenRules } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { numberOrTemplate, variableName } from './schema-parts.ts';

export const loop: ActionDefinition = {
  type: 'Loop',
  category: 'Flow',
  summary: 'Repeats a part of the script a number of times.',
  description:
    'Counts how often the contact has entered this Loop. While the count is at most Repeat it follows Repeat; the next entry after that follows Finished and resets the count, so the loop can run again later. CounterName, when given, holds the current count (1, 2, ...).',
  properties: {
    Repeat: numberOrTemplate('How many times to follow Repeat before Finished.', { minimum: 0, maximum: 100000, default: 3, integer: true }, [3]),
    CounterName: variableName('variableWrite', 'An optional variable that receives the current count.', ['Attempt']),
  },
  branches: [
    { name: 'Repeat', description: 'Another round.' },
    { name: 'Finished', description: 'Repeat rounds are done.' },
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
  ],
  example: 'retry: { type: Loop, properties: { Repeat: 3 }, branches: { Repeat: main_menu, Finished: goodbye } }',
  run(runtime) {
    const repeat = runtime.number('Repeat') ?? 0;
    const memory = runtime.memory();
    const count = (memory['count'] ?? 0) + 1;
    const counter = runtime.text('CounterName');
    if (count <= repeat) {
      memory['count'] = count;
      if (counter) runtime.setVariable(counter, count);
      runtime.note(`round ${count} of ${repeat}`);
      return { branch: 'Repeat' };
    }
    memory['count'] = 0;
    runtime.note(`${repeat} rounds done (${chosenRules.loopCount})`);
    return { branch: 'Finished' };
  },
};
