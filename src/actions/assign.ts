import { dateText, parseDate } from '../expression/dates.ts';
import { toText } from '../expression/values.ts';
import { quoteValue } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { template, variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

/** Max String Size options, in characters (the vendor gives them in KB). https://help.nicecxone.com/zh-hk/content/studio/actionscx/assign/assign.htm */
export const maxStringSizes: Record<string, number> = { '2K': 2 * 1024, '4K': 4 * 1024, '8K': 8 * 1024, '16K': 16 * 1024, '32K': 32 * 1024 };

/** The variable a `Global:name` names (the prefix makes a subscript's variable outlive it). */
export function withoutGlobal(name: string): string {
  return /^global:/i.test(name) ? name.slice('global:'.length) : name;
}

export const assign: ActionDefinition = {
  type: 'Assign',
  category: 'Data',
  // Supported Script Types: all eight (https://help.nicecxone.com/Content/studio/actionscx/assign/assign.htm).
  scriptTypes: anyScriptType,
  summary: 'Sets a variable.',
  description:
    'Sets Variable to Value, read as Type says. String (the default): Value is text in which each {...} is an expression, so `1+1` stays "1+1", `Hello {FIRST}` fills in the name, and a Value that is a single {...} keeps the result as it is (a number stays a number). Numeric: Value is an expression, so `1+1` gives 2 (variables by name; text that is not a number counts as nothing). Datetime: Value is text that must read as a date/time (`2/9/2023 8:00 AM`, `{date} 8:00 AM`), stored in the default format M/d/yyyy h:mm:ss tt. A value longer than Max String Size takes Overflow and leaves the variable as it was. A Variable written `Global:name` sets the global variable `name`, which every script of the contact sees and which outlives a subscript.',
  properties: {
    Variable: { ...variableName('variableWrite', 'The variable to set; `Global:name` is accepted.', ['Attempts', 'Greeting'], undefined, true), schema: { type: 'string', description: 'The variable to set; `Global:name` is accepted.', pattern: '^([Gg][Ll][Oo][Bb][Aa][Ll]:)?[A-Za-z_$][A-Za-z0-9_$]*$', examples: ['Attempts', 'Greeting'] } },
    Value: {
      ...template('The new value: text with {expression} substitutions (String), an expression (Numeric) or a date/time (Datetime).', ['{Attempts + 1}', 'Hello {FIRST}', 'yes'], {}, true),
      kindWhen: (properties) => (typeof properties['Type'] === 'string' && properties['Type'].toLowerCase() === 'numeric' ? 'expression' : 'template'),
    },
    Type: { kind: 'value', schema: { type: 'string', enum: ['String', 'Numeric', 'Datetime'], default: 'String', description: 'How Value is read: String (text with {...}), Numeric (an expression: 1+1 gives 2) or Datetime.', examples: ['Numeric'] } },
    'Max String Size': { kind: 'value', label: 'MaxStringSize', schema: { type: 'string', enum: Object.keys(maxStringSizes), default: '2K', description: 'The longest value Variable may get; longer takes Overflow.', examples: ['4K'] } },
  },
  branches: [
    { name: 'Default', description: 'The next action.' },
    { name: 'Overflow', description: 'The value is longer than Max String Size; the variable keeps its old value.' },
  ],
  example: 'count: { type: Assign, properties: { Variable: Attempts, Value: "Attempts + 1", Type: Numeric }, next: check }',
  run(runtime) {
    const written = runtime.text('Variable');
    const name = withoutGlobal(written);
    const type = runtime.text('Type').toLowerCase();
    let value = type === 'numeric' ? runtime.evaluate('Value') : (runtime.value('Value') ?? '');
    if (type === 'datetime') {
      const ms = parseDate(toText(value));
      if (ms === undefined) {
        runtime.note(`${quoteValue(value)} is not a date/time, so ${name} is set to empty`);
        value = '';
      } else {
        value = dateText(ms);
      }
    }
    const limit = maxStringSizes[runtime.text('Max String Size')] ?? maxStringSizes['2K'] as number;
    const length = toText(value).length;
    if (length > limit) {
      runtime.note(`the value has ${length} characters, over Max String Size (${limit}); ${name} is unchanged`);
      return { branch: 'Overflow' };
    }
    if (name !== written) runtime.setGlobalVariable(name, value);
    else runtime.setVariable(name, value);
    runtime.note(`${name !== written ? 'global ' : ''}${name} = ${quoteValue(value)}`);
    return { branch: 'Default' };
  },
};
