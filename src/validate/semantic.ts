import { actionDefinition, variableNamePattern, type CheckContext, type ScriptAction } from '../actions/index.ts';
import { isScriptType, vendorScriptTypeName } from '../actions/script-types.ts';
import { systemVariables } from '../actions/system-variables.ts';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';
import { closest } from '../diagnostics/suggest.ts';
import { snippetFacts } from '../expression/facts.ts';
import { parseExpression, parseSnippet, parseTemplate, variablesRead, type SyntaxProblem } from '../expression/index.ts';
import { diagnosticAt, linePosition, offsetInScalar, type LoadedDocument } from '../load/index.ts';
import { lintScript } from './lint.ts';
import { readActions, readVariables, type BranchRef } from './script-model.ts';

const validName = new RegExp(variableNamePattern);

type Report = (path: readonly PathSegment[], fields: Pick<Diagnostic, 'code' | 'severity' | 'message'> & { hint?: string }, anchor?: 'key' | 'value') => void;

/** Every action reachable from `roots` by following branches. */
export function reachableFrom(roots: Iterable<string>, actions: ReadonlyMap<string, ScriptAction>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || !actions.has(id)) continue;
    seen.add(id);
    for (const target of Object.values((actions.get(id) as ScriptAction).branches)) stack.push(target);
  }
  return seen;
}

/** Checks the schema cannot express: the graph, the expressions and the variables. */
export function checkScriptSemantics(document: LoadedDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (path, fields, anchor = 'value') => diagnostics.push(diagnosticAt(document, path, anchor, fields));
  const { actions, branches } = readActions(document.data);
  const data = document.data;

  checkBegin(actions, report);
  checkBranches(data, actions, branches, report);
  // With a branch into nowhere, or branches written under a misspelt key
  // (`Next:`, `branch:`), what is reachable is unknowable: say nothing rather
  // than something false. The schema already reports the key itself.
  const miswired = actionsWithMisspeltBranches(data);
  const graphComplete = branches.every((b) => actions.has(b.target)) && miswired.size === 0;
  const beforeAnswer = checkReachability(actions, report, graphComplete, miswired, data['mediaType']);

  const context: CheckContext = {
    reachableBeforeAnswer: (id) => beforeAnswer.has(id),
    report,
  };
  for (const action of actions.values()) actionDefinition(action.type)?.check?.(action, context);
  checkScriptTypes(data, actions, report);

  checkVariables(document, actions, diagnostics);
  lintScript(document, actions, diagnostics);
  return diagnostics;
}

/**
 * An action in a script whose media type its page does not list under
 * Supported Script Types (a Menu in a Chat script): the platform would not
 * run it, so the script is refused here too. A mediaType that is not a script
 * type at all is the schema's to report.
 */
function checkScriptTypes(data: Record<string, unknown>, actions: ReadonlyMap<string, ScriptAction>, report: Report): void {
  const mediaType = data['mediaType'] === undefined ? 'Phone' : data['mediaType'];
  if (!isScriptType(mediaType)) return;
  const scriptType = vendorScriptTypeName(mediaType);
  for (const action of actions.values()) {
    const definition = actionDefinition(action.type);
    if (definition === undefined || definition.scriptTypes.includes(mediaType)) continue;
    const supported = definition.scriptTypes.map(vendorScriptTypeName);
    const listed = supported.length === 1 ? `only in ${supported[0] as string} scripts` : `only in ${supported.slice(0, -1).join(', ')} and ${supported.at(-1) as string} scripts`;
    const switchType = supported.length === 1
      ? `set mediaType: ${definition.scriptTypes[0] as string} if this script handles ${(supported[0] as string).toLowerCase()} contacts`
      : `set mediaType to one of ${definition.scriptTypes.join(', ')} if this script handles such contacts`;
    report(['actions', action.id, 'type'], {
      code: 'unsupported-script-type',
      severity: 'error',
      message: `${action.type} "${action.id}" is in ${withArticle(scriptType)} script, but ${action.type} works ${listed}: its page does not list ${scriptType} under Supported Script Types`,
      hint: `${definition.scriptTypesHint ?? `Do this without ${action.type} in ${withArticle(scriptType)} script`}; or ${switchType}.`,
    });
  }
}

