import type { JsonSchema } from '../actions/types.ts';

// https://help.incontact.com/content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm (a signal from a URL or a web service: the source contact ID is 0)
// The vendor's API signals a contact with POST /interactions/{contactId}/signal and p1, p2, ... (see the README).

/** Most values one signal carries (the Signal page: "Up to nine parameters"). */
export const maxSignalParameters = 9;
/** Longest value (the Signal page is silent; the 32 KB a Spawn parameter may hold: see the README). */
export const maxSignalParameterChars = 32 * 1024;

/** A signal the scenario sends from outside any script, read. */
export interface ScenarioSignal {
  atMs: number;
  /** `caller` (the contact the run starts) or a contact id such as contact-2 (ids count up in the order contacts start: background callers, spawned contacts). */
  contact: string;
  parameters: string[];
}

/** One entry as written in a scenario. */
export interface ScenarioSignalData {
  at: number;
  contact?: string;
  parameters?: Array<string | number>;
}

/** The scenario's `signals:` list. */
export function signalsSchema(): JsonSchema {
  return {
    type: 'array',
    description:
      'Signals sent to a running contact from outside any script, as the vendor\'s API does (POST /interactions/{contactId}/signal): at `at` seconds the contact\'s OnSignal runs with SP1, SP2, ... set to `parameters` and its source contact ID variable set to 0. `contact` is `caller` (the contact the run starts, the default) or the id of another contact: ids count up in the order contacts start (contact-2 is the first after the caller, a background caller or a spawned contact; `run` lists them). A contact with no OnSignal, or one not running then, is not changed (the run\'s world log says so).',
    maxItems: 1000,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['at'],
      properties: {
        at: { type: 'number', minimum: 0, maximum: 31_536_000, description: 'When, in seconds of virtual time.', examples: [30] },
        contact: { type: 'string', pattern: '^(caller|contact-[1-9][0-9]{0,8})$', default: 'caller', description: '`caller`, or a contact id such as contact-2.', examples: ['caller', "contact-2"] },
        parameters: {
          type: 'array',
          maxItems: maxSignalParameters,
          items: { type: ['string', 'number'], maxLength: maxSignalParameterChars },
          description: `SP1 to SP${maxSignalParameters} in order (at most ${maxSignalParameterChars / 1024} KB each).`,
          examples: [['TechFound', 'Sam']],
        },
      },
      examples: [{ at: 30, contact: 'caller', parameters: ['TechFound', 'Sam'] }],
    },
    examples: [[{ at: 30, parameters: ['TechFound', 'Sam'] }]],
  };
}

/** Reads the list (already checked against the schema). */
export function readSignals(data: unknown): ScenarioSignal[] {
  if (!Array.isArray(data)) return [];
  return data.map((raw: Record<string, unknown>) => ({
    atMs: Math.round((typeof raw['at'] === 'number' ? raw['at'] : 0) * 1000),
    contact: typeof raw['contact'] === 'string' ? raw['contact'] : 'caller',
    parameters: (Array.isArray(raw['parameters']) ? (raw['parameters'] as unknown[]) : []).map((value) => (typeof value === 'number' ? String(value) : String(value ?? ''))),
  }));
}
