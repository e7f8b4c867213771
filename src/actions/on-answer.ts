import type { ActionDefinition } from './types.ts';
import { variableName } from './schema-parts.ts';
import { acdScriptTypes } from './script-types.ts';

// https://help.nicecxone.com/zh-cn/content/studio/actionscx/onanswer/onanswer.htm (output variables and their defaults)
// https://help.nicecxone.com/es/content/studio/actionscx/customevent/customevent.htm ("populates the AgentId variable after the OnAnswer event")
export const onAnswer: ActionDefinition = {
  type: 'OnAnswer',
  category: 'Events',
  // Supported Script Types: the seven ACD types (https://help.nicecxone.com/zh-cn/content/studio/actionscx/onanswer/onanswer.htm); Digital scripts use OnAssignment.
  scriptTypes: acdScriptTypes,
  scriptTypesHint: 'A Digital script reacts to its agent with OnAssignment, which studio-sim does not have',
  summary: 'Runs when an agent answers the contact.',
  description:
    'An event action: no branch leads to it. When the agent requested by Reqagent answers, whatever the script is doing (the hold pattern) is terminated and execution resumes here. The skill name, the agent\'s first and last names and the agent\'s id go into the variables SkillNameVar, AgentFirstName, AgentLastName and AgentID name (SKLNAME, FIRST, LAST and AGENTID by default); AgentId, which CustomEvent falls back to, is always set.',
  event: true,
  properties: {
    SkillNameVar: { ...variableName('variableWrite', 'The variable that receives the skill name.', ['SKLNAME'], 'SKLNAME'), label: 'Skill Name Var' },
    AgentFirstName: { ...variableName('variableWrite', 'The variable that receives the agent\'s first name.', ['FIRST'], 'FIRST'), label: 'Agent First Name' },
    AgentLastName: { ...variableName('variableWrite', 'The variable that receives the agent\'s last name.', ['LAST'], 'LAST'), label: 'Agent Last Name' },
    AgentID: { ...variableName('variableWrite', 'The variable that receives the agent\'s id.', ['AGENTID'], 'AGENTID'), label: 'Agent ID' },
  },
  branches: [{ name: 'Default', description: 'What to do once the agent is connected.' }],
  outputs: ['AgentId', 'SKLNAME', 'FIRST', 'LAST', 'AGENTID'],
  example: 'answered: { type: OnAnswer, next: tell_agent }',
  run(runtime) {
    const agent = runtime.agents.answering();
    if (!agent) return { branch: 'Default' };
    const outputs: Array<[string, string]> = [
      [runtime.text('SkillNameVar') || 'SKLNAME', agent.skill],
      [runtime.text('AgentFirstName') || 'FIRST', agent.firstName],
      [runtime.text('AgentLastName') || 'LAST', agent.lastName],
      [runtime.text('AgentID') || 'AGENTID', agent.id],
      ['AgentId', agent.id],
    ];
    for (const [name, value] of outputs) runtime.setVariable(name, value);
    const name = [agent.firstName, agent.lastName].filter((part) => part !== '').join(' ');
    runtime.note(`agent ${agent.id}${name ? ` (${name})` : ''} answered${agent.skill ? ` on ${agent.skill}` : ''}; ${outputs.slice(0, 4).map(([variable]) => variable).join(', ')} and AgentId are set, and whatever ran before was cut short`);
    return { branch: 'Default' };
  },
};