/**
 * How a path ends in a script of this type. Hangup is Phone only and End
 * leaves out Chat and Email, which the platform ends with Exit and Discard
 * (end page): studio-sim has neither, so there it can only say so.
 */
function endingHint(mediaType: unknown): string {
  if (mediaType === 'Chat' || mediaType === 'Email') {
    return `Add \`next: <action>\`. ${mediaType === 'Chat' ? 'A' : 'An'} ${mediaType} script ends with ${mediaType === 'Chat' ? 'Exit' : 'Discard'} on the platform, which studio-sim does not have yet (End and Hangup do not work in ${mediaType} scripts): where the path is meant to end, this warning stays.`;
  }
  return mediaType === undefined || mediaType === 'Phone' ? 'Add `next: <action>`, or end the path with a Hangup or End action.' : 'Add `next: <action>`, or end the path with an End action.';
}

/** "an Email", "a Chat": the script type with its article. */
function withArticle(word: string): string {
  return `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`;
}

function checkBegin(actions: ReadonlyMap<string, ScriptAction>, report: Report): void {
  const begins = [...actions.values()].filter((a) => a.type === 'Begin');
  if (begins.length === 0) {
    report(['actions'], {
      code: 'missing-begin',
      severity: 'error',
      message: 'The script has no Begin action, so a contact has nowhere to start',
      hint: 'Add `begin: { type: Begin, next: <first action> }` under actions.',
    }, 'key');
  }
  // "Only one OnRelease event per script" (onrelease, zh-cn); OnAnswer and OnHold alike; "There can be only one Onsignal event in a script" (onsignal).
  for (const type of ['OnAnswer', 'OnRelease', 'OnHold', 'OnSignal']) {
    const handlers = [...actions.values()].filter((a) => a.type === type);
    for (const extra of handlers.slice(1)) {
      report(['actions', extra.id, 'type'], {
        code: 'duplicate-event-action',
        severity: 'error',
        message: `A script has one ${type}, but "${extra.id}" is another one (the first is "${(handlers[0] as ScriptAction).id}")`,
        hint: `Merge the two: keep one ${type} and follow it with what both should do.`,
      });
    }
  }
  for (const extra of begins.slice(1)) {
    report(['actions', extra.id, 'type'], {
      code: 'multiple-begin',
      severity: 'error',
      message: `Only one Begin is allowed, but "${extra.id}" is another one (the first is "${(begins[0] as ScriptAction).id}")`,
      hint: 'Remove this Begin, or turn it into the action it should be.',
    });
  }
}

