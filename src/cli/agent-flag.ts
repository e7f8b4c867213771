import { didYouMean } from '../diagnostics/suggest.ts';
import { initialAgentStates, scenarioDefaults, type AgentSpec, type InitialAgentState, type Scenario } from '../validate/scenario.ts';
import { UsageError } from './io.ts';

/** The agent settings `--agent` takes after the state, as the scenario's `agents` spells them. */
const settingNames = ['answerAfter', 'hangupAfter', 'loginAfter', 'logoutAfter', 'polls', 'skills', 'hold', 'reason', 'firstName', 'lastName'] as const;
type SettingName = (typeof settingNames)[number];

/** Help text for `run --help`; a test checks it names every state. */
export const agentFlagHelp = `--agent <id>=<state>[,<setting>=<value>...]
                        an agent at the start, added when the scenario has
                        none. state: LoggedOut, LoggedIn, Available,
                        Unavailable, OutboundContact, InboundConsult,
                        OutboundConsult or Dialer. settings: answerAfter,
                        hangupAfter, loginAfter, logoutAfter (seconds), polls
                        (true/false), skills (Support+Sales), hold
                        (<after>:<for>, seconds after answering; repeatable),
                        reason, firstName, lastName; e.g.
                        --agent 2002=Available,answerAfter=8,hold=10:25`;

const example = 'e.g. --agent 2002=Available or --agent 2002=Available,answerAfter=8,hold=10:25';

function seconds(flag: string, name: string, text: string): number {
  const value = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`--agent ${flag}: ${name} takes seconds, a number such as 8; not "${text}"`);
  return Math.round(value * 1000);
}

function state(flag: string, text: string): InitialAgentState {
  const found = initialAgentStates.find((s) => s.toLowerCase() === text.toLowerCase());
  if (found) return found;
  throw new UsageError(`--agent ${flag}: "${text}" is not an agent state; the states are ${initialAgentStates.join(', ')}.${didYouMean(text, initialAgentStates)} (${example})`);
}

/**
 * Applies one `--agent` flag to the scenario: the agent's state at the
 * start and any of its settings, or a new agent with the defaults. A wrong
 * flag is a usage error that lists what is valid.
 */
export function applyAgentFlag(scenario: Scenario, flag: string): void {
  const match = /^([A-Za-z0-9_.-]+)=([^,]*)((?:,[^,]*)*)$/.exec(flag);
  if (!match || match[2] === '') throw new UsageError(`--agent takes <id>=<state>[,<setting>=<value>...], ${example}; not "${flag}"`);
  const id = match[1] as string;
  const settings: Array<[SettingName, string]> = [];
  for (const part of (match[3] as string).split(',').slice(1)) {
    const setting = /^([A-Za-z]+)=(.+)$/.exec(part.trim());
    const name = settingNames.find((n) => n.toLowerCase() === setting?.[1]?.toLowerCase());
    if (!setting || !name) {
      const written = setting?.[1] ?? part;
      throw new UsageError(`--agent ${flag}: "${part}" is not a setting; the settings are ${settingNames.join(', ')}, each as name=value.${didYouMean(written, settingNames)}`);
    }
    settings.push([name, (setting[2] as string).trim()]);
  }
  const newState = state(flag, match[2] as string);
  let agent: AgentSpec | undefined = scenario.agents.find((a) => a.id === id);
  if (!agent) {
    agent = { id, state: newState, skills: [], firstName: '', lastName: '', answerAfterMs: scenarioDefaults.answerAfterSeconds * 1000, hangupAfterMs: scenarioDefaults.hangupAfterSeconds * 1000, holds: [], polls: true };
    scenario.agents.push(agent);
  }
  agent.state = newState;
  let holds: AgentSpec['holds'] | undefined;
  for (const [name, value] of settings) {
    switch (name) {
      case 'answerAfter':
        agent.answerAfterMs = seconds(flag, name, value);
        break;
      case 'hangupAfter':
        agent.hangupAfterMs = seconds(flag, name, value);
        break;
      case 'loginAfter':
        agent.loginAfterMs = seconds(flag, name, value);
        break;
      case 'logoutAfter':
        agent.logoutAfterMs = seconds(flag, name, value);
        break;
      case 'polls':
        if (value !== 'true' && value !== 'false') throw new UsageError(`--agent ${flag}: polls takes true or false; not "${value}"`);
        agent.polls = value === 'true';
        break;
      case 'skills':
        agent.skills = value.split('+').map((s) => s.trim()).filter((s) => s !== '');
        break;
      case 'hold': {
        const times = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
        if (!times) throw new UsageError(`--agent ${flag}: hold takes <after>:<for>, seconds after answering and how long, e.g. hold=10:25; not "${value}"`);
        // The flag's holds replace the scenario's, in the order given.
        holds ??= [];
        holds.push({ afterMs: Math.round(Number(times[1]) * 1000), forMs: Math.round(Number(times[2]) * 1000) });
        break;
      }
      case 'reason':
        agent.reason = value;
        break;
      case 'firstName':
        agent.firstName = value;
        break;
      case 'lastName':
        agent.lastName = value;
        break;
    }
  }
  if (holds) agent.holds = holds;
}
