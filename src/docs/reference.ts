import { actionDefinitions, type ActionDefinition, type JsonSchema } from '../actions/index.ts';
import { fileURLToPath } from 'node:url';
import { describeScriptTypes, scriptTypes, vendorScriptTypeName } from '../actions/script-types.ts';
import { diagnosticCodes } from '../diagnostics/codes.ts';
import { builtinFunctions } from '../expression/functions.ts';
import { scriptGraph, toMermaid } from '../graph/graph.ts';
import { validateScriptFile } from '../validate/index.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatDefault(schema: JsonSchema): string {
  if (schema.default === undefined) return '';
  return schema.default === '' ? '`""`' : `\`${String(schema.default)}\``;
}

function formatType(schema: JsonSchema): string {
  const types = [schema.type ?? 'any'].flat();
  const words = types.map((t) => (t === 'string' ? 'text' : t === 'integer' ? 'whole number' : t));
  let text = schema.pattern === '^\\s*\\{[^{}]+\\}\\s*$' ? `${words[0] ?? ''} or {Variable}` : words.join(' or ');
  if (schema.minimum !== undefined || schema.maximum !== undefined) text += ` ${schema.minimum ?? ''}-${schema.maximum ?? ''}`;
  return text;
}

/** The reference of one action type, as Markdown. */
export function renderAction(definition: ActionDefinition, headingLevel = 3): string {
  const lines = [`${'#'.repeat(headingLevel)} ${definition.type}`, '', `${definition.summary} ${definition.description}`, ''];
  const properties = Object.entries(definition.properties);
  if (properties.length > 0) {
    lines.push('| property | type | default | |', '| --- | --- | --- | --- |');
    for (const [name, spec] of properties) {
      lines.push(`| ${name}${spec.required ? ' (required)' : ''} | ${formatType(spec.schema)} | ${formatDefault(spec.schema)} | ${cell(spec.schema.description ?? '')} |`);
    }
    lines.push('');
  }
  if (definition.outputs?.length) lines.push(`Sets: ${definition.outputs.join(', ')}.`, '');
  lines.push(`Script types: ${describeScriptTypes(definition.scriptTypes)}.`, '');
  if (definition.branches.length > 0 || definition.valueBranches) {
    lines.push('Branches:', '');
    if (definition.valueBranches) lines.push(`- one per value: ${definition.valueBranches.description}`);
    for (const branch of definition.branches) lines.push(`- \`${branch.name}\`: ${branch.description}`);
    lines.push('');
  } else {
    lines.push('Branches: none.', '');
  }
  lines.push('```yaml', definition.example, '```');
  return lines.join('\n');
}

/** Every action type, grouped as in the palette. */
export function renderActionReference(headingLevel = 3): string {
  return actionDefinitions.map((d) => renderAction(d, headingLevel)).join('\n\n');
}

/** docs/actions.md: the whole action reference as one page. */
export function renderReferencePage(): string {
  const intro = [
    '# studio-sim action reference',
    '',
    'Generated from the action definitions in `src/actions/` (`npm run generate`); do not edit by hand.',
    'Each action is written in a script as `<id>: { type: <Type>, properties: { ... }, branches: { ... } }`;',
    '`next: X` is shorthand for `branches: { Default: X }`. `studio-sim docs <Type>` prints one of these in the terminal.',
    '',
  ];
  return `${intro.join('\n')}\n${renderActionReference(2)}\n`;
}

export function renderCodeTable(): string {
  const lines = ['| code | severity | stage | meaning |', '| --- | --- | --- | --- |'];
  for (const [code, info] of Object.entries(diagnosticCodes)) lines.push(`| \`${code}\` | ${info.severity} | ${info.stage} | ${cell(info.summary)} |`);
  return lines.join('\n');
}

/** The language's built-in functions, for the README. */
export function renderFunctionTable(): string {
  const lines = ['| function | what it gives | example | source |', '| --- | --- | --- | --- |'];
  for (const f of builtinFunctions) lines.push(`| \`${f.signature}\` | ${cell(f.summary)} | \`${f.example[0].replace(/\|/g, '\\|')}\` gives \`${f.example[1].replace(/\|/g, '\\|')}\` | ${f.source ? `[vendor](${f.source})` : '[chosen]'} |`);
  return lines.join('\n');
}

/** Which action works in which script type, as the vendor pages list them, for the README. */
export function renderScriptTypeTable(): string {
  const lines = [`| action | ${scriptTypes.map(vendorScriptTypeName).join(' | ')} |`, `| --- |${scriptTypes.map(() => ' :-: |').join('')}`];
  for (const definition of actionDefinitions) lines.push(`| ${definition.type} | ${scriptTypes.map((type) => (definition.scriptTypes.includes(type) ? '✓' : '')).join(' | ')} |`);
  return lines.join('\n');
}

/** The vendor sample as a Mermaid flowchart, for the README. */
export function renderSampleGraph(): string {
  const file = fileURLToPath(new URL('../../scripts/custom-event-sample.yaml', import.meta.url));
  const result = validateScriptFile(file, {}, 'scripts/custom-event-sample.yaml');
  if (!result.script) throw new Error('scripts/custom-event-sample.yaml does not validate');
  return `\`\`\`mermaid\n${toMermaid(scriptGraph(result.script))}\`\`\``;
}

/** Generated README blocks, between `<!-- name:start -->` and `<!-- name:end -->` markers. */
export const generatedBlocks: Record<string, () => string> = {
  actions: () => renderActionReference(3),
  codes: renderCodeTable,
  'sample-graph': renderSampleGraph,
  functions: renderFunctionTable,
  'script-types': renderScriptTypeTable,
};

/** The text with each generated block replaced by its current content. */
export function refreshGeneratedBlocks(text: string): string {
  let out = text;
  for (const [name, render] of Object.entries(generatedBlocks)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`Missing <!-- ${name}:start --> ... <!-- ${name}:end --> markers`);
    out = out.replace(pattern, (_all, start: string, end: string) => `${start}${render()}\n${end}`);
  }
  return out;
}

