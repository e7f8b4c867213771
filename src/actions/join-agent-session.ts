import { actingAgent } from './set-security-user.ts';
import { toText } from '../expression/values.ts';
import type { ActionDefinition } from './types.ts';
import { securityUserProperty, variableName } from './schema-parts.ts';
import { acdScriptTypes } from './script-types.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/sessionjoin/sessionjoin.htm (Studio)
// and https://help.nicecxone.com/content/Studio/actions/sessionjoin/sessionjoin.htm (Desktop Studio).

export const joinAgentSession: ActionDefinition = {
  type: 'JoinAgentSession',
  category: 'Agent events',
  // Supported Script Types: the seven ACD types (https://help.nicecxone.com/content/Studio/actionscx/sessionjoin/sessionjoin.htm).
  scriptTypes: acdScriptTypes,
  summary: 'Joins an agent session, as the security user, to read its event stream.',
  description:
    'Acting as the security user in the variable SecurityUser names (made by SetSecurityUser), joins the agent session whose id the variable SessionId names holds, and stores the id to poll with back in that variable for GetNextEvent. With that variable empty it joins the security user\'s own agent\'s open session. Success when joined; InvalidSecurityUser when the variable holds no security user; InvalidAgentSession when the session does not exist or has ended (or, with no id, the security user\'s agent is not logged in); InvalidAgentId when the id names an agent the scenario does not list; ImpersonateNotEnabled when the session is another agent\'s and the security user\'s agent has `impersonate: false` in the scenario. Each unwired branch falls back to Default.',
  properties: {
    SecurityUser: securityUserProperty(),
    SessionId: {
      ...variableName('variableWrite', 'The variable holding the session id to join (empty: the security user\'s own session); it receives the id to poll with. A name without braces.', ['SessionId', 'MonitorSession'], 'SessionId'),
      label: 'Session Id',
    },
  },
  branches: [
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
    { name: 'Success', description: 'Joined; the variable SessionId names holds the id to poll with.' },
    { name: 'InvalidSecurityUser', description: 'The SecurityUser variable holds no security user SetSecurityUser made.' },
    { name: 'InvalidAgentSession', description: 'No open session has that id (or, with no id, the security user\'s agent is not logged in).' },
    { name: 'InvalidAgentId', description: 'The session id names an agent the scenario does not list.' },
    { name: 'ImpersonateNotEnabled', description: 'The session is another agent\'s and the security user may not impersonate.' },
  ],
  formerProperties: {
    AgentId: { hint: 'JoinAgentSession has no agent property: run SetSecurityUser with Agent set to that agent first (JoinAgentSession then joins its own session), or put the session id in the variable SessionId names.' },
    SessionIdVariable: { now: 'SessionId', hint: 'The vendor\'s property SessionId names the variable that holds the session id.' },
  },
  formerBranches: {
    OnError: { now: 'InvalidAgentSession', hint: 'The vendor splits the failure into InvalidSecurityUser, InvalidAgentSession, InvalidAgentId and ImpersonateNotEnabled; a session that cannot be joined is InvalidAgentSession.' },
  },
  example: [
    'join:',
    '  type: JoinAgentSession',
    '  properties: { SecurityUser: SecurityUser, SessionId: MonitorSession }',
    '  branches: { Success: next_event, Default: no_session }',
  ].join('\n'),
  run(runtime) {
    const acting = actingAgent(runtime);
    if ('problem' in acting) {
      runtime.note(acting.problem);
      return { branch: 'InvalidSecurityUser' };
    }
    const variable = runtime.text('SessionId') || 'SessionId';
    const sessionId = toText(runtime.getVariable(variable)).trim();
    const result = runtime.agents.join(acting.agentId, sessionId);
    if (result.branch !== 'Success') {
      runtime.note(result.note);
      return { branch: result.branch };
    }
    runtime.setVariable(variable, result.sessionId);
    runtime.note(`${result.note}; ${variable} = ${result.sessionId}`);
    return { branch: 'Success' };
  },
};
