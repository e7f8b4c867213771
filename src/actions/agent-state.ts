import { chosenRules } from './rules.ts';
import type { ActionDefinition, AgentStateName } from './types.ts';
import { template, variableName } from './schema-parts.ts';
import { acdScriptTypes } from './script-types.ts';

// Vendor pages: https://help.nicecxone.com/content/studio/actionscx/agentstate/agentstate.htm (Studio)
// and https://help.incontact.com/Content/Studio/Actions/AGENTSTATE/AGENTSTATE.htm (Desktop Studio).

/** The branch each state takes: the state's own name, except LoggedOut, which is NotLoggedIn. */
const branchOf: Record<AgentStateName, string> = {
  LoggedOut: 'NotLoggedIn',
  LoggedIn: 'LoggedIn',
  Available: 'Available',
  Unavailable: 'Unavailable',
  InboundContact: 'InboundContact',
  OutboundContact: 'OutboundContact',
  InboundConsult: 'InboundConsult',
  OutboundConsult: 'OutboundConsult',
  Dialer: 'Dialer',
};

/** The spring 2019 help pages put On before each branch name. */
const olderBranchNames = Object.fromEntries(
  ['NotLoggedIn', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer', 'LoggedIn'].map((name) => [
    `On${name}`,
    { now: name, hint: `Older help pages named the branch On${name}; the current pages name it ${name}.` },
  ]),
);

export const agentState: ActionDefinition = {
  type: 'AgentState',
  category: 'Routing',
  // Supported Script Types: the seven ACD types (https://help.nicecxone.com/content/studio/actionscx/agentstate/agentstate.htm).
  scriptTypes: acdScriptTypes,
  summary: 'Branches on an agent\'s current state.',
  description:
    'Looks up the agent AgentID, stores its state in the variable StateVariable names (STATE by default: LoggedOut, LoggedIn, Available, Unavailable, InboundContact, OutboundContact, InboundConsult, OutboundConsult or Dialer) and, when ReasonVariable names a variable, the state\'s specific description there (the skill of an inbound contact, else the scenario\'s `reason` for the agent, such as an unavailable code). Follows the branch of the state\'s name (NotLoggedIn for LoggedOut); an agent the scenario does not list, or an empty AgentID, is NotLoggedIn. An unwired branch falls back to Default.',
  properties: {
    AgentID: { ...template('The agent to look up; accepts {variables}, such as {AgentId} after OnAnswer.', ['{AgentId}', '{SupervisorId}', '1001']), label: 'Agent ID' },
    StateVariable: { ...variableName('variableWrite', 'The variable that receives the agent\'s state.', ['STATE', 'SupervisorState'], 'STATE'), label: 'State Variable' },
    ReasonVariable: { ...variableName('variableWrite', 'The variable that receives the specific description of the state (the skill of an inbound contact, or the scenario\'s reason); nothing is stored when it is empty.', ['REASON']), label: 'Reason Variable' },
  },
  branches: [
    { name: 'Default', description: 'Taken when the state\'s branch is not wired.' },
    { name: 'NotLoggedIn', description: 'The agent is not logged in (or not in the scenario).' },
    { name: 'Available', description: 'The agent is logged in and available.' },
    { name: 'Unavailable', description: 'The agent is logged in but not available.' },
    { name: 'InboundContact', description: 'The agent is logged in and on an inbound contact.' },
    { name: 'OutboundContact', description: 'The agent is logged in and on an outbound contact (a state the scenario gives it).' },
    { name: 'InboundConsult', description: 'The agent is in a state to accept inbound consults (a state the scenario gives it).' },
    { name: 'OutboundConsult', description: 'The agent is in a state to accept outbound consults (a state the scenario gives it).' },
    { name: 'Dialer', description: 'The agent is logged in to an outbound dialing skill (a state the scenario gives it).' },
    { name: 'LoggedIn', description: 'The agent has logged in but set no state yet (a state the scenario gives it).' },
  ],
  formerProperties: {
    AgentId: { now: 'AgentID', hint: 'The vendor spells the property AgentID (web Studio: Agent ID).' },
    Variable: { now: 'StateVariable', hint: 'The vendor\'s StateVariable names the variable that receives the state; it defaults to STATE.' },
  },
  formerBranches: olderBranchNames,
  example: 'supervisor_in: { type: AgentState, properties: { AgentID: "{SupervisorId}" }, branches: { Available: notify, Default: menu } }',
  run(runtime) {
    const agentId = runtime.text('AgentID').trim();
    const known = runtime.agents.state(agentId);
    const state = known ?? 'LoggedOut';
    const stateVariable = runtime.text('StateVariable') || 'STATE';
    runtime.setVariable(stateVariable, state);
    const reasonVariable = runtime.text('ReasonVariable');
    const reason = runtime.agents.reason(agentId);
    if (reasonVariable) runtime.setVariable(reasonVariable, reason);
    const who = agentId ? `agent ${agentId}` : 'AgentID is empty, so no agent:';
    runtime.note(
      `${who} ${state}${known === undefined && agentId ? ` (not in the scenario: ${chosenRules.unknownAgent})` : ''}; ${stateVariable} = ${state}${reasonVariable ? `, ${reasonVariable} = ${JSON.stringify(reason)}` : ''}`,
    );
    return { branch: branchOf[state] };
  },
};
