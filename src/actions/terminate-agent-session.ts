import { actingAgent } from './set-security-user.ts';
import type { ActionDefinition } from './types.ts';
import { securityUserProperty, template, variableName } from './schema-parts.ts';
import { acdScriptTypes } from './script-types.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/terminateagent_v12/terminateagent_v12.htm (Studio)
// and https://help.incontact.com/Content/Studio/Actions/TERMINATEAGENT_V12/TERMINATEAGENT_V12.htm (Desktop Studio).

export const terminateAgentSession: ActionDefinition = {
  type: 'TerminateAgentSession',
  category: 'Agent events',
  // Supported Script Types: the seven ACD types (https://help.nicecxone.com/content/Studio/actionscx/terminateagent_v12/terminateagent_v12.htm).
  scriptTypes: acdScriptTypes,
  summary: 'Forces an agent\'s session to end, as the security user.',
  description:
    'Acting as the security user in the variable SecurityUser names, ends the open session of agent AgentId, as if the agent logged out (its polls are told the session ended). OnSuccess when a session was ended; OnInvalidAgentId when the scenario does not list the agent (or AgentId is empty); OnUnauthorized when the security user\'s agent has `terminateSessions: false` in the scenario; OnInvalidSecurityUser when the variable holds no security user; Default when the agent has no open session to end. OnTooManyRequests cannot happen: the simulation has no request limit. When errorArgList names a variable, a failure\'s explanation goes there. Each unwired branch falls back to Default.',
  properties: {
    SecurityUser: securityUserProperty(),
    AgentId: { ...template('The agent whose session to end; accepts {variables}.', ['{MonitorAgentId}', '1001']), label: 'Agent Id' },
    errorArgList: { ...variableName('variableWrite', 'The variable that receives the explanation of a failure; nothing is stored when it is empty.', ['TerminateError']), label: 'Error Arg List' },
  },
  branches: [
    { name: 'Default', description: 'The agent has no open session to end, or the outcome\'s branch is not wired.' },
    { name: 'OnSuccess', description: 'The session was ended.' },
    { name: 'OnInvalidAgentId', description: 'The scenario does not list the agent, or AgentId is empty.' },
    { name: 'OnUnauthorized', description: 'The security user may not end sessions.' },
    { name: 'OnInvalidSecurityUser', description: 'The SecurityUser variable holds no security user SetSecurityUser made.' },
    { name: 'OnTooManyRequests', description: 'Too many requests (never in the simulation: it has no request limit).' },
  ],
  example: 'end_monitor: { type: TerminateAgentSession, properties: { AgentId: "{MonitorAgentId}" }, branches: { OnSuccess: done, Default: done } }',
  run(runtime) {
    const errorVariable = runtime.text('errorArgList');
    const acting = actingAgent(runtime);
    if ('problem' in acting) {
      if (errorVariable) runtime.setVariable(errorVariable, acting.problem);
      runtime.note(acting.problem);
      return { branch: 'OnInvalidSecurityUser' };
    }
    const result = runtime.agents.terminate(acting.agentId, runtime.text('AgentId').trim());
    if (result.branch !== 'OnSuccess' && errorVariable) runtime.setVariable(errorVariable, result.note);
    runtime.note(result.note);
    return { branch: result.branch };
  },
};
