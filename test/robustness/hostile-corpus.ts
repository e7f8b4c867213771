import { parse } from 'yaml';
import { assign } from '../../src/actions/assign.ts';
import { defaultLoadLimits } from '../../src/load/limits.ts';

/**
 * Generated hostile inputs: every shape that once crashed studio-sim, or
 * could, at sizes up to (and just over) the documented limits. Each entry is
 * a script, optionally with a scenario, written beside a test file that runs it.
 */
export interface HostileInput {
  name: string;
  script: string;
  scenario?: string;
}

const header = 'name: Hostile\nmediaType: Phone\nvariables: { Attempts: 0 }\nactions:\n';

/** One Assign in flow style, from the action's own example, so it follows the action's property names. */
function assignAction(next?: string): string {
  const example = parse(assign.example) as Record<string, Record<string, unknown>>;
  const action = { ...(Object.values(example)[0] as Record<string, unknown>) };
  delete action['next'];
  if (next !== undefined) action['next'] = next;
  return JSON.stringify(action);
}

function chain(length: number): string {
  const lines = ['  a0: { type: Begin, next: a1 }'];
  for (let i = 1; i < length - 1; i++) lines.push(`  a${i}: ${assignAction(`a${i + 1}`)}`);
  lines.push(`  a${length - 1}: { type: Hangup }`);
  return `${header}${lines.join('\n')}\n`;
}

/** Every action leads to the next, the last back to the first: one loop through the whole script. */
function ring(length: number): string {
  const lines = ['  a0: { type: Begin, next: a1 }'];
  for (let i = 1; i < length; i++) lines.push(`  a${i}: ${assignAction(`a${i + 1 === length ? 1 : i + 1}`)}`);
  return `${header}${lines.join('\n')}\n`;
}

/** Begin to one action with many branches, each to its own end. */
function fan(width: number): string {
  const lines = ['  begin: { type: Begin, next: a0 }', `  a0: ${assignAction('e0')}`];
  for (let i = 0; i < width; i++) lines.push(`  e${i}: { type: Hangup }`);
  return `${header}${lines.join('\n')}\n`;
}

function nestedMapping(depth: number): string {
  return `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\nscenarioless:\n  deep: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}\n`;
}

