import { actionDefinition, type ScriptAction } from '../actions/index.ts';
import type { CompiledScript } from '../compile/compile.ts';
import { asNumber } from '../expression/values.ts';
import { stepPlace, type RunReport } from '../runtime/report.ts';
import { simulate } from '../runtime/simulate.ts';
import { reachableFrom } from '../validate/semantic.ts';
import { initialAgentStates, mergeScenarioData, readScenario } from '../validate/scenario.ts';

type Data = Record<string, unknown>;
/** One caller entry as written in a scenario. */
type InputEntry = string | { silence: true };

/** A generated case: the scenario changes that drive a run down a branch, and the branch. */
export interface GeneratedCase {
  name: string;
  /** Scenario data to lay over the base scenario. */
  scenario: Data;
  /** The branches this run is the first found to take. */
  covers: Array<{ action: string; branch: string }>;
  reason: string;
}

export interface Unreached {
  action: string;
  branch: string;
  why: string;
}

export interface Generation {
  cases: GeneratedCase[];
  unreached: Unreached[];
  runs: number;
}

export interface GenerateOptions {
  /** The scenario data every run starts from (the script's default scenario, or a test file's). */
  base: Data;
  /** Edges (`action\u0000branch`) already covered, which need no case. */
  covered?: ReadonlySet<string>;
  /** Most runs to try (each is a whole simulated contact in virtual time). */
  maxRuns?: number;
  /** Most caller entries in one run. */
  maxInputs?: number;
}

const edgeKey = (action: string, branch: string) => `${action}\u0000${branch}`;
const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

