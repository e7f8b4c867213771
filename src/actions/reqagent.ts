import type { ActionDefinition } from './types.ts';
import { numberOrTemplate, template } from './schema-parts.ts';

export const reqagent: ActionDefinition = {
  type: 'Reqagent',
  category: 'Routing',
  summary: 'Queues the contact for an agent.',
  description:
    'Routes the contact to TargetAgent, or to a free agent with Skill, at once if one is available, else queues it. The script then follows Default straight away: the actions after Reqagent are the hold pattern (music, waits, loops, custom events), which runs until an agent answers and OnAnswer pre-empts it. OnError is taken when the request cannot be queued (no such agent or skill).',
  properties: {
    Skill: template('The skill the agent must have.', ['Sales', 'Support']),
    TargetAgent: template('The id of one agent to route to, instead of any agent with Skill.', ['{SupervisorId}', '2002']),
    InitialPriority: numberOrTemplate('Priority the contact starts with in the queue.', { minimum: 0, maximum: 1000, default: 0 }, [0, 10]),
    Acceleration: numberOrTemplate('Priority added per minute of waiting.', { minimum: 0, maximum: 1000, default: 1 }, [1]),
    MaxPriority: numberOrTemplate('The priority never grows beyond this.', { minimum: 0, maximum: 1000, default: 1000 }, [100]),
  },
  branches: [
    { name: 'Default', description: 'The hold pattern, run until an agent answers.' },
    { name: 'OnError', description: 'The contact could not be queued.' },
  ],
  example: 'to_agent: { type: Reqagent, properties: { Skill: Support }, next: hold_music }',
  run(runtime) {
    const request = {
      skill: runtime.text('Skill').trim(),
      targetAgent: runtime.text('TargetAgent').trim(),
      initialPriority: runtime.number('InitialPriority') ?? 0,
      acceleration: runtime.number('Acceleration') ?? 1,
      maxPriority: runtime.number('MaxPriority') ?? 1000,
    };
    const routed = runtime.agents.request(request);
    if (!routed.ok) {
      runtime.note(routed.reason);
      return { branch: 'OnError' };
    }
    runtime.note(routed.note);
    return { branch: 'Default' };
  },
  check(action, context) {
    if (isBlank(action.properties['Skill']) && isBlank(action.properties['TargetAgent'])) {
      context.report(['actions', action.id, 'properties'], {
        code: 'reqagent-no-destination',
        severity: 'error',
        message: `Reqagent "${action.id}" has neither Skill nor TargetAgent, so it cannot route the contact`,
        hint: 'Add `Skill: <skill name>` or `TargetAgent: <agent id>` under properties.',
      }, 'key');
    }
  },
};

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