function checkBranches(data: Record<string, unknown>, actions: ReadonlyMap<string, ScriptAction>, branches: readonly BranchRef[], report: Report): void {
  const rawActions = data['actions'] as Record<string, Record<string, unknown>> | undefined;
  for (const action of actions.values()) {
    const raw = rawActions?.[action.id];
    const written = raw?.['branches'];
    if (raw && typeof raw['next'] === 'string' && written && typeof written === 'object' && Object.prototype.hasOwnProperty.call(written, 'Default')) {
      report(['actions', action.id, 'next'], {
        code: 'next-and-default',
        severity: 'error',
        message: `${action.type} "${action.id}" has both next and branches.Default; they name the same branch`,
        hint: 'Keep one of them: `next: X` is shorthand for `branches: { Default: X }`.',
      }, 'key');
    }
  }
  for (const branch of branches) {
    const target = actions.get(branch.target);
    const source = actions.get(branch.from) as ScriptAction;
    if (!target) {
      const suggestion = closest(branch.target, actions.keys());
      report(branch.path, {
        code: 'unknown-branch-target',
        severity: 'error',
        message: `Branch ${branch.name} of ${source.type} "${branch.from}" goes to "${branch.target}", which is not an action of this script${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        hint: suggestion ? `Change the target to "${suggestion}", or add an action with id "${branch.target}".` : `Add an action with id "${branch.target}", or point the branch at an existing one.`,
      });
    } else if (actionDefinition(target.type)?.event) {
      report(branch.path, {
        code: 'event-action-as-target',
        severity: 'error',
        message: `Branch ${branch.name} of ${source.type} "${branch.from}" goes to ${target.type} "${target.id}", but event actions are entered only when their event happens`,
        hint: target.type === 'OnAnswer'
          ? 'Point the branch at the hold pattern; OnAnswer runs by itself when an agent answers after Reqagent.'
          : 'Point the branch elsewhere; OnRelease runs by itself when the caller hangs up.',
      });
    }
  }
}

const branchKeys = ['next', 'branches'];

/** Ids of actions with an unknown key that is probably `next` or `branches` misspelt. */
function actionsWithMisspeltBranches(data: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const raw = data['actions'];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return found;
  for (const [id, action] of Object.entries(raw)) {
    if (action === null || typeof action !== 'object' || Array.isArray(action)) continue;
    for (const key of Object.keys(action)) {
      if (branchKeys.includes(key)) continue;
      const lower = key.toLowerCase();
      if (branchKeys.includes(lower) || lower === 'branch' || closest(lower, branchKeys) !== undefined) found.add(id);
    }
  }
  return found;
}

/** Reports unreachable actions and dead ends; returns the actions that can run before any OnAnswer. */
function checkReachability(actions: ReadonlyMap<string, ScriptAction>, report: Report, graphComplete: boolean, miswired: ReadonlySet<string>, mediaType: unknown): Set<string> {
  const all = [...actions.values()];
  const begins = all.filter((a) => a.type === 'Begin').map((a) => a.id);
  const releases = all.filter((a) => a.type === 'OnRelease').map((a) => a.id);
  const answers = all.filter((a) => a.type === 'OnAnswer').map((a) => a.id);
  // Every other event action (OnHold ...) is a root too: its event starts it.
  const otherEvents = all.filter((a) => actionDefinition(a.type)?.event && a.type !== 'OnRelease' && a.type !== 'OnAnswer').map((a) => a.id);
  // A contact that is never answered can still hang up, so OnRelease paths may run without AgentId too.
  const beforeAnswer = reachableFrom([...begins, ...releases], actions);
  const reachable = new Set([...beforeAnswer, ...reachableFrom([...answers, ...otherEvents], actions)]);
  checkMediaAfterEvents(actions, begins, releases, answers, report);

  if (begins.length > 0 && graphComplete) {
    for (const action of all) {
      const definition = actionDefinition(action.type);
      if (!reachable.has(action.id) && !definition?.event) {
        report(['actions', action.id], {
          code: 'unreachable-action',
          severity: 'warning',
          message: `${action.type} "${action.id}" can never run: no branch from Begin or an event action leads to it`,
          hint: 'Wire a branch to it, or remove it.',
        }, 'key');
      }
    }
    const requestsAgent = all.some((a) => a.type === 'Reqagent' && reachable.has(a.id));
    for (const id of answers) {
      if (!requestsAgent) {
        report(['actions', id], {
          code: 'on-answer-never-runs',
          severity: 'warning',
          message: `OnAnswer "${id}" can never run: no reachable Reqagent routes the contact to an agent`,
          hint: 'Add a Reqagent on the path where the caller asks for an agent.',
        }, 'key');
      }
    }
  }
  for (const action of all) {
    const definition = actionDefinition(action.type);
    if (!definition || definition.terminal || action.type === 'Hangup' || miswired.has(action.id)) continue;
    if (Object.keys(action.branches).length === 0) {
      report(['actions', action.id], {
        code: 'dead-end',
        severity: 'warning',
        message: `${action.type} "${action.id}" has no branches, so the contact is stuck here, without a Hangup or End, until an event`,
        hint: endingHint(mediaType),
      }, 'key');
    }
  }
  return beforeAnswer;
}

/** A syntax problem's code: too deep has its own, anything else the property kind's. */
function problemCode(problem: SyntaxProblem, otherwise: string): string {
  return problem.code === 'expression-too-deep' ? 'expression-too-deep' : otherwise;
}

/** Actions that play to or listen to the caller. */
const mediaTypes = new Set(['Play', 'Music', 'Playlog', 'Menu', 'Capture']);

/**
 * Media after OnRelease is not allowed: the caller is gone (onrelease: "Media
 * specific actions ... are not allowed after OnRelease"). After OnAnswer a
 * prompt is heard only while OnHold has fired (play: "Play does not work after
 * OnAnswer unless the OnHold event has fired"), so a Play, Menu or Capture
 * that only the OnAnswer logic reaches is a warning.
 */
function checkMediaAfterEvents(actions: ReadonlyMap<string, ScriptAction>, begins: string[], releases: string[], answers: string[], report: Report): void {
  const release = `OnRelease "${releases[0] ?? ''}"`;
  // What OnRelease reaches, not counting the OnRelease logic's own start: the released contact has no caller.
  const afterRelease = reachableFrom(releases, actions);
  const beforeAnswerOrHold = reachableFrom([...begins, ...[...actions.values()].filter((a) => a.type === 'OnHold').map((a) => a.id)], actions);
  const afterAnswer = reachableFrom(answers, actions);
  for (const action of actions.values()) {
    if (!mediaTypes.has(action.type)) continue;
    if (afterRelease.has(action.id)) {
      report(['actions', action.id, 'type'], {
        code: 'media-after-release',
        severity: 'error',
        message: `${action.type} "${action.id}" can run after ${release}, when the caller is gone: media actions are not allowed after OnRelease`,
        hint: 'Play, Music, Playlog, Menu and Capture belong before the release; after OnRelease do the clean-up only (Assign, CustomEvent, Snippet ...).',
      });
    } else if (afterAnswer.has(action.id) && !beforeAnswerOrHold.has(action.id)) {
      report(['actions', action.id, 'type'], {
        code: 'media-after-answer',
        severity: 'warning',
        message: `${action.type} "${action.id}" runs only after OnAnswer, when the caller is with the agent: its prompt is not heard unless the call is on hold`,
        hint: 'Play music for a held caller from an OnHold action, and prompts before the agent answers.',
      });
    }
  }
}

interface VariableUse {
  name: string;
  path: PathSegment[];
  /** Offset inside the property's text, for a position on the exact character. */
  offset: number;
}

/**
 * The variables a script sets anywhere: the platform's own, its `variables:`,
 * the outputs of its actions, the properties that name a variable to write,
 * and what its Snippets assign. Validation reads a variable as set when it is
 * here; the playground's editor completes these names.
 */
export function variablesSet(variables: Readonly<Record<string, unknown>>, actions: ReadonlyMap<string, ScriptAction>): string[] {
  const known = new Map<string, string>();
  const define = (name: string) => known.set(name.toLowerCase(), name);
  for (const variable of systemVariables) define(variable.name);
  for (const name of Object.keys(variables)) define(name);
  for (const action of actions.values()) {
    const definition = actionDefinition(action.type);
    if (!definition) continue;
    for (const output of definition.outputs ?? []) define(output);
    for (const name of definition.definesVariables?.(action) ?? []) define(name);
    for (const [name, spec] of Object.entries(definition.properties)) {
      const written = Object.prototype.hasOwnProperty.call(action.properties, name);
      // A property left out names its default variable (a Capture without Variable writes DigitsEntered).
      const value = written ? action.properties[name] : spec.schema.default;
      if (typeof value !== 'string') continue;
      const kind = spec.kindWhen?.(action.properties) ?? spec.kind;
      if (kind === 'variableWrite' && value !== '') define(value.replace(/^global:/i, ''));
      if (kind === 'snippet' && written) {
        const parsed = parseSnippet(value);
        if (parsed.ok) for (const write of snippetFacts(parsed.value).writes) define(write.name);
      }
    }
  }
  return [...known.values()];
}

function checkVariables(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  const known = new Map<string, string>();
  const define = (name: string) => known.set(name.toLowerCase(), name);
  for (const name of variablesSet(readVariables(document.data), actions)) define(name);

  const uses: VariableUse[] = [];
  const syntaxProblem = (path: PathSegment[], code: string, what: string, problem: SyntaxProblem) => {
    const offset = offsetInScalar(document.doc.contents, document.text, path, problem.offset);
    diagnostics.push({ code, severity: 'error', message: `${what}: ${problem.message}`, file: document.file, ...linePosition(document.lineCounter, offset), path, hint: problem.hint });
  };

  for (const action of actions.values()) {
    const definition = actionDefinition(action.type);
    if (!definition) continue;
    for (const [name, spec] of Object.entries(definition.properties)) {
      const written = Object.prototype.hasOwnProperty.call(action.properties, name);
      const value = written ? action.properties[name] : spec.schema.default;
      if (typeof value !== 'string') continue;
      const path: PathSegment[] = ['actions', action.id, 'properties', name];
      const what = `${action.type} "${action.id}" property ${name}`;
      const kind = spec.kindWhen?.(action.properties) ?? spec.kind;
      if (kind === 'variableRead') {
        if (written) uses.push({ name: value, path, offset: 0 });
      } else if (kind === 'snippet') {
        const parsed = parseSnippet(value);
        if (!parsed.ok) {
          syntaxProblem(path, problemCode(parsed.problem, 'bad-snippet'), what, parsed.problem);
        } else if (written) {
          // Variables the code sets are the script's; those it reads before any action sets them are checked like any other.
          const facts = snippetFacts(parsed.value);
          const own = new Set(facts.writes.map((w) => w.name.toLowerCase()));
          for (const read of facts.reads) if (!own.has(read.name.toLowerCase())) uses.push({ name: read.name, path, offset: read.start });
        }
      } else if (kind === 'expression') {
        const parsed = parseExpression(value);
        const braced = /\{\s*([A-Za-z_$][\w$.]*)\s*\}/.exec(value);
        if (!parsed.ok && braced && problemCode(parsed.problem, 'bad-expression') === 'bad-expression') {
          // `{Choice} = 1`: braces belong to text properties; an expression names variables bare.
          const bare = value.replace(/\{\s*([A-Za-z_$][\w$.]*)\s*\}/g, '$1');
          syntaxProblem(path, 'bad-expression', what, {
            ...parsed.problem,
            offset: braced.index,
            message: `write the variable names without braces in an expression: ${bare}`,
            hint: 'Braces substitute values into text properties (Sequence, Data, Value); in an expression write the variable name itself.',
          });
        } else if (!parsed.ok) syntaxProblem(path, problemCode(parsed.problem, 'bad-expression'), what, parsed.problem);
        else if (written) for (const read of variablesRead(parsed.value)) uses.push({ name: read.name, path, offset: read.start });
      } else if (kind === 'template') {
        const parsed = parseTemplate(value);
        if (!parsed.ok) {
          syntaxProblem(path, problemCode(parsed.problem, 'bad-substitution'), what, parsed.problem);
        } else if (written) {
          for (const part of parsed.value) if (part.kind === 'expression') for (const read of variablesRead(part.expression)) uses.push({ name: read.name, path, offset: read.start });
        }
      }
    }
  }

  for (const use of uses) {
    if (known.has(use.name.toLowerCase())) continue;
    const suggestion = closest(use.name, [...known.values()].filter((name) => validName.test(name)));
    const offset = offsetInScalar(document.doc.contents, document.text, use.path, use.offset);
    diagnostics.push({
      code: 'undefined-variable',
      severity: 'warning',
      message: `Variable "${use.name}" is used but never set${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      file: document.file,
      ...linePosition(document.lineCounter, offset),
      path: use.path,
      hint: suggestion
        ? `Write {${suggestion}}, or set "${use.name}" under variables:, with an Assign, or in the scenario.`
        : `Set "${use.name}" under variables: at the top of the script, with an Assign before this action, or in the scenario's variables.`,
    });
  }
}