function nestedFlowSequence(depth: number): string {
  return `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\nscenarioless:\n  deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\nlaughs:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

const limits = defaultLoadLimits;

/** A script whose If holds `expression`. */
function deepExpression(expression: string): string {
  return `${header}  begin: { type: Begin, next: check }\n  check: { type: If, properties: { Expression: "${expression}" }, branches: { "True": bye, "False": bye } }\n  bye: { type: Hangup }\n`;
}

export function hostileCorpus(): HostileInput[] {
  const minimal = `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n`;
  return [
    { name: 'chain of 4,300 actions', script: chain(4300) },
    { name: `chain at the action limit (${limits.maxActions})`, script: chain(limits.maxActions) },
    { name: `chain over the action limit (${limits.maxActions + 1})`, script: chain(limits.maxActions + 1) },
    { name: 'ring of 5,000 actions', script: ring(5000) },
    { name: 'fan-out to 5,000 ends', script: fan(5000) },
    { name: `mapping nested to the depth limit (${limits.maxDepth})`, script: nestedMapping(limits.maxDepth - 3) },
    { name: 'mapping nested 10,000 deep', script: nestedMapping(10_000) },
    { name: 'flow sequence nested 100,000 deep', script: nestedFlowSequence(100_000) },
    { name: 'billion laughs', script: billionLaughs(9) },
    { name: `string at the length limit (${limits.maxStringChars})`, script: `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup, caption: "${"x".repeat(limits.maxStringChars)}" }\n` },
    { name: 'key of 100,000 characters', script: `${minimal}${'k'.repeat(100_000)}: 1\n` },
    { name: 'action id of 100,000 characters', script: `${header}  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n  ${'k'.repeat(100_000)}: { type: Hangup }\n` },
    { name: 'file over the size limit', script: `${minimal}# ${'x'.repeat(limits.maxFileBytes)}\n` },
    { name: 'binary junk', script: String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    { name: 'empty file', script: '' },
    { name: 'only a document marker', script: '---\n' },
    { name: 'a YAML merge key', script: `${header}  base: &base { type: Hangup }\n  begin: { type: Begin, next: bye }\n  bye: { <<: *base }\n` },
    { name: 'duplicate keys', script: `${minimal}  bye: { type: Hangup }\n` },
    { name: 'non-ASCII action id', script: `${header}  begin: { type: Begin, next: café }\n  café: { type: Hangup }\n` },
    { name: 'a number too large for a double', script: `${header}  begin: { type: Begin, next: w }\n  w: { type: Wait, properties: { Timeout: 1e400, Seconds: 1e400 }, next: bye }\n  bye: { type: Hangup }\n` },
    { name: 'ten thousand unknown properties', script: `${header}  begin: { type: Begin, next: bye }\n  bye:\n    type: Hangup\n    properties:\n${Array.from({ length: 10_000 }, (_, i) => `      P${i}: ${i}\n`).join('')}` },
    { name: 'ten thousand branches into nowhere', script: `${header}  begin: { type: Begin, next: bye }\n  bye:\n    type: Hangup\n    branches:\n${Array.from({ length: 10_000 }, (_, i) => `      B${i}: nowhere${i}\n`).join('')}` },
    { name: 'ten thousand duplicate ids', script: `${header}  begin: { type: Begin, next: bye }\n${'  bye: { type: Hangup }\n'.repeat(10_000)}` },
    { name: '__proto__ and constructor as ids', script: `${header}  begin: { type: Begin, next: __proto__ }\n  __proto__: { type: Hangup }\n  constructor: { type: Hangup }\n` },
    { name: 'a thousand YAML documents', script: `${minimal}${'---\na: 1\n'.repeat(1000)}` },
    { name: 'unclosed quotes and brackets', script: `${header}  begin: { type: Begin, next: "bye\n  bye: [ { type: Hangup\n` },
    {
      name: 'scenario with hostile values',
      script: minimal,
      scenario: `caller: { input: [${Array.from({ length: 5000 }, () => '"1"').join(', ')}] }\nlimits: { maxSteps: 1e400, maxSeconds: -1 }\nagents: { ${'x'.repeat(1000)}: { answerAfter: 1e400 } }\n`,
    },
    { name: 'scenario nested deep', script: minimal, scenario: `caller: ${'{ a: '.repeat(5000)}1${' }'.repeat(5000)}\n` },
    // REST calls: mocks of every wrong shape, and a script calling whatever URL a variable holds.
    {
      name: 'hostile REST mocks and calls',
      script: `${header}  begin: { type: Begin, next: call }\n  call: { type: RestApi, properties: { Verb: POST, Service Address: "{Url}", Headers: "{Url}", Parameters: "${'{{'.repeat(2000)}", TimeOutInMilliSeconds: "{Url}" }, branches: { Default: proxy, Error: proxy } }\n  proxy: { type: Snippet, properties: { Data: "p = GetRESTProxy()\\np.ProxyTimeoutSeconds = -5\\nr = p.MakeRestRequest(Url, p, p, p)" }, next: bye }\n  bye: { type: Hangup }\n`,
      scenario: `variables: { Url: "http://${'a'.repeat(3000)}/(*)?[" }\nhttp:\n  - { url: "${'*'.repeat(5000)}", responses: [${Array.from({ length: 2000 }, (_, i) => `{ status: ${100 + (i % 500)}, times: 1000000, delay: 3600 }`).join(', ')}] }\n  - { url: "", method: get, status: 99, body: { a: [1, 2, { b: null }] }, text: x }\n  - { url: "*", responses: [] }\n`,
    },
    // Deep expressions: the language's depth limit makes each a positioned diagnostic, never a stack overflow.
    { name: '1,000 nested parentheses in an If', script: deepExpression(`${'('.repeat(1000)}1${')'.repeat(1000)} = 1`) },
    { name: '20,000 unary minus in an If', script: deepExpression(`${'-'.repeat(20_000)}1 = 1`) },
    { name: '20,000 ! in an If', script: deepExpression(`${'!'.repeat(20_000)}1`) },
    { name: '8,000 not in an If', script: deepExpression(`${'not '.repeat(8000)}1`) },
    { name: 'a long chain of { substitutions', script: `${header}  begin: { type: Begin, next: p }\n  p: { type: Play, properties: { Sequence: "${'{'.repeat(5000)}x${'}'.repeat(5000)}" }, next: bye }\n  bye: { type: Hangup }\n` },
  ];
}
