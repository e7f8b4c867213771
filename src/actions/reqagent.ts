import type { ActionDefinition } from './types.ts';
import { numberOrTemplate, template } from './schema-parts.ts';
import { acdScriptTypes } from './script-types.ts';

const customOnly = 'Used when PriorityManagement is Custom.';

// https://help.nicecxone.com/content/studio/actionscx/reqagent/reqagent.htm
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/reqagent/reqagent.htm (Skill "Default", Target Agent, priority defaults)
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/updatecontact/updatecontact.htm (priority formula)
export const reqagent: ActionDefinition = {
  type: 'Reqagent',
  category: 'Routing',
  // Supported Script Types: the seven ACD types; Digital scripts have their own Reqagent page (https://help.nicecxone.com/content/studio/actionscx/reqagent/reqagent.htm).
  scriptTypes: acdScriptTypes,
  scriptTypesHint: 'A Digital script requests an agent with the Digital version of Reqagent, which studio-sim does not have',
  summary: 'Queues the contact for an agent.',
  description:
    'Requests an agent with Skill (or the one agent TargetAgent names) for the contact: a free agent is offered it at once, otherwise it waits in the queue. The script follows Default straight away: the actions after Reqagent are the hold pattern (music, waits, custom events), which runs until an agent starts the interaction and OnAnswer pre-empts it. The queue orders contacts by priority, (minutes waiting x Acceleration) + InitialPriority up to MaxPriority; with PriorityManagement Default those are the skill\'s (studio-sim uses the documented defaults 0, 1 and 1000). A contact for a skill no agent has, or for an agent who never becomes available, stays queued.',
  properties: {
    Skill: template('The ACD skill the agent must have; "Default" is the point of contact\'s default skill.', ['Support', 'Sales', '{SkillName}'], { default: 'Default' }),
    TargetAgent: { ...template('One agent to route to, instead of any agent with Skill; the contact stays queued until that agent is available.', ['{AgentId}', '2002']), label: 'Target Agent' },
    PriorityManagement: { kind: 'value', label: 'Priority Management', schema: { enum: ['Default', 'DefaultFromSkill', 'Custom'], default: 'Default', description: 'Default takes the priority settings of the skill; Custom uses InitialPriority, Acceleration and MaxPriority. DefaultFromSkill is Desktop Studio\'s spelling of Default.', examples: ['Default', 'Custom'] } },
    InitialPriority: { ...numberOrTemplate(`Priority the contact starts with in the queue. ${customOnly}`, { minimum: 0, maximum: 1000, default: 0 }, [0, 10]), label: 'Initial Priority' },
    Acceleration: numberOrTemplate(`Priority added per minute of waiting (it grows every second). ${customOnly}`, { minimum: 0, maximum: 1000, default: 1 }, [1]),
    MaxPriority: { ...numberOrTemplate(`The priority never grows beyond this. ${customOnly}`, { minimum: 0, maximum: 1000, default: 1000 }, [100]), label: 'Max Priority' },
  },
  branches: [{ name: 'Default', description: 'The hold pattern, run until an agent answers.' }],
  formerBranches: {
    OnError: { hint: 'Reqagent has no OnError branch on the platform: the contact is always queued (for a skill nobody has it waits until an agent with it is free). Handle a long wait in the hold pattern instead.' },
  },
  example: 'to_agent: { type: Reqagent, properties: { Skill: Support }, next: hold_music }',
  check(action, context) {
    if (action.properties['PriorityManagement'] === 'Custom') return;
    for (const name of ['InitialPriority', 'Acceleration', 'MaxPriority']) {
      if (!Object.prototype.hasOwnProperty.call(action.properties, name)) continue;
      context.report(['actions', action.id, 'properties', name], {
        code: 'reqagent-priority-ignored',
        severity: 'warning',
        message: `Reqagent "${action.id}" sets ${name}, but PriorityManagement is not Custom, so the skill's priority settings apply and ${name} is ignored`,
        hint: 'Add `PriorityManagement: Custom`, or remove the priority properties.',
      }, 'key');
    }
  },
  run(runtime) {
    const custom = runtime.value('PriorityManagement') === 'Custom';
    const routed = runtime.agents.request({
      skill: runtime.text('Skill').trim() || 'Default',
      targetAgent: runtime.text('TargetAgent').trim(),
      initialPriority: custom ? (runtime.number('InitialPriority') ?? 0) : 0,
      acceleration: custom ? (runtime.number('Acceleration') ?? 1) : 1,
      maxPriority: custom ? (runtime.number('MaxPriority') ?? 1000) : 1000,
      custom,
    });
    runtime.note(routed.note);
    return { branch: 'Default' };
  },
};
