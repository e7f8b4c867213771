import type { JsonSchema } from '../actions/types.ts';
import type { PathSegment } from '../diagnostics/diagnostic.ts';

/**
 * How an outside number answers whichever action dials it (Transfer,
 * BlindXfer, Placecall): a live person, an answering machine, a line that
 * picks up and says nothing, or one of the ways a call fails.
 */
export const numberAnswers = ['person', 'machine', 'silence', 'busy', 'noAnswer', 'invalid', 'error'] as const;
export type NumberAnswerKind = (typeof numberAnswers)[number];

/**
 * The answers as a transfer's results were first written in `numbers:`
 * (Transfer's branches without On): still accepted, read as the answer beside them.
 */
export const transferAnswerNames: Readonly<Record<'Answered' | 'Busy' | 'NoAnswer' | 'InvalidNumber' | 'DialingError', NumberAnswerKind>> = {
  Answered: 'person',
  Busy: 'busy',
  NoAnswer: 'noAnswer',
  InvalidNumber: 'invalid',
  DialingError: 'error',
};

/** One number of the scenario's `numbers:` section, read. */
export interface NumberEntry {
  /** The number as written: digits compared without +, spaces, dashes, dots and brackets; `*` stands for any run of digits. */
  number: string;
  answer: NumberAnswerKind;
  /** When the answer (or the failure) comes, from the start of dialling; left out, each action has its own default. */
  afterMs?: number;
  /** How long the person or the machine's greeting speaks after picking up (Placecall's detection hears it). */
  speaksMs?: number;
}

/** One number's entry as written in a scenario. */
export interface NumberAnswerData {
  answer: NumberAnswerKind | keyof typeof transferAnswerNames;
  after?: number;
  speaks?: number;
}

/** One entry of the former `outbound:` list (folded into `numbers:`). */
export interface OutboundAnswerData {
  number: string | number;
  answer: NumberAnswerKind;
  after?: number;
  speaks?: number;
}

/** How long a voice talks after picking up when the entry does not say (the docs give no typical figures: see the README). */
export const speaksDefaults = {
  /** A person's "Hello?" */
  personSeconds: 1,
  /** An answering machine's greeting. */
  machineSeconds: 12,
} as const;

const numberKeyPattern = '^[0-9+()\\s.*-]*[0-9*][0-9+()\\s.*-]*$';

const answerDescription =
  '`answer`: person (a live voice), machine (an answering machine greeting), silence (picks up, says nothing), busy, noAnswer (rings on), invalid (the network rejects the number), error (the call cannot be placed). A Transfer or BlindXfer is connected by person, machine or silence (OnBusy, OnNoAnswer, OnInvalidNumber, OnDialingError for the rest); Placecall\'s answering machine detection tells them apart. Answered, Busy, NoAnswer, InvalidNumber and DialingError (Transfer\'s results) are read as person, busy, noAnswer, invalid and error.';

/** The scenario's `numbers:` section: how each outside number answers. */
export function numbersSchema(): JsonSchema {
  return {
    type: 'object',
    description: `How outside numbers answer the actions that dial them (Transfer, BlindXfer, Placecall), by number. Digits are compared (+, spaces, dashes, dots and brackets ignored), so "+1 (800) 555-0199" is 18005550199; \`*\` is any run of digits, and an exact number wins over a pattern (among patterns, the first written). ${answerDescription} \`after\`: seconds of ringing before the answer or the failure; \`speaks\`: seconds the person or the greeting talks. A number not listed: a Transfer is answered after 5 s, a Placecall rings until its Timeout.`,
    propertyNames: { pattern: numberKeyPattern, maxLength: 64 },
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      required: ['answer'],
      properties: {
        answer: { enum: [...numberAnswers, ...Object.keys(transferAnswerNames)], description: 'How the call goes.', examples: ['person', 'machine', 'busy'] },
        after: {
          type: 'number',
          minimum: 0,
          maximum: 3600,
          description: 'Seconds from dialling to the answer or the failure. Left out: a Transfer\'s answer comes after 5 s and a busy tone after 2 s; a Placecall\'s answer or failure after 3 s.',
          examples: [3, 12],
        },
        speaks: { type: 'number', minimum: 0, maximum: 3600, description: `Seconds the person (default ${speaksDefaults.personSeconds}) or the machine's greeting (default ${speaksDefaults.machineSeconds}) talks after picking up (Placecall's answering machine detection hears it).`, examples: [1, 25] },
      },
      examples: [{ answer: 'person', after: 4 }],
    },
    examples: [{ '18005550199': { answer: 'busy' }, '+1 555 123 0001': { answer: 'machine', after: 5, speaks: 20 }, '1555*': { answer: 'person' } }],
  };
}

/** The former `outbound:` list, still accepted (and folded into `numbers:`, with a warning). */
export function outboundSchema(): JsonSchema {
  return {
    type: 'array',
    description: 'Deprecated: write these under `numbers:` (`"+15551230001": { answer: person, after: 4 }`). How the numbers Placecall dials answer, first match wins; the entries are read as `numbers:` entries, and a number also under `numbers:` takes the answer written there.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['number', 'answer'],
      properties: {
        number: { type: ['string', 'integer'], minLength: 1, maxLength: 64, description: 'The dialled number, or a pattern with `*`.', examples: ['+15551230001', '1555*'] },
        answer: { enum: [...numberAnswers], description: 'How the call goes.', examples: ['person', 'machine', 'busy'] },
        after: { type: 'number', minimum: 0, maximum: 3600, description: 'Seconds from dialling to the answer or the failure.', examples: [3, 20] },
        speaks: { type: 'number', minimum: 0, maximum: 3600, description: 'Seconds the person or the machine\'s greeting talks after picking up.', examples: [1, 25] },
      },
    },
  };
}

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A number's digits: a leading + and the spaces, dashes, dots and brackets people write do not count. */
export const digitsOf = (number: string): string => number.replace(/[\s\-.()+]/g, '');

