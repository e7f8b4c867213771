import type { ActionDefinition } from './types.ts';

export const onAnswer: ActionDefinition = {
  type: 'OnAnswer',
  category: 'Events',
  summary: 'Runs when an agent answers the contact.',
  description:
    'An event action: no branch leads to it. When the agent requested by Reqagent answers, whatever the script is doing (the hold pattern) is terminated and execution resumes here, with AgentId, FIRST, LAST and SKLNAME set to the agent\'s id, first and last names and the skill.',
  event: true,
  properties: {},
  branches: [{ name: 'Default', description: 'What to do once the agent is connected.' }],
  outputs: ['AgentId', 'FIRST', 'LAST', 'SKLNAME'],
  example: 'answered: { type: OnAnswer, next: tell_agent }',
  run(runtime) {
    const name = [runtime.getVariable('FIRST'), runtime.getVariable('LAST')].filter((part) => part !== undefined && part !== '').join(' ');
    runtime.note(`agent ${String(runtime.getVariable('AgentId') ?? '')}${name ? ` (${name})` : ''} answered${runtime.getVariable('SKLNAME') ? ` on ${String(runtime.getVariable('SKLNAME'))}` : ''}; AgentId, FIRST, LAST and SKLNAME are set, and whatever ran before was cut short`);
    return { branch: 'Default' };
  },
};
