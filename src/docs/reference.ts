import { actionDefinitions, actionDefinition, type ActionDefinition, type JsonSchema } from '../actions/index.ts';
import { diagnosticCodes } from '../diagnostics/codes.ts';

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

export function renderCodeTable(): string {
  const lines = ['| code | severity | stage | meaning |', '| --- | --- | --- | --- |'];
  for (const [code, info] of Object.entries(diagnosticCodes)) lines.push(`| \`${code}\` | ${info.severity} | ${info.stage} | ${cell(info.summary)} |`);
  return lines.join('\n');
}

/** Generated README blocks, between `<!-- name:start -->` and `<!-- name:end -->` markers. */
export const generatedBlocks: Record<string, () => string> = {
  actions: () => renderActionReference(3),
  codes: renderCodeTable,
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

export { actionDefinition };