/** The caller entries worth trying at an input action: one per wired outcome it can produce. */
function inputChoices(action: ScriptAction): InputEntry[] {
  // Music or Playlog stopping on a key: a key, or none.
  if (action.type === 'Music' || action.type === 'Playlog') return ['1', { silence: true }];
  if (action.type === 'Menu') {
    // Each linked entry, a key without a branch (Default), and silence (Default too).
    const values = Object.keys(action.branches).filter((name) => /^[0-9*#]+$/.test(name));
    const invalid = keys.find((key) => !values.includes(key));
    return [...values, ...(invalid ? [invalid] : []), { silence: true }];
  }
  // Capture: enough digits for MaxDigits, the terminator early, too few digits, nothing.
  const maxDigits = Math.max(1, Math.floor(asNumber(action.properties['MaxDigits'] as never) ?? 1));
  const written = action.properties['Terminator'];
  // "#-" is the terminator # kept out of the variable: the caller presses #.
  const terminator = typeof written === 'string' ? written.replace(/-$/, '') : '';
  const choices: InputEntry[] = ['9'.repeat(maxDigits)];
  if (terminator) choices.push(`1${terminator}`);
  if (maxDigits > 1) choices.push('1');
  choices.push({ silence: true });
  return choices;
}

/** Whether a step's action takes the caller's next entry: Menu, Capture, and Music or Playlog that stop on a key. */
function takesInput(action: ScriptAction | undefined): boolean {
  if (!action) return false;
  if (action.type === 'Menu' || action.type === 'Capture') return true;
  return (action.type === 'Music' && action.properties['DetectDTMF'] === true) || (action.type === 'Playlog' && action.properties['StoponDTMF'] === true);
}

/** Variants of the world to run the caller's choices in, each one change from the base. */
function worldVariants(compiled: CompiledScript, base: Data): Array<{ label: string; data: Data }> {
  const variants: Array<{ label: string; data: Data }> = [{ label: 'as in the scenario', data: {} }];
  const agents = (base['agents'] ?? {}) as Record<string, Data>;
  for (const [id, agent] of Object.entries(agents)) {
    const state = agent['state'] ?? 'LoggedOut';
    variants.push({ label: `agent ${id} ${state === 'LoggedOut' ? 'available' : 'logged out'}`, data: { agents: { [id]: { state: state === 'LoggedOut' ? 'Available' : 'LoggedOut', ...(state === 'LoggedOut' ? {} : { loginAfter: undefined }) } } } });
    variants.push({ label: `agent ${id} ${agent['polls'] === false ? 'polling' : 'not polling'}`, data: { agents: { [id]: { polls: agent['polls'] === false } } } });
    variants.push({ label: `agent ${id} logging out at 5 s`, data: { agents: { [id]: { state: 'Available', polls: true, logoutAfter: 5 } } } });
    variants.push({ label: `agent ${id} logging in later`, data: { agents: { [id]: { state: 'LoggedOut', loginAfter: 120, polls: true } } } });
    const skills = Array.isArray(agent['skills']) ? (agent['skills'] as string[]) : [];
    if (skills.length > 0) variants.push({ label: `agent ${id} without skills`, data: { agents: { [id]: { skills: [] } } } });
  }
  // Agents the script names (TargetAgent, AgentState, JoinAgentSession) or skills it asks for, when the scenario has none.
  for (const action of compiled.script.actions.values()) {
    const skill = action.properties['Skill'];
    if (action.type === 'Reqagent' && typeof skill === 'string' && !skill.includes('{') && !Object.values(agents).some((a) => Array.isArray(a['skills']) && (a['skills'] as string[]).includes(skill))) {
      variants.push({ label: `an agent with skill ${skill}`, data: { agents: { [`agent-${skill}`]: { state: 'Available', skills: [skill] } } } });
    }
  }
  const agentVariants = variants.slice(1);
  for (const seconds of [3, 30]) {
    variants.push({ label: `the caller hanging up at ${seconds} s`, data: { caller: { hangupAfter: seconds } } });
    // OnRelease paths branch on the agents too: each agent change with the hang-up.
    for (const variant of agentVariants) variants.push({ label: `${variant.label} and the caller hanging up at ${seconds} s`, data: mergeScenarioData(variant.data, { caller: { hangupAfter: seconds } }) });
  }
  // Each REST mock answering otherwise: a server error reaches Error branches, an empty JSON object the paths of missing fields.
  const mocks = Array.isArray(base['http']) ? (base['http'] as Data[]) : [];
  mocks.forEach((mock, index) => {
    const name = `${typeof mock['method'] === 'string' ? `${mock['method']} ` : ''}${String(mock['url'])}`;
    const replaced = (answer: Data) => mocks.map((m, i) => (i === index ? { ...(typeof m['method'] === 'string' ? { method: m['method'] } : {}), url: m['url'], ...answer } : m));
    variants.push({ label: `${name} answering 500`, data: { http: replaced({ status: 500 }) } });
    variants.push({ label: `${name} answering {}`, data: { http: replaced({ status: 200, body: {} }) } });
  });
  // Every other state an agent can start in (AgentState has a branch for each), and, when the
  // script has an OnHold, each agent putting the caller on hold after answering.
  const holds = [...compiled.script.actions.values()].some((a) => a.type === 'OnHold');
  const answering = Object.entries(agents).filter(([, agent]) => Array.isArray(agent['skills']) && (agent['skills'] as string[]).length > 0);
  for (const [id, agent] of Object.entries(agents)) {
    const current = agent['state'] ?? 'LoggedOut';
    for (const state of initialAgentStates) {
      if (state === current || state === 'LoggedOut' || state === 'Available') continue;
      variants.push({ label: `agent ${id} ${state}`, data: { agents: { [id]: { state, loginAfter: undefined } } } });
    }
  }
  if (holds) {
    for (const [id] of answering) variants.push({ label: `agent ${id} putting the caller on hold`, data: { agents: { [id]: { state: 'Available', loginAfter: undefined, answerAfter: 2, holds: [{ after: 5, for: 20 }] } } } });
    for (const variant of variants.filter((v) => v.label.startsWith('an agent with skill '))) {
      const id = Object.keys((variant.data['agents'] ?? {}) as Data)[0] as string;
      variants.push({ label: `${variant.label} putting the caller on hold`, data: { agents: { [id]: { state: 'Available', skills: [variant.label.slice('an agent with skill '.length)], answerAfter: 2, holds: [{ after: 5, for: 20 }] } } } });
    }
  }
  // Numeric properties written as a {Variable}: an out-of-range value reaches the "invalid" branches.
  for (const action of compiled.script.actions.values()) {
    for (const value of Object.values(action.properties)) {
      const match = typeof value === 'string' ? /^\s*\{\s*([A-Za-z_$][\w$]*)\s*\}\s*$/.exec(value) : null;
      if (match && action.type === 'GetNextEvent') variants.push({ label: `${match[1]} = 90`, data: { variables: { [match[1] as string]: 90 } } });
    }
  }
  return variants;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  const out: Data = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = withoutUndefined(inner);
  return out;
}

/**
 * Finds caller inputs and agent behaviours that drive runs down branches not
 * yet covered. It re-runs the script in virtual time (so timers, waits and
 * answer delays all work), exploring the caller's choice at each Menu and
 * Capture breadth-first, in each of a few variants of the world.
 */
export function generateCases(compiled: CompiledScript, options: GenerateOptions): Generation {
  const maxRuns = options.maxRuns ?? 3000;
  const maxInputs = options.maxInputs ?? 6;
  const covered = new Set(options.covered ?? []);
  const actions = compiled.script.actions;
  const wanted = new Map<string, { action: string; branch: string }>();
  for (const action of actions.values()) for (const branch of Object.keys(action.branches)) if (!covered.has(edgeKey(action.id, branch))) wanted.set(edgeKey(action.id, branch), { action: action.id, branch });

  const byPlace = new Map<string, ScriptAction>();
  const scripts = [compiled];
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i] as CompiledScript;
    for (const [id, action] of script.script.actions) byPlace.set(script === compiled ? id : stepPlace({ action: id, script: script.script.source.file }), action);
    for (const called of script.calls.values()) if (!scripts.includes(called)) scripts.push(called);
  }
  const cases: GeneratedCase[] = [];
  let runs = 0;
  const tryRun = (world: { label: string; data: Data }, input: InputEntry[]): RunReport | undefined => {
    if (runs >= maxRuns) return undefined;
    runs++;
    // The caller's entries go in only when they say something: some entries, or silence over a base that has some.
    const baseInput = ((options.base['caller'] as Data | undefined) ?? {})['input'];
    const saysSomething = input.length > 0 || (Array.isArray(baseInput) && baseInput.length > 0);
    const overlay = saysSomething ? mergeScenarioData(world.data, { caller: { ...((world.data['caller'] as Data | undefined) ?? {}), input } }) : world.data;
    const data = withoutUndefined(mergeScenarioData(options.base, overlay)) as Data;
    const report = simulate(compiled, readScenario(data, undefined, []));
    const newly: Array<{ action: string; branch: string }> = [];
    for (const step of report.steps) {
      // The branches wanted are the script's own; a step in a subscript (it names its file) is not one of them.
      if (step.branch === null || step.script !== undefined) continue;
      const key = edgeKey(step.action, step.branch);
      if (wanted.has(key)) {
        wanted.delete(key);
        newly.push({ action: step.action, branch: step.branch });
      }
    }
    const names = newly.map(({ action, branch }) => `${action}.${branch}`);
    if (names.length > 0) {
      const said = input.length === 0 ? 'a silent caller' : `the caller entering ${input.map((i) => (typeof i === 'string' ? i : 'nothing')).join(', then ')}`;
      cases.push({
        name: `${names.join(', ')}: ${said}${world.label === 'as in the scenario' ? '' : `, with ${world.label}`}`,
        scenario: withoutUndefined(overlay) as Data,
        covers: newly,
        reason: report.reason,
      });
    }
    return report;
  };

  for (const world of worldVariants(compiled, options.base)) {
    // Breadth-first over the caller's entries: each run shows the next input action to vary.
    const queue: InputEntry[][] = [[]];
    while (queue.length > 0 && wanted.size > 0 && runs < maxRuns) {
      const input = queue.shift() as InputEntry[];
      const report = tryRun(world, input);
      if (!report || input.length >= maxInputs) continue;
      const asked = report.steps.filter((s) => takesInput(actions.get(s.action)));
      const next = asked[input.length];
      if (!next) continue;
      // A Menu or Capture in a subscript asks too: its keys are varied like the script's own.
      const action = byPlace.get(stepPlace(next));
      if (!action) continue;
      for (const choice of inputChoices(action)) {
        if (typeof choice === 'string') {
          queue.push([...input, choice]);
        } else if (asked.length > input.length + 1) {
          // Silence here is what this run did; it is worth a run of its own only to vary what comes after.
          queue.push([...input, choice]);
        }
      }
    }
  }

  const reachable = reachableFrom([...actions.values()].filter((a) => a.type === 'Begin' || actionDefinition(a.type)?.event).map((a) => a.id), actions);
  const unreached = [...wanted.values()].map(({ action, branch }) => ({
    action,
    branch,
    why: !reachable.has(action)
      ? `${action} cannot be reached from Begin or an event action`
      : `no run of ${runs} (caller entries at each Menu and Capture, agents logged in or out or in each other state, polling or not, holding the call, the caller hanging up) took it; it may need a scenario the generator does not try, or be impossible`,
  }));
  return { cases, unreached, runs };
}
