import type { CallerInput, JsonSchema } from '../actions/types.ts';
import type { PathSegment } from '../diagnostics/diagnostic.ts';
import type { Value } from '../expression/values.ts';

/**
 * Another caller of the same script, in the same world: it arrives at its
 * own time and queues for the same agents on the same clock, so a run shows
 * the routing order among callers (a VIP overtaking callers who waited
 * longer).
 */
export interface BackgroundCaller {
  /** Its name in the scenario, and in the report. */
  name: string;
  /** When it calls, in virtual time from the start of the run. */
  atMs: number;
  ani: string;
  dnis: string;
  input: CallerInput[];
  hangupAfterMs?: number;
  /** The scenario's variables with the caller's own laid over them. */
  variables: Record<string, Value>;
  parameters: string[];
}

/** One caller as written under `callers:`. */
export interface BackgroundCallerData {
  at?: number;
  ani?: string | number;
  dnis?: string | number;
  input?: Array<string | number | { digits: string | number; after?: number; ahead?: boolean } | { silence: true }>;
  hangupAfter?: number;
  variables?: Record<string, string | number | boolean>;
  parameters?: Array<string | number>;
}

/** The name the report gives the scenario's own caller (`caller:`); no background caller may take it. */
export const mainCallerName = 'caller';

/** Most background callers one scenario may declare. */
export const maxBackgroundCallers = 1000;

/**
 * The `callers:` section. `caller` is the scenario's `caller:` section's
 * schema (input, ani, ...), whose keys a background caller shares.
 */
export function callersSchema(caller: JsonSchema, variables: JsonSchema, parameters: JsonSchema): JsonSchema {
  const callerKeys = (caller.properties ?? {}) as Record<string, JsonSchema>;
  return {
    type: 'object',
    description:
      'Other callers of the same script, by name: each calls at its own time (`at`, seconds) and runs the script in the same world, queuing for the same agents on the same clock, so a run shows who is answered first. Each has the keys of `caller:` (ani, dnis, input, hangupAfter; ani and dnis default to the scenario caller\'s, input to silence) and its own `variables` (laid over the scenario\'s) and `parameters` (instead of the scenario\'s). The run report\'s `callers` lists every caller, the scenario\'s own as `caller`, with when each was queued and answered, and by whom.',
    propertyNames: { pattern: `^(?!${mainCallerName}$)[A-Za-z0-9_.-]+$`, maxLength: 64 },
    maxProperties: maxBackgroundCallers,
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: {
        at: { type: 'number', minimum: 0, maximum: 31_536_000, default: 0, description: 'Seconds from the start of the run when this caller calls.', examples: [60] },
        ...callerKeys,
        variables: { ...variables, description: 'Variables set before Begin for this caller, laid over the scenario\'s `variables`.' },
        parameters: { ...parameters, description: 'The values this caller\'s contact starts with (p1 to p9), instead of the scenario\'s `parameters`.' },
      },
    },
    examples: [{ Ann: { at: 0 }, Vic: { at: 120, ani: '5559990000', variables: { Vip: 'yes' } } }],
  };
}

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads `callers:` (already checked against the schema), in order of
 * arrival (the order written among callers arriving at once). `readCaller`
 * reads a caller's keys as the scenario's `caller:` is read, reporting
 * problems at `at`.
 */
export function readBackgroundCallers(
  data: unknown,
  defaults: { ani: string; dnis: string; variables: Record<string, Value>; parameters: string[] },
  readCaller: (raw: Data, at: PathSegment[]) => { ani?: string; dnis?: string; input: CallerInput[]; hangupAfterMs?: number },
  at: PathSegment[],
): BackgroundCaller[] {
  if (!isRecord(data)) return [];
  const callers: BackgroundCaller[] = [];
  for (const [name, raw] of Object.entries(data)) {
    if (!isRecord(raw)) continue;
    const read = readCaller(raw, [...at, 'callers', name]);
    const variables: Record<string, Value> = Object.assign(Object.create(null) as Record<string, Value>, defaults.variables);
    if (isRecord(raw['variables'])) for (const [key, value] of Object.entries(raw['variables'])) variables[key] = value as Value;
    const caller: BackgroundCaller = {
      name,
      atMs: typeof raw['at'] === 'number' ? Math.round(raw['at'] * 1000) : 0,
      ani: read.ani ?? defaults.ani,
      dnis: read.dnis ?? defaults.dnis,
      input: read.input,
      variables,
      parameters: Array.isArray(raw['parameters']) ? raw['parameters'].map((value) => String(value)) : defaults.parameters,
    };
    if (read.hangupAfterMs !== undefined) caller.hangupAfterMs = read.hangupAfterMs;
    callers.push(caller);
  }
  // A stable sort: callers arriving at once keep the order written.
  return callers.sort((a, b) => a.atMs - b.atMs);
}
