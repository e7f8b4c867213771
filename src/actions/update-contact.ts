import type { ActionDefinition, RouteUpdate } from './types.ts';
import { numberOrTemplate } from './schema-parts.ts';

// https://help.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm (Desktop: Priority, MaxPriority, the dependencies on Reqagent and Custom)
// https://help.staging.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm (Acceleration and its example)
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/updatecontact/updatecontact.htm (the priority formula)
// https://help.nice-incontact.com/Content/studio/actions/update_contact_digital/update_contact_digital.htm (High and Low Proficiency, 1 best to 20 worst)
export const updateContact: ActionDefinition = {
  type: 'UpdateContact',
  category: 'Routing',
  // Supported Script Types: Chat, Phone, Voicemail, Work Item, SMS; not Email or work items in a persistent queue (https://help.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm, https://help.nicecxone.com/zh-cn/content/studio/actions/updatecontact/updatecontact.htm).
  scriptTypes: ['Chat', 'Phone', 'Voicemail', 'WorkItem', 'SMS'],
  scriptTypesHint: 'Email contacts and work items in a persistent queue are updated with PUT /persistent-contacts/{contactId} from a RestApi action',
  summary: 'Changes a queued contact\'s priority and proficiency range.',
  description:
    'Changes the routing of the contact Reqagent queued, while it waits (in the hold pattern): Priority, MaxPriority and Acceleration replace the values of the priority formula, (minutes in queue x Acceleration) + Priority up to MaxPriority, with the minutes counted from when the contact was queued, so the queue order changes at once; HighProficiency and LowProficiency set the range of proficiency (1 best, 20 worst) an agent must have in the skill, widening or narrowing the pool. A property left out keeps its value. The contact must be waiting in the queue, queued by a Reqagent with PriorityManagement Custom; otherwise OnError follows with _ERR saying why (Default when OnError is not connected).',
  properties: {
    Priority: numberOrTemplate('The priority the formula starts from (Reqagent\'s InitialPriority).', { minimum: 0, maximum: 1000 }, [50, '{VipPriority}']),
    MaxPriority: { ...numberOrTemplate('The priority never grows beyond this.', { minimum: 0, maximum: 1000 }, [1000]), label: 'Max Priority' },
    Acceleration: numberOrTemplate('Priority added per minute in queue (it grows every second).', { minimum: 0, maximum: 1000 }, [1, 5]),
    HighProficiency: { ...numberOrTemplate('The best proficiency an agent may have to be offered the contact (1 best, 20 worst).', { minimum: 1, maximum: 20, integer: true }, [1]), label: 'High Proficiency' },
    LowProficiency: { ...numberOrTemplate('The worst proficiency an agent may have to be offered the contact (1 best, 20 worst); raise it to widen the pool.', { minimum: 1, maximum: 20, integer: true }, [5, 20]), label: 'Low Proficiency' },
  },
  branches: [
    { name: 'Default', description: 'The contact\'s routing was updated.' },
    { name: 'OnError', description: 'The contact is not waiting in a queue, its Reqagent\'s PriorityManagement is not Custom, or a value is not a number in range; _ERR says which.' },
  ],
  example: [
    'vip_first:',
    '  type: UpdateContact',
    '  properties: { Priority: 100, Acceleration: 5, LowProficiency: 10 }',
    '  branches: { Default: hold_music, OnError: hold_music }',
  ].join('\n'),
  run(runtime) {
    const change: RouteUpdate = {};
    const ranges = { Priority: [0, 1000], MaxPriority: [0, 1000], Acceleration: [0, 1000], HighProficiency: [1, 20], LowProficiency: [1, 20] } as const;
    const keys = { Priority: 'priority', MaxPriority: 'maxPriority', Acceleration: 'acceleration', HighProficiency: 'highProficiency', LowProficiency: 'lowProficiency' } as const;
    for (const name of Object.keys(ranges) as Array<keyof typeof ranges>) {
      const written = runtime.value(name);
      if (written === undefined || (typeof written === 'string' && written.trim() === '')) continue;
      const value = runtime.number(name);
      const [minimum, maximum] = ranges[name];
      if (value === undefined || value < minimum || value > maximum) {
        const error = `${name} is ${JSON.stringify(written)}, not a number from ${minimum} to ${maximum}`;
        runtime.setVariable('_ERR', error);
        runtime.note(error);
        return { branch: 'OnError' };
      }
      change[keys[name]] = value;
    }
    const result = runtime.agents.update(change);
    if (!result.ok) {
      runtime.setVariable('_ERR', result.error);
      runtime.note(result.error);
      return { branch: 'OnError' };
    }
    runtime.note(result.note);
    return { branch: 'Default' };
  },
};
