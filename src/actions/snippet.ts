import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

/** Max String Size of a Snippet (https://help.nicecxone.com/zh-cn/content/studio/actionscx/snippet/snippet.htm). */
export const snippetStringSizes = ['Limit2K', 'Limit4K', 'Limit8K', 'Limit16K', 'Limit32K'] as const;

export const snippet: ActionDefinition = {
  type: 'Snippet',
  category: 'Data',
  // Supported Script Types: all eight (https://help.nicecxone.com/zh-hk/content/studio/actionscx/snippet/snippet.htm).
  scriptTypes: anyScriptType,
  summary: 'Runs Snippet code: logic, arrays, dynamic data objects and JSON.',
  description:
    'Runs the Studio language code in Data (a YAML block scalar, `Data: |`): ASSIGN (the keyword is optional), IF/ELSE, FOR, FOREACH, WHILE, REPEAT, SWITCH and SELECT with CASE/DEFAULT, FUNCTION/RETURN, DYNAMIC, TRACE, `//` comments, and the built-in functions. Variables it sets are the script\'s. A run-time error stops the code at once, sets _ERR to the message and takes Error; TRACE lines and each variable it changed (before -> after) are noted in the trace. A loop that works for too long (a step budget standing for the vendor\'s 500 ms) fails with "Too much time has elapsed". GetRESTProxy() makes REST calls, answered by the scenario\'s `http:` mocks: the virtual time they take (each mock\'s delay) passes before the next action. Max String Size is kept as written (responses are limited to 32 KB).',
  waits: true,
  takesTime: (action) => typeof action.properties['Data'] === 'string' && /makerestrequest/i.test(action.properties['Data']),
  properties: {
    Data: { kind: 'snippet', required: true, schema: { type: 'string', minLength: 1, description: 'The code, one statement per line.', examples: ['ASSIGN Count = Count + 1'] } },
    'Max String Size': { kind: 'value', label: 'MaxStringSize', schema: { type: 'string', enum: [...snippetStringSizes], default: 'Limit2K', description: 'The size limit of REST/SOAP responses read in the code.', examples: ['Limit32K'] } },
  },
  branches: [
    { name: 'Default', description: 'The code ran to its end.' },
    { name: 'Error', description: 'A run-time error stopped it; _ERR says why.' },
  ],
  outputs: ['_ERR'],
  example: 'build: { type: Snippet, properties: { Data: "DYNAMIC payload\\npayload.ani = ANI\\nJson = \\"{payload.asJSON()}\\"" }, next: send }',
  run(runtime) {
    const result = runtime.runSnippet('Data');
    // REST calls in the code took virtual time: the next action comes after them.
    return { branch: result.ok ? 'Default' : 'Error', ...(result.elapsedMs > 0 ? { afterMs: result.elapsedMs } : {}) };
  },
};
