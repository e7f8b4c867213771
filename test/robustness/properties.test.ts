import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actionDefinitions, type ActionDefinition, type PropertySpec } from '../../src/actions/index.ts';
import { loadScenarioText, loadScriptText, runScript } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { AgentEventStream } from '../../src/runtime/event-stream.ts';
import { validateScriptText } from '../../src/validate/index.ts';

/** A valid value for a property, from its spec (the same spec the schema is built from). */
function propertyValue(spec: PropertySpec): fc.Arbitrary<unknown> {
  const schema = spec.schema;
  if (spec.kind === 'variableWrite' || spec.kind === 'variableRead') return fc.constantFrom('V1', 'V2');
  if (spec.kind === 'expression') return fc.constantFrom('V1 = 1', 'V2 > 3 and not V1 = "x"', 'V1 + 1 >= V2', 'V1 => 0 | V2$ < "b"');
  // Valid whether read as text or as an expression (Assign's Value, by its Type): no braces, which an expression refuses.
  if (spec.kindWhen) return fc.constantFrom('V1', 'V1 + 1', '1+1', 'V2 * 2');
  if (spec.kind === 'snippet') return fc.constantFrom('V1 = V1 + 1', 'DYNAMIC o\no.a = V2\nV2 = "{o.asJSON()}"', 'FOR i = 1 TO 3 { V2 = "{V2}{i}" }', 'V1 = 1 / 0', 'WHILE 1 { V1 = V1 + 1 }');
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? 'string'].flat();
  if (types[0] === 'boolean') return fc.boolean();
  if (types[0] === 'number' || types[0] === 'integer') {
    return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 100, (schema.minimum ?? 0) + 40) });
  }
  if (schema.pattern === '^(?:[0-9*#]-?)?$') return fc.constantFrom('#', '#-', '*', '');
  // Other text with a form of its own (Music's InterruptMessages): its documented examples.
  if (schema.pattern !== undefined && schema.examples !== undefined && schema.examples.length > 0) return fc.constantFrom(...schema.examples);
  // Begin's Parameters: variable names, one per line.
  if (schema.examples?.some((example) => typeof example === 'string' && example.includes('\n'))) return fc.constantFrom('V1', 'V1\nV2', '');
  return fc.constantFrom('hello', '"%Press 1"', 'caller {ANI}', '{V1}', 'sent {DigitsEntered} at {V2 + 1}', 'Support');
}

// No OnRelease: its logic may not reach media actions (an error), which random wiring cannot promise.
// No Runsub or RunScript: they call script files, and a random script is text with no folder (the subscript tests cover them).
const usable = actionDefinitions.filter((d) => d.type !== 'Begin' && d.type !== 'OnRelease' && d.type !== 'Runsub' && d.type !== 'RunScript');

