import type { JsonSchema } from '../actions/types.ts';

/**
 * How the far end answers an outbound call PlaceCall dials: a live person, an
 * answering machine, silence, or one of the ways a call fails.
 */
export const outboundAnswers = ['person', 'machine', 'silence', 'busy', 'noAnswer', 'invalid', 'error'] as const;
export type OutboundAnswerKind = (typeof outboundAnswers)[number];

/** One entry of the scenario's `outbound:` list, read. */
export interface OutboundAnswer {
  /** The number as written: digits compared without +, spaces, dashes, dots and brackets; `*` stands for any run of digits. */
  number: string;
  answer: OutboundAnswerKind;
  /** When the answer (or the failure) comes, from the start of dialling. */
  afterMs: number;
  /** How long the person or the machine's greeting speaks before falling silent. */
  speaksMs: number;
}

/** One entry as written in a scenario. */
export interface OutboundAnswerData {
  number: string | number;
  answer: OutboundAnswerKind;
  after?: number;
  speaks?: number;
}

/** Defaults when an entry leaves them out (the docs give no typical figures: see the README). */
export const outboundDefaults = {
  /** Ringing before a person or machine picks up, or before busy / invalid / error comes back. */
  afterSeconds: 3,
  /** A person's "Hello?" */
  personSpeaksSeconds: 1,
  /** An answering machine's greeting. */
  machineSpeaksSeconds: 12,
} as const;

/** The scenario's `outbound:` list: how each number PlaceCall dials answers. */
export function outboundSchema(): JsonSchema {
  return {
    type: 'array',
    description:
      'How the numbers the script dials (PlaceCall) answer, first match wins. `number` is compared digit for digit (+, spaces, dashes, dots and brackets ignored; `*` is any run of digits). `answer`: person (a live voice), machine (an answering machine greeting), silence (picks up, says nothing: NoVoice), busy, noAnswer (rings until PlaceCall\'s Timeout), invalid (the network rejects the number), error (the call cannot be placed). `after`: seconds of ringing before the answer or the failure; `speaks`: seconds the person or the greeting talks. A number with no entry rings unanswered.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['number', 'answer'],
      properties: {
        number: { type: ['string', 'integer'], minLength: 1, maxLength: 64, description: 'The dialled number, or a pattern with `*`.', examples: ['+15551230001', '1555*'] },
        answer: { enum: [...outboundAnswers], description: 'How the call goes.', examples: ['person', 'machine', 'busy'] },
        after: { type: 'number', minimum: 0, maximum: 3600, default: outboundDefaults.afterSeconds, description: 'Seconds from dialling to the answer or the failure.', examples: [3, 20] },
        speaks: { type: 'number', minimum: 0, maximum: 3600, description: `Seconds the person (default ${outboundDefaults.personSpeaksSeconds}) or the machine's greeting (default ${outboundDefaults.machineSpeaksSeconds}) talks after picking up.`, examples: [1, 25] },
      },
      examples: [{ number: '+15551230001', answer: 'person', after: 4 }],
    },
    examples: [[{ number: '+15551230001', answer: 'person', after: 4 }, { number: '+15551230002', answer: 'machine', speaks: 20 }, { number: '*', answer: 'busy' }]],
  };
}

/** A number's digits: a leading + and the spaces, dashes, dots and brackets people write do not count. */
const digitsOf = (number: string): string => number.replace(/[\s\-.()+]/g, '');

/** Reads the list (already checked against the schema). */
export function readOutbound(data: unknown): OutboundAnswer[] {
  if (!Array.isArray(data)) return [];
  return data.map((raw: Record<string, unknown>) => {
    const answer = raw['answer'] as OutboundAnswerKind;
    const speaks = typeof raw['speaks'] === 'number' ? raw['speaks'] : answer === 'machine' ? outboundDefaults.machineSpeaksSeconds : outboundDefaults.personSpeaksSeconds;
    return {
      number: String(raw['number']),
      answer,
      afterMs: Math.round((typeof raw['after'] === 'number' ? raw['after'] : outboundDefaults.afterSeconds) * 1000),
      speaksMs: Math.round(speaks * 1000),
    };
  });
}

/** The first entry answering a dialled number, if any. */
export function outboundAnswerFor(entries: readonly OutboundAnswer[], dialled: string): OutboundAnswer | undefined {
  const number = digitsOf(dialled);
  return entries.find((entry) => {
    const pattern = digitsOf(entry.number);
    if (!pattern.includes('*')) return pattern === number;
    // Iterative glob: `*` is any run of characters, the rest compared literally.
    const parts = pattern.split('*');
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === 0) {
        if (!number.startsWith(part)) return false;
        at = part.length;
      } else if (i === parts.length - 1) {
        return number.length - part.length >= at && number.endsWith(part);
      } else {
        const found = number.indexOf(part, at);
        if (found < 0) return false;
        at = found + part.length;
      }
    }
    return true;
  });
}
