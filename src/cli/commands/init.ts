import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { schemaPath } from '../../validate/schema-file.ts';
import { parseCommandArgs } from '../args.ts';
import { writeOutputFile } from '../files.ts';
import { exitCodes, UsageError, type CliIo } from '../io.ts';

export const initUsage = `Usage: studio-sim init <name> [--folder <folder>]

Writes a new script <name>.yaml with comments, a scenario <name>.scenario.yaml
and a test file <name>.test.yaml whose cases pass and cover every branch.
Existing files are never overwritten.`;

function scriptText(name: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}/script.schema.json
#
# ${name}: a starting point. A caller hears a menu; 1 tells a supervisor
# with a custom event, 2 asks for an agent. Run it with
#   npx studio-sim run ${name}.yaml --input 1
# and its tests with
#   npx studio-sim test ${name}.test.yaml --coverage
name: ${name}
mediaType: Phone
variables:
  SupervisorId: "1001"     # the agent the custom event goes to

actions:
  begin:
    type: Begin
    next: main_menu

  main_menu:
    type: Menu
    caption: Main menu
    properties:
      Sequence: '"%Press 1 to tell the supervisor, 2 for an agent"'
      Variable: MenuChoice   # the key the caller pressed
      Timeout: 5
    branches:
      "1": tell_supervisor
      "2": queue
      Default: retry         # silence, or a key without a branch

  retry:
    type: Loop
    caption: One more try
    properties: { Repeat: 1 }
    branches: { Repeat: main_menu, Finished: goodbye }

  tell_supervisor:
    type: CustomEvent
    caption: Tell the supervisor
    properties:
      TargetAgent: "{SupervisorId}"
      EventName: Caller_Choice
      PersistInMemory: true  # a logged-out supervisor gets it at the next login
      Data: "pressed {MenuChoice}"
    branches:
      Default: goodbye              # the supervisor is logged in: the event is queued
      OnAgentNotConnected: goodbye  # logged out: kept (PersistInMemory) for later

  queue:
    type: Reqagent
    properties: { Skill: Support }
    next: hold                 # the hold pattern runs until an agent answers

  hold:
    type: Wait
    caption: Hold
    properties: { Seconds: 30 }
    next: hold                 # loops until OnAnswer cuts it short

  answered:
    type: OnAnswer             # runs when the agent answers; AgentId is set
    next: tell_agent

  tell_agent:
    type: CustomEvent
    properties:
      EventName: Caller_Info   # no TargetAgent: it goes to AgentId
      Data: "caller {ANI}"
    next: with_agent

  with_agent:
    type: Stop                 # the caller talks to the agent; the script waits for the call to end

  released:
    type: OnRelease            # runs when the call ends: the caller or agent hung up, or Hangup ran
    next: done

  done:
    type: End

  goodbye:
    type: Play
    properties: { Sequence: '"%Goodbye"' }
    next: hang_up

  hang_up:
    type: Hangup
`;
}

function scenarioText(name: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}/scenario.schema.json
#
# The world ${name}.yaml runs in by default: the caller presses 1, the
# supervisor is logged in, and an agent with the Support skill answers after 8 s.
caller:
  input: ["1"]
agents:
  "1001": { state: Available, firstName: Sam, lastName: Super, polls: false }
  "2002": { state: Available, skills: [Support], answerAfter: 8, firstName: Ann, lastName: Lee }
`;
}

function testText(name: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}/test.schema.json
script: ${name}.yaml
scenario: ${name}.scenario.yaml

cases:
  - name: 1 tells the logged-in supervisor
    expect:
      path: [begin, main_menu, tell_supervisor, goodbye, hang_up, released, done]
      customEvents: [{ eventName: Caller_Choice, agentId: "1001", data: pressed 1, delivery: queued }]
      agents: { "1001": { pending: [{ eventName: Caller_Choice }] } }

  - name: a logged-out supervisor gets it at the next login
    scenario: { agents: { "1001": { state: LoggedOut, loginAfter: 60, polls: true } } }
    expect:
      branches: { tell_supervisor: OnAgentNotConnected }
      customEvents: [{ eventName: Caller_Choice, delivery: persisted }]
      agents: { "1001": { received: [{ Type: AgentSessionStart }, { eventName: Caller_Choice }] } }

  - name: 2 waits on hold until the agent answers, who gets the caller's number; the agent ends the call
    scenario: { caller: { input: ["2"] }, agents: { "2002": { answerAfter: 45, hangupAfter: 120 } } }
    expect:
      reason: AgentHungUp
      visits: [queue, hold, hold, answered, tell_agent, with_agent, released, done]
      customEvents: [{ eventName: Caller_Info, agentId: "2002", data: caller 5551234567 }]

  - name: a wrong key repeats the menu once, then silence says goodbye
    scenario: { caller: { input: ["9"] } }
    expect:
      branches: { main_menu: Default, retry: Finished }
      visits: [main_menu, retry, main_menu, retry, goodbye, hang_up, released]
`;
}

export function initCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { folder: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${initUsage}\n`);
    return exitCodes.ok;
  }
  const name = positionals[0];
  if (positionals.length !== 1 || name === undefined) throw new UsageError('init takes one name, e.g. `studio-sim init my-ivr`');
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`"${name}" is not a usable name: start with a letter, then letters, digits, _ or -`);
  const folder = resolve(io.cwd, values.folder ?? '.');
  const files = [`${name}.yaml`, `${name}.scenario.yaml`, `${name}.test.yaml`].map((file) => join(folder, file));
  const existing = files.filter((file) => existsSync(file));
  if (existing.length > 0) {
    io.stderr(`studio-sim: not written: ${existing.map((file) => relative(io.cwd, file)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; pick another name or folder\n`);
    return exitCodes.invalid;
  }
  const schema = relative(folder, dirname(schemaPath('script.schema.json'))) || '.';
  const [script, scenario, test] = files as [string, string, string];
  writeOutputFile(io.cwd, relative(io.cwd, script), scriptText(name, schema));
  writeOutputFile(io.cwd, relative(io.cwd, scenario), scenarioText(name, schema));
  writeOutputFile(io.cwd, relative(io.cwd, test), testText(name, schema));
  io.stdout(`wrote ${files.map((file) => relative(io.cwd, file)).join(', ')}\nnext: npx studio-sim run ${relative(io.cwd, script)}    npx studio-sim test ${relative(io.cwd, test)} --coverage\n`);
  return exitCodes.ok;
}
