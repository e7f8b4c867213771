import type { Severity } from './diagnostic.ts';

export interface CodeInfo {
  severity: Severity;
  /** Which stage reports it. */
  stage: 'load' | 'schema' | 'semantic' | 'test';
  summary: string;
}

/** Every diagnostic code studio-sim reports; the README's table lists them all (a test checks it). */
export const diagnosticCodes: Readonly<Record<string, CodeInfo>> = Object.freeze({
  'file-not-found': { severity: 'error', stage: 'load', summary: 'The file does not exist.' },
  'not-a-file': { severity: 'error', stage: 'load', summary: 'The path is a folder or a device, not a file.' },
  'file-unreadable': { severity: 'error', stage: 'load', summary: 'The file exists but cannot be read.' },
  'file-too-large': { severity: 'error', stage: 'load', summary: 'The file is over the size limit (--max-file-size).' },
  'invalid-utf8': { severity: 'error', stage: 'load', summary: 'The file is not UTF-8 text.' },
  'invalid-character': { severity: 'error', stage: 'load', summary: 'A control character (binary data) is in the text.' },
  'empty-file': { severity: 'error', stage: 'load', summary: 'The file holds nothing.' },
  'yaml-syntax': { severity: 'error', stage: 'load', summary: 'The text is not valid YAML.' },
  'yaml-warning': { severity: 'warning', stage: 'load', summary: 'Valid YAML that is probably not what was meant (e.g. an unknown tag).' },
  'duplicate-key': { severity: 'error', stage: 'load', summary: 'A key appears twice in one mapping.' },
  'multiple-documents': { severity: 'error', stage: 'load', summary: 'The file holds more than one YAML document (`---`).' },
  'tab-indent': { severity: 'error', stage: 'load', summary: 'A tab is used for indentation.' },
  'nesting-too-deep': { severity: 'error', stage: 'load', summary: 'Mappings and lists nest deeper than the limit (--max-depth).' },
  'alias-limit': { severity: 'error', stage: 'load', summary: 'YAML aliases expand to more nodes than the limit (--max-aliases), as in a "billion laughs" file.' },
  'not-a-mapping': { severity: 'error', stage: 'load', summary: 'The top level is a list or a single value instead of keys.' },
  'unknown-key': { severity: 'error', stage: 'schema', summary: 'A key the script format does not have (at the top level or in an action).' },
  'missing-key': { severity: 'error', stage: 'schema', summary: 'A required key is missing (name, actions, an action\'s type).' },
  'unknown-property': { severity: 'error', stage: 'schema', summary: 'A property the action type does not have.' },
  'missing-property': { severity: 'error', stage: 'schema', summary: 'A required property of the action type is missing.' },
  'unknown-branch': { severity: 'error', stage: 'schema', summary: 'A branch name the action type does not have.' },
  'missing-branch': { severity: 'error', stage: 'schema', summary: 'A required branch is missing.' },
  'unknown-action-type': { severity: 'error', stage: 'schema', summary: 'The action type is not one studio-sim knows.' },
  'invalid-action-id': { severity: 'error', stage: 'schema', summary: 'An action id has characters ids may not have.' },
  'invalid-variable-name': { severity: 'error', stage: 'schema', summary: 'A variable name has characters names may not have.' },
  'invalid-key': { severity: 'error', stage: 'schema', summary: 'A key has characters keys may not have.' },
  'wrong-type': { severity: 'error', stage: 'schema', summary: 'A value of the wrong kind (text for a number, "true" in quotes, ...).' },
  'invalid-value': { severity: 'error', stage: 'schema', summary: 'A value outside the allowed set or form.' },
  'out-of-range': { severity: 'error', stage: 'schema', summary: 'A number outside the allowed range (e.g. GetNextEvent Timeout 0-60).' },
  'empty-value': { severity: 'error', stage: 'schema', summary: 'A value that must not be empty is empty (e.g. CustomEvent EventName).' },
  'schema-violation': { severity: 'error', stage: 'schema', summary: 'Any other schema rule.' },
  'missing-begin': { severity: 'error', stage: 'semantic', summary: 'No Begin action.' },
  'multiple-begin': { severity: 'error', stage: 'semantic', summary: 'More than one Begin action.' },
  'duplicate-event-action': { severity: 'error', stage: 'semantic', summary: 'More than one OnAnswer, or more than one OnRelease.' },
  'next-and-default': { severity: 'error', stage: 'semantic', summary: 'An action has both `next` and `branches.Default`.' },
  'unknown-branch-target': { severity: 'error', stage: 'semantic', summary: 'A branch goes to an action id that does not exist.' },
  'event-action-as-target': { severity: 'error', stage: 'semantic', summary: 'A branch goes to OnAnswer or OnRelease, which only their events enter.' },
  'reqagent-no-destination': { severity: 'error', stage: 'semantic', summary: 'A Reqagent has neither Skill nor TargetAgent.' },
  'bad-expression': { severity: 'error', stage: 'semantic', summary: 'An If expression does not parse.' },
  'bad-substitution': { severity: 'error', stage: 'semantic', summary: 'A `{...}` substitution does not parse or is not closed.' },
  'unreachable-action': { severity: 'warning', stage: 'semantic', summary: 'No path from Begin or an event action reaches the action.' },
  'on-answer-never-runs': { severity: 'warning', stage: 'semantic', summary: 'An OnAnswer exists but no reachable Reqagent.' },
  'dead-end': { severity: 'warning', stage: 'semantic', summary: 'An action other than Hangup or End has no branches.' },
  'menu-unhandled-input': { severity: 'warning', stage: 'semantic', summary: 'A Menu has no OnTimeout or OnInvalid branch and no Default.' },
  'custom-event-no-target': { severity: 'warning', stage: 'semantic', summary: 'A CustomEvent with an empty TargetAgent can run before OnAnswer sets AgentId.' },
  'undefined-variable': { severity: 'warning', stage: 'semantic', summary: 'A `{Variable}` is read but never set anywhere.' },
  'unknown-action': { severity: 'error', stage: 'test', summary: 'A test expectation names an action the script does not have.' },
  'invalid-script': { severity: 'error', stage: 'test', summary: 'The script a test file names has errors, so its cases cannot run.' },
  'menu-option-unwired': { severity: 'warning', stage: 'semantic', summary: 'A Menu prompt mentions a key ("press 3") that has no branch.' },
  'endless-loop': { severity: 'warning', stage: 'semantic', summary: 'A loop of actions that take no time and is never left: it spins until the step budget.' },
  'persisted-name-reuse': { severity: 'warning', stage: 'semantic', summary: 'One persisted event name is sent with different data in several places: only the newest survives.' },
  'mixed-comparison': { severity: 'warning', stage: 'semantic', summary: 'An If compares text with a number ("10" in quotes, or 5 = "five").' },
  'too-many-problems': { severity: 'error', stage: 'semantic', summary: 'Over 200 problems in one file; the rest are not listed.' },
});
