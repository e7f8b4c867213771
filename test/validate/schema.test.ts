import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionDefinitions, type JsonSchema } from '../../src/actions/index.ts';
import { buildScriptSchema, schemaPath, schemaValidator } from '../../src/validate/index.ts';

const schema = JSON.parse(readFileSync(schemaPath('script.schema.json'), 'utf8')) as JsonSchema;

describe('schemas/script.schema.json', () => {
  it('is up to date with the action files (regenerate with `npm run schema`)', () => {
    expect(schema).toEqual(buildScriptSchema());
  });

  it('is draft-07 and has one definition per action type', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const types = actionDefinitions.map((d) => d.type);
    expect(types).toEqual(['Begin', 'Menu', 'Capture', 'Play', 'Assign', 'If', 'Case', 'Snippet', 'Loop', 'Wait', 'Reqagent', 'OnAnswer', 'OnRelease', 'AgentState', 'JoinAgentSession', 'GetNextEvent', 'CustomEvent', 'Hangup', 'End']);
    for (const type of types) expect(schema.definitions?.[type], type).toBeDefined();
  });

  it('gives every property a description and examples, for editor hover and completion', () => {
    for (const definition of actionDefinitions) {
      const properties = schema.definitions?.[definition.type]?.properties?.['properties']?.properties ?? {};
      expect(Object.keys(properties)).toEqual(Object.keys(definition.properties));
      for (const [name, property] of Object.entries(properties)) {
        expect(property.description, `${definition.type}.${name}`).toBeTruthy();
        expect(property.examples?.length, `${definition.type}.${name} examples`).toBeGreaterThan(0);
      }
    }
  });

  it('lists each action\'s branches, and value branches for Menu and Case', () => {
    const branches = (type: string) => schema.definitions?.[type]?.properties?.['branches'];
    expect(Object.keys(branches('CustomEvent')?.properties ?? {})).toEqual(['Default', 'OnAgentNotConnected']);
    expect(Object.keys(branches('GetNextEvent')?.properties ?? {})).toEqual(['OnNewEvents', 'OnNoEvents', 'OnSessionEnded', 'OnInvalidAgentSession', 'OnInvalidTimeout', 'Default']);
    expect(branches('Menu')?.patternProperties).toBeDefined();
    expect(branches('Case')?.additionalProperties).toMatchObject({ type: 'string' });
    expect(branches('If')?.additionalProperties).toBe(false);
    expect(branches('End')).toBeUndefined();
  });

  it('compiles under ajv strict mode', () => {
    expect(() => schemaValidator('script.schema.json')).not.toThrow();
  });

  it('accepts a value of the right kind and refuses one of the wrong kind', () => {
    const validate = schemaValidator('script.schema.json');
    const script = (properties: Record<string, unknown>) => ({ name: 'X', actions: { begin: { type: 'Begin', next: 'e' }, e: { type: 'CustomEvent', properties } } });
    expect(validate(script({ EventName: 'A', PersistInMemory: true }))).toBe(true);
    expect(validate(script({ EventName: 'A', PersistInMemory: 'true' }))).toBe(false);
    expect(validate(script({ EventName: '' }))).toBe(false);
    expect(validate(script({ PersistInMemory: true }))).toBe(false);
  });
});
