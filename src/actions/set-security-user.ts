import { quoteValue } from './rules.ts';
import type { ActionDefinition, ActionRuntime } from './types.ts';
import { template, variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/setsecurityuser/setsecurityuser.htm (Studio)
// and https://help.nicecxone.com/content/Studio/actions/setsecurityuser/setsecurityuser.htm (Desktop Studio).

export const setSecurityUser: ActionDefinition = {
  type: 'SetSecurityUser',
  category: 'Agent events',
  // Supported Script Types: all eight (https://help.nicecxone.com/content/Studio/actionscx/setsecurityuser/setsecurityuser.htm).
  scriptTypes: anyScriptType,
  summary: 'Sets the security user the agent API actions act as.',
  description:
    'Makes the agent Agent the security user that JoinAgentSession, GetNextEvent and TerminateAgentSession act as, and stores it in the variable ScriptVar names (SecurityUser by default; those actions read that variable by default). Only an agent the scenario lists is a valid ACD user: any other, or an empty Agent, takes Error with a short explanation in _ERR. TimeZone is kept with the security user ("Default" means the agent\'s own time zone).',
  properties: {
    Agent: template('The agent (its id) to act as; accepts {variables}.', ['9001', '{ApiUserId}'], {}),
    TimeZone: template('The time zone data is returned in; Default is the agent\'s own.', ['Default'], { default: 'Default' }),
    ScriptVar: { ...variableName('variableWrite', 'The variable that receives the security user; leave it SecurityUser, the other API actions\' default.', ['SecurityUser'], 'SecurityUser'), label: 'Script Variable' },
  },
  branches: [
    { name: 'Default', description: 'The security user is set.' },
    { name: 'Error', description: 'The agent is not a valid ACD user (not in the scenario, or Agent is empty); _ERR says why.' },
  ],
  outputs: ['_ERR'],
  formerBranches: {
    OnError: { now: 'Error', hint: 'Older help pages named the failure branch OnError; the current pages name it Error.' },
  },
  example: 'security: { type: SetSecurityUser, properties: { Agent: "9001" }, branches: { Default: join, Error: no_api } }',
  run(runtime) {
    const agentId = runtime.text('Agent').trim();
    const timeZone = runtime.text('TimeZone').trim() || 'Default';
    const variable = runtime.text('ScriptVar') || 'SecurityUser';
    const made = runtime.agents.securityUser(agentId, timeZone);
    if (!made.ok) {
      runtime.setVariable('_ERR', made.reason);
      runtime.note(`${made.reason}; _ERR = ${quoteValue(made.reason)}`);
      return { branch: 'Error' };
    }
    runtime.setVariable(variable, made.user);
    runtime.note(`${variable} is now a security user acting as agent ${agentId} (time zone ${timeZone})`);
    return { branch: 'Default' };
  },
};

/**
 * The agent the security user in the variable `SecurityUser` names acts as,
 * or a note saying why that variable holds no security user.
 */
export function actingAgent(runtime: ActionRuntime): { agentId: string } | { problem: string } {
  const variable = runtime.text('SecurityUser') || 'SecurityUser';
  const value = runtime.getVariable(variable);
  const agentId = runtime.agents.securityUserAgent(value);
  if (agentId !== undefined) return { agentId };
  return {
    problem:
      value === undefined || value === ''
        ? `${variable} holds no security user: run SetSecurityUser first (its Script Variable is ${variable})`
        : `${variable} holds ${quoteValue(value)}, which is not a security user SetSecurityUser made`,
  };
}