/** A random script that must be valid: only the schema's properties, branches into existing non-event actions. */
const validScript = fc.integer({ min: 2, max: 14 }).chain((count) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...usable), { minLength: count, maxLength: count }),
      fc.array(fc.nat(), { minLength: count * 8, maxLength: count * 8 }),
      fc.array(fc.nat(), { minLength: count * 6, maxLength: count * 6 }),
    )
    .chain(([types, wiring, values]) => {
      // At most one of each event action.
      const seen = new Set<string>();
      const definitions: ActionDefinition[] = types.map((d) => {
        if (!d.event) return d;
        if (seen.has(d.type)) return usable.find((u) => u.type === 'Play') as ActionDefinition;
        seen.add(d.type);
        return d;
      });
      // Begin needs somewhere to go that is not an event action.
      if (definitions.every((d) => d.event)) definitions[0] = usable.find((u) => u.type === 'Hangup') as ActionDefinition;
      const ids = ['begin', ...definitions.map((_, i) => `a${i}`)];
      const targets = ids.filter((id, i) => i === 0 || !definitions[i - 1]?.event).filter((id) => id !== 'begin');
      const propertyArbitraries = definitions.map((d) =>
        fc.record(
          Object.fromEntries(
            Object.entries(d.properties)
              .filter(([name, spec]) => spec.required || (values[(ids.indexOf(name) + name.length) % values.length] ?? 0) % 2 === 0)
              .map(([name, spec]) => [name, propertyValue(spec)]),
          ),
        ),
      );
      return fc.tuple(...propertyArbitraries).map((properties) => {
        const actions: Record<string, unknown> = { begin: { type: 'Begin', next: targets[0] ?? 'a0' } };
        let w = 0;
        definitions.forEach((definition, i) => {
          const branches: Record<string, string> = {};
          for (const branch of definition.branches) {
            if ((wiring[w++] ?? 0) % 3 !== 0) branches[branch.name] = targets[(wiring[w++] ?? 0) % targets.length] as string;
          }
          if (definition.valueBranches) branches[definition.type === 'Menu' ? '1' : 'x'] = targets[(wiring[w++] ?? 0) % targets.length] as string;
          const action: Record<string, unknown> = { type: definition.type, properties: properties[i] };
          if (definition.type === 'Reqagent') (action['properties'] as Record<string, unknown>)['Skill'] = 'Support';
          if (!definition.terminal && Object.keys(branches).length > 0) action['branches'] = branches;
          actions[`a${i}`] = action;
        });
        return stringify({ name: 'Random', variables: { V1: 1, V2: 'x' }, actions });
      });
    }),
);

const scenario = fc.record({
  input: fc.array(fc.constantFrom('1', '2', '12#', '9999', 'silence'), { maxLength: 4 }),
  monitor: fc.constantFrom('LoggedOut', 'Available'),
  agent: fc.constantFrom('LoggedOut', 'Available', 'Unavailable'),
  hangupAfter: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
});

describe('property: random valid scripts', () => {
  it('always validate without errors, compile and run to an outcome within the budgets', () => {
    fc.assert(
      fc.property(validScript, scenario, (text, world) => {
        const validated = validateScriptText(text, 'random.yaml');
        expect(validated.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
        const script = loadScriptText(text, 'random.yaml');
        if (!script.ok) throw new Error('did not load');
        const input = world.input.map((i) => (i === 'silence' ? '{ silence: true }' : `"${i}"`)).join(', ');
        const scenarioText = [
          `caller: { input: [${input}]${world.hangupAfter ? `, hangupAfter: ${world.hangupAfter}` : ''} }`,
          'agents:',
          `  "1001": { state: ${world.monitor} }`,
          `  "2002": { state: ${world.agent}, skills: [Support], answerAfter: 7 }`,
          'limits: { maxSteps: 300, maxSeconds: 900 }',
        ].join('\n');
        const loaded = loadScenarioText(scenarioText);
        if (!loaded.ok) throw new Error(scenarioText);
        const report = runScript(script.compiled, loaded.scenario);
        expect(['ended', 'failed']).toContain(report.outcome);
        expect(report.steps.length).toBeLessThanOrEqual(301);
        expect(report.elapsedMs).toBeLessThanOrEqual(900_000);
        if (report.outcome === 'failed') expect(['StepLimit', 'TimeLimit']).toContain(report.reason);
      }),
      { numRuns: 150 },
    );
  });
});

const samples = ['custom-event-sample.yaml', 'account-callback.yaml', 'first-custom-event.yaml'].map((name) => readFileSync(join(import.meta.dirname, '../../scripts', name), 'utf8'));
const noise = [':', '-', ' ', '\t', '{', '}', '[', ']', '"', "'", '#', '\n', 'x', '&a ', '*a', '!', '|', '>', '\\', '%', '@', '`', '\u0000', '\u00e9', '?', ','];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...noise) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, changes: Array<{ kind: string; at: number; text?: string; length?: number }>): string {
  let out = text;
  for (const change of changes) {
    const at = out.length === 0 ? 0 : change.at % out.length;
    if (change.kind === 'insert') out = out.slice(0, at) + (change.text ?? '') + out.slice(at);
    else if (change.kind === 'delete') out = out.slice(0, at) + out.slice(at + (change.length ?? 1));
    else if (change.kind === 'truncate') out = out.slice(0, at);
    else {
      const lines = out.split('\n');
      const line = at % Math.max(1, lines.length);
      lines.splice(line, 0, lines[line] ?? '');
      out = lines.join('\n');
    }
  }
  return out;
}

