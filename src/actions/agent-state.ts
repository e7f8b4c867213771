import type { ActionDefinition } from './types.ts';
import { template, variableName } from './schema-parts.ts';

export const agentState: ActionDefinition = {
  type: 'AgentState',
  category: 'Routing',
  summary: 'Branches on an agent\'s current state.',
  description:
    'Looks up the agent AgentId, stores its state name (LoggedOut, Available, Unavailable, InboundContact) in Variable, and follows NotLoggedIn, Available, Unavailable or InboundContact; an unwired one falls back to Default.',
  properties: {
    AgentId: template('The agent to look up.', ['{AgentId}', '{SupervisorId}', '1001'], { default: '{AgentId}' }),
    Variable: variableName('variableWrite', 'The variable that receives the state name.', ['SupervisorState'], 'AgentStateName'),
  },
  branches: [
    { name: 'NotLoggedIn', description: 'The agent is logged out (or unknown).' },
    { name: 'Available', description: 'The agent is logged in and free.' },
    { name: 'Unavailable', description: 'The agent is logged in but not taking contacts.' },
    { name: 'InboundContact', description: 'The agent is busy with a contact.' },
    { name: 'Default', description: 'Taken when the state\'s branch is not wired.' },
  ],
  example: 'supervisor_in: { type: AgentState, properties: { AgentId: "{SupervisorId}" }, branches: { Available: notify, Default: menu } }',
  run(runtime) {
    const agentId = runtime.text('AgentId').trim();
    const state = runtime.agents.state(agentId) ?? 'LoggedOut';
    runtime.setVariable(runtime.text('Variable') || 'AgentStateName', state);
    runtime.note(`agent ${agentId || '(none)'} is ${state}${runtime.agents.state(agentId) === undefined ? ' (not in the scenario)' : ''}`);
    return { branch: state === 'LoggedOut' ? 'NotLoggedIn' : state };
  },
};
