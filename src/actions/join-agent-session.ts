import type { ActionDefinition } from './types.ts';
import { template, variableName } from './schema-parts.ts';

export const joinAgentSession: ActionDefinition = {
  type: 'JoinAgentSession',
  category: 'Agent events',
  summary: 'Joins an agent\'s session to read its event stream.',
  description:
    'Joins the open session of agent AgentId (like `POST /agent-sessions/join?asAgentId=`) and stores the session id in SessionIdVariable for GetNextEvent. Success when the agent has an open session; OnError when it has none (falling back to Default when OnError is not wired).',
  properties: {
    AgentId: template('The agent whose session to join.', ['{SupervisorId}', '1001'], {}, true),
    SessionIdVariable: variableName('variableWrite', 'The variable that receives the session id.', ['SessionId'], 'SessionId'),
  },
  branches: [
    { name: 'Success', description: 'Joined; the session id is in SessionIdVariable.' },
    { name: 'OnError', description: 'The agent has no open session.' },
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
  ],
  example: 'join: { type: JoinAgentSession, properties: { AgentId: "{SupervisorId}" }, branches: { Success: next_event, OnError: menu } }',
  run(runtime) {
    const agentId = runtime.text('AgentId').trim();
    const sessionId = runtime.agents.openSession(agentId);
    if (sessionId === undefined) {
      runtime.note(`agent ${agentId || '(none)'} has no open session to join`);
      return { branch: 'OnError' };
    }
    const variable = runtime.text('SessionIdVariable') || 'SessionId';
    runtime.setVariable(variable, sessionId);
    runtime.note(`joined session ${sessionId} of agent ${agentId}; ${variable} = ${sessionId}`);
    return { branch: 'Success' };
  },
};