describe('property: mutated samples', () => {
  it('never crash the loader; every problem is a diagnostic with a line and column inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 4 }), (sample, changes) => {
        const text = mutate(sample, changes);
        const result = validateScriptText(text, 'mutated.yaml');
        const lines = text.split(/\r?\n|\r/).length;
        for (const d of result.diagnostics) {
          expect(d.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
          expect(d.line, `${d.code} ${d.message}`).toBeLessThanOrEqual(lines + 1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
        if (result.script) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

type Op = { op: 'login' | 'logout' | 'take'; agent: number } | { op: 'event'; agent: number; name: number; persist: boolean } | { op: 'tick' };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { arbitrary: fc.record({ op: fc.constantFrom('login' as const, 'logout' as const, 'take' as const), agent: fc.integer({ min: 0, max: 2 }) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('event' as const), agent: fc.integer({ min: 0, max: 2 }), name: fc.integer({ min: 0, max: 2 }), persist: fc.boolean() }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('tick' as const) }), weight: 1 },
  ),
  { maxLength: 60 },
);

describe('property: the agent event stream', () => {
  it('delivers each event at most once, in emission order, to its own agent, persisted ones only after AgentSessionStart, one per name among the undelivered', () => {
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const clock = new VirtualClock();
        const stream = new AgentEventStream(clock);
        const agents = ['1001', '2002', '3003'];
        for (const agent of agents) stream.addAgent(agent);
        const delivered = new Map<string, Array<Record<string, unknown>>>(agents.map((a) => [a, []]));
        const started = new Map<string, boolean>(agents.map((a) => [a, false]));
        let seq = 0;
        // A polling desktop on agent 0, so long polls and wake-ups are part of the mix.
        const desktop = (sessionId: string) =>
          stream.poll(sessionId, 'desktop', (answer) => {
            if (answer.kind !== 'events') return;
            record('1001', answer.events as Array<Record<string, unknown>>);
            desktop(sessionId);
          });
        const record = (agent: string, events: Array<Record<string, unknown>>) => {
          for (const event of events) {
            if (event['Type'] === 'AgentSessionStart') started.set(agent, true);
            if (event['type'] === 'CustomEvent') {
              expect(started.get(agent), 'a custom event before AgentSessionStart').toBe(true);
              expect(String(event['data']).split(':')[0], 'delivered to another agent').toBe(agent);
            }
            delivered.get(agent)?.push(event);
          }
        };
        for (const step of sequence) {
          if (step.op === 'tick') {
            clock.runNext();
            continue;
          }
          const agent = agents[step.agent] as string;
          if (step.op === 'event') {
            stream.customEvent(agent, `N${step.name}`, `${agent}:${seq++}`, step.persist);
          } else if (step.op === 'login') {
            const fresh = stream.openSession(agent) === undefined;
            const session = stream.startSession(agent);
            if (fresh) started.set(agent, false);
            if (fresh && agent === '1001') desktop(session);
          } else if (step.op === 'logout') {
            const session = stream.openSession(agent);
            if (session) stream.endSession(session);
          } else {
            const session = stream.openSession(agent);
            if (session) {
              const answer = stream.take(session, 'test');
              if (answer.kind === 'events') record(agent, answer.events as Array<Record<string, unknown>>);
            }
          }
          for (const a of agents) {
            const names = stream.pending(a).filter((e) => e['type'] === 'CustomEvent').map((e) => e['eventName']);
            expect(new Set(names).size, 'two undelivered events of one name').toBe(names.length);
          }
        }
        for (const events of delivered.values()) {
          const numbers = events.filter((e) => e['type'] === 'CustomEvent').map((e) => Number(String(e['data']).split(':')[1]));
          expect(new Set(numbers).size, 'an event delivered twice').toBe(numbers.length);
          expect([...numbers].sort((x, y) => x - y), 'out of emission order').toEqual(numbers);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
