import { actionDefinitions, type ActionDefinition, type JsonSchema, variableNamePattern } from '../actions/index.ts';
import { scriptTypes } from '../actions/script-types.ts';

/** Action ids: a letter or `_`, then letters, digits, `_` or `-`. */
export const actionIdPattern = '^[A-Za-z_][A-Za-z0-9_-]*$';

/** A script's `mediaType`: Studio's script types (the vendor's Work Item is spelt WorkItem). */
export const mediaTypes = scriptTypes;

const target: JsonSchema = { type: 'string', minLength: 1, description: 'The id of the action this branch goes to.' };

function actionSchema(definition: ActionDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(definition.properties)) {
    properties[name] = spec.schema;
    if (spec.required) required.push(name);
  }
  const propertiesSchema: JsonSchema = {
    type: 'object',
    description: `${definition.type} properties.`,
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) propertiesSchema.required = required;

  const schema: JsonSchema = {
    title: definition.type,
    description: `${definition.summary} ${definition.description}`,
    type: 'object',
    properties: {
      type: { const: definition.type, description: definition.summary },
      caption: { type: 'string', description: 'A short label shown under the action, as on the Studio canvas.', examples: ['Main menu'] },
      notes: { type: 'string', description: 'Free text for the script\'s readers; ignored when running.' },
      properties: propertiesSchema,
    },
    additionalProperties: false,
  };
  const schemaProperties = schema.properties as Record<string, JsonSchema>;
  if (required.length > 0) schema.required = ['type', 'properties'];

  if (definition.branches.length > 0 || definition.valueBranches) {
    const branchProperties: Record<string, JsonSchema> = {};
    for (const branch of definition.branches) branchProperties[branch.name] = { ...target, description: branch.description };
    const names = definition.branches.map((b) => b.name).join(', ');
    const branches: JsonSchema = {
      type: 'object',
      description: definition.valueBranches
        ? `Where each outcome goes: ${names}, or a value branch (${definition.valueBranches.description})`
        : `Where each outcome goes: ${names}.`,
      properties: branchProperties,
    };
    const value = definition.valueBranches;
    if (value?.pattern) {
      branches.patternProperties = { [value.pattern]: { ...target, description: value.description } };
      branches.additionalProperties = false;
    } else if (value) {
      branches.additionalProperties = { ...target, description: value.description };
    } else {
      branches.additionalProperties = false;
    }
    schemaProperties['branches'] = branches;
  }
  if (definition.branches.some((b) => b.name === 'Default')) {
    schemaProperties['next'] = { ...target, description: 'Shorthand for `branches: { Default: <id> }`.' };
  }
  return schema;
}

/** The script JSON Schema, built from the action definitions (written to schemas/script.schema.json). */
export function buildScriptSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const definition of actionDefinitions) definitions[definition.type] = actionSchema(definition);
  definitions['action'] = {
    type: 'object',
    description: 'One action of the script. `type` selects which properties and branches it accepts.',
    required: ['type'],
    properties: {
      type: { enum: actionDefinitions.map((d) => d.type), description: 'The action type, as named in Studio\'s palette.' },
    },
    allOf: actionDefinitions.map((d) => ({ if: { properties: { type: { const: d.type } }, required: ['type'] }, then: { $ref: `#/definitions/${d.type}` } })),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'studio-sim script',
    description: 'A NICE CXone Studio script for studio-sim: named actions, each with properties and branches to the next action.',
    type: 'object',
    required: ['name', 'actions'],
    properties: {
      name: { type: 'string', minLength: 1, description: 'The script\'s name.', examples: ['CustomEventSample'] },
      description: { type: 'string', description: 'What the script does, for its readers.' },
      mediaType: { enum: [...mediaTypes], default: 'Phone', description: 'The kind of contact the script handles: the script type chosen when a Studio script is created (the vendor\'s Work Item is WorkItem). Each action works only in the script types its page lists.' },
      variables: {
        type: 'object',
        description: 'Script variables and their starting values. Names are case-insensitive.',
        propertyNames: { pattern: variableNamePattern },
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        examples: [{ SupervisorId: '1001' }],
      },
      actions: {
        type: 'object',
        description: 'The actions, keyed by id. Exactly one is of type Begin.',
        minProperties: 1,
        propertyNames: { pattern: actionIdPattern },
        additionalProperties: { $ref: '#/definitions/action' },
      },
    },
    additionalProperties: false,
    definitions,
  };
}