/** An `outbound:` entry as the `numbers:` entry that says the same. */
function outboundEntryAsNumber(entry: Data): Data {
  const converted: Data = { answer: entry['answer'] };
  if (entry['after'] !== undefined) converted['after'] = entry['after'];
  if (entry['speaks'] !== undefined) converted['speaks'] = entry['speaks'];
  return converted;
}

/**
 * Scenario data with its `outbound:` list folded into `numbers:`: each
 * entry becomes the number's entry, the first of a number winning (the list
 * was first-match-wins), and a number already under `numbers:` keeping what
 * is written there. Data without `outbound:` comes back as it is.
 */
export function foldOutbound(data: Data): Data {
  const outbound = data['outbound'];
  if (outbound === undefined) return data;
  const { outbound: _folded, ...rest } = data;
  const numbers: Data = {};
  const written = isRecord(data['numbers']) ? data['numbers'] : {};
  // Digits already answered: by numbers: (which wins), or by an earlier outbound: entry (the first match won).
  const taken = new Set(Object.keys(written).map(digitsOf));
  if (Array.isArray(outbound)) {
    for (const entry of outbound) {
      if (!isRecord(entry) || (typeof entry['number'] !== 'string' && typeof entry['number'] !== 'number')) continue;
      const key = String(entry['number']);
      if (taken.has(digitsOf(key))) continue;
      taken.add(digitsOf(key));
      numbers[key] = outboundEntryAsNumber(entry);
    }
  }
  return { ...rest, numbers: { ...numbers, ...written } };
}

/** A warning about the former `outbound:` list: where it is and the `numbers:` lines that say the same. */
export interface OutboundWarning {
  path: PathSegment[];
  message: string;
  hint: string;
}

/** YAML text of a flat value as a flow mapping would hold it. */
const flow = (value: unknown): string => (typeof value === 'string' && !/^[A-Za-z][A-Za-z0-9]*$/.test(value) ? JSON.stringify(value) : String(value));

/** The warnings for scenario data (as written) that uses `outbound:`; `at` is where the data sits in its document. */
export function outboundWarnings(data: unknown, at: PathSegment[] = []): OutboundWarning[] {
  if (!isRecord(data) || !Array.isArray(data['outbound'])) return [];
  const entries = (data['outbound'] as unknown[]).filter(isRecord);
  const lines = entries.map((entry) => {
    const fields = Object.entries(outboundEntryAsNumber(entry)).map(([key, value]) => `${key}: ${flow(value)}`);
    return `  ${JSON.stringify(String(entry['number']))}: { ${fields.join(', ')} }`;
  });
  const warnings: OutboundWarning[] = [
    {
      path: [...at, 'outbound'],
      message: 'outbound: is now part of numbers:, where each number says how it answers whichever action dials it (Transfer, BlindXfer, Placecall); its entries are read as numbers: entries',
      hint: lines.length === 0 ? 'Remove the empty outbound: list.' : `Replace outbound: with\nnumbers:\n${lines.join('\n')}`,
    },
  ];
  const written = isRecord(data['numbers']) ? Object.keys(data['numbers']) : [];
  const writtenDigits = new Map(written.map((key) => [digitsOf(key), key]));
  (data['outbound'] as unknown[]).forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const also = writtenDigits.get(digitsOf(String(entry['number'])));
    if (also !== undefined) {
      warnings.push({
        path: [...at, 'outbound', index, 'number'],
        message: `${String(entry['number'])} is also under numbers: (as "${also}"), whose answer wins; this entry is ignored`,
        hint: 'Keep one entry per number, under numbers:.',
      });
    }
  });
  return warnings;
}

/** Reads the `numbers:` section (already checked against the schema, `outbound:` folded in). */
export function readNumbers(data: unknown): NumberEntry[] {
  if (!isRecord(data)) return [];
  const entries: NumberEntry[] = [];
  for (const [number, raw] of Object.entries(data)) {
    if (!isRecord(raw)) continue;
    const written = String(raw['answer']);
    const answer = (transferAnswerNames as Record<string, NumberAnswerKind>)[written] ?? (written as NumberAnswerKind);
    const entry: NumberEntry = { number, answer };
    if (typeof raw['after'] === 'number') entry.afterMs = Math.round(raw['after'] * 1000);
    if (typeof raw['speaks'] === 'number') entry.speaksMs = Math.round(raw['speaks'] * 1000);
    entries.push(entry);
  }
  return entries;
}

/** Whether `digits` matches a pattern's digits, `*` being any run of characters (iterative). */
function matchesPattern(pattern: string, digits: string): boolean {
  const parts = pattern.split('*');
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === 0) {
      if (!digits.startsWith(part)) return false;
      at = part.length;
    } else if (i === parts.length - 1) {
      return digits.length - part.length >= at && digits.endsWith(part);
    } else {
      const found = digits.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
  }
  return true;
}

/**
 * The entry answering a dialled number: the number written exactly (the
 * last written, when two spellings share the digits), else the first
 * pattern that matches.
 */
export function numberEntryFor(entries: readonly NumberEntry[], dialled: string): NumberEntry | undefined {
  const digits = digitsOf(dialled);
  let exact: NumberEntry | undefined;
  for (const entry of entries) if (!entry.number.includes('*') && digitsOf(entry.number) === digits) exact = entry;
  if (exact) return exact;
  return entries.find((entry) => entry.number.includes('*') && matchesPattern(digitsOf(entry.number), digits));
}
