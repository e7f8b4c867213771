import { parameterNames } from './begin.ts';
import { variableName } from './schema-parts.ts';
import type { ActionDefinition, JsonSchema } from './types.ts';
import { anyScriptType } from './script-types.ts';

/** The most values a Runsub passes (p1 to p9 of the subscript's Begin). */
export const maxSubscriptParameters = 9;

/**
 * How deep subscripts may call subscripts before the contact stops with
 * CallDepth (the vendor gives no limit; a script that calls itself forever
 * must end cleanly rather than grow without bound).
 */
export const maxSubscriptDepth = 50;

/**
 * A script name as Runsub, RunScript (and Spawn) write it: a name, or folders
 * and a name below the calling script's folder (`Auth`, `ivr/Auth`, `ivr\Auth`).
 */
export const scriptNameSchema = (description: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description,
  // Letters, digits, spaces, `_`, `-` and `.` in each part; `/` or `\` between folders. `..` is refused by validation, with a message.
  pattern: '^[A-Za-z0-9 _.\\-]+([/\\\\][A-Za-z0-9 _.\\-]+)*$',
  examples: ['Authenticate', 'subs/Authenticate'],
});

/** Runsub's Parameters: one value per line, each with `{...}` substitutions, for p1, p2, ... of the subscript. */
export function parameterLines(written: string): string[] {
  if (written.trim() === '') return [];
  return written.split('\n').map((line) => line.replace(/\r$/, ''));
}

// https://help.nicecxone.com/content/studio/actionscx/runsub/runsub.htm
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/runsub/runsub.htm (properties)
export const runsub: ActionDefinition = {
  type: 'Runsub',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.nicecxone.com/zh-cn/content/studio/actionscx/runsub/runsub.htm); the subscript must be of the caller's type.
  scriptTypes: anyScriptType,
  summary: 'Calls a subscript, which comes back with Return.',
  description:
    'Runs another script (the subscript) and carries on when the subscript\'s Return runs; Return\'s ReturnValue is stored in Return Variable (an array or dynamic object stays one). ScriptName names a script file in this script\'s folder or a subfolder: `Auth` is `Auth.yaml` beside this script, `subs/Auth` is `subs/Auth.yaml`; the subscript must have the same media type and a Return. Parameters gives the values passed in, one per line (`{ANI}`), which arrive in the subscript\'s Begin as p1 to p9 (or the names its Begin gives them). The subscript sees only those values and global variables; its own variables vanish at Return unless set as `global:name`. End in a subscript ends the script that called it too. The trace names the subscript\'s file at each of its steps. A contact whose subscripts call subscripts more than ' +
    `${maxSubscriptDepth} deep stops with CallDepth.`,
  waits: true,
  properties: {
    ScriptName: { kind: 'value', required: true, label: 'Script Name', schema: scriptNameSchema('The subscript: a script file name without .yaml, in this script\'s folder or a subfolder (`subs/Auth`).') },
    ReturnVariable: { ...variableName('variableWrite', 'The variable that receives the subscript\'s ReturnValue; an array keeps several values.', ['AuthResult', 'Customer']), label: 'Return Variable' },
    Parameters: { kind: 'template', schema: { type: 'string', description: 'The values passed to the subscript, one per line (up to 9), with {...} substitutions: they arrive as p1, p2, ...', examples: ['{ANI}\n{Attempts}', '{AccountId}'] } },
  },
  branches: [{ name: 'Default', description: 'The subscript returned: the next action of this script.' }],
  example: 'authenticate: { type: Runsub, properties: { ScriptName: Auth, ReturnVariable: AuthResult, Parameters: "{ANI}" }, next: check }',
  run(runtime) {
    const lines = parameterLines(runtime.text('Parameters'));
    return { branch: 'Default', call: { script: runtime.text('ScriptName').trim(), parameters: lines, returnVariable: runtime.text('ReturnVariable').trim() } };
  },
  check(action, context) {
    const written = action.properties['Parameters'];
    if (typeof written === 'string' && parameterLines(written).length > maxSubscriptParameters) {
      context.report(['actions', action.id, 'properties', 'Parameters'], {
        code: 'invalid-value',
        severity: 'error',
        message: `Runsub "${action.id}" passes ${parameterLines(written).length} parameters; a subscript takes at most ${maxSubscriptParameters} (p1 to p9)`,
        hint: `Keep ${maxSubscriptParameters} lines, or pass several values in one array or JSON text.`,
      }, 'value');
    }
  },
};

export { parameterNames };
