import type { ActionDefinition } from './types.ts';
import { template } from './schema-parts.ts';

// https://help.nicecxone.com/Content/studio/actionscx/reskill/reskill.htm (Target Skill, Script Name, Variables)
// https://help.nicecxone.com/content/studio/actions/reskill/reskill.htm (Desktop: TargetSkill, ScriptName)
export const reskill: ActionDefinition = {
  type: 'Reskill',
  category: 'Routing',
  summary: 'Moves the contact to another skill.',
  description:
    'The script moves the contact to TargetSkill itself, without an agent. A contact waiting in the queue moves to the new skill\'s queue keeping its time in queue and priority settings, and an available agent with that skill is offered it at once; a contact not queued yet is queued for the skill now, as Reqagent would with the skill\'s priority settings. Variables sets the variables it lists (Name=value, one per line or separated by commas) on the contact first, as the target skill or script receives them. ScriptName names the script that handles the queuing in the target skill; studio-sim keeps running this script\'s hold pattern (a validation warning says so). Default follows; OnError when the contact is already with an agent or TargetSkill is empty (_ERR says which).',
  properties: {
    TargetSkill: { ...template('The inbound phone skill to move the contact to, by name or id.', ['Billing', '{NewSkill}'], { minLength: 1 }, true), label: 'Target Skill' },
    ScriptName: { ...template('Optional: the script that handles queuing in the target skill (same folder or a subfolder).', ['BillingQueue']), label: 'Script Name' },
    Variables: template('Variables passed to the target skill or script: Name=value pairs, one per line or separated by commas.', ['Reason=lost card', 'Reason={Reason}, Vip=1']),
  },
  branches: [
    { name: 'Default', description: 'The contact is in the target skill\'s queue.' },
    { name: 'OnError', description: 'The contact could not move: it is already with an agent, or TargetSkill is empty; _ERR says which.' },
  ],
  example: [
    'to_billing:',
    '  type: Reskill',
    '  properties: { TargetSkill: Billing, Variables: "Reason=billing question" }',
    '  branches: { Default: hold_music, OnError: sorry }',
  ].join('\n'),
  check(action, context) {
    const script = action.properties['ScriptName'];
    if (typeof script === 'string' && script.trim() !== '') {
      context.report(['actions', action.id, 'properties', 'ScriptName'], {
        code: 'reskill-script-not-run',
        severity: 'warning',
        message: `Reskill "${action.id}" names ScriptName "${script}", but studio-sim queues the contact in the target skill and goes on with this script's hold pattern; "${script}" does not run`,
        hint: 'Remove ScriptName to run the hold pattern after Reskill here, or test the queuing script on its own.',
      }, 'key');
    }
  },
  run(runtime) {
    for (const pair of runtime.text('Variables').split(/[\n,]/)) {
      const match = /^\s*([A-Za-z_$][A-Za-z0-9_$]*)\s*=(.*)$/.exec(pair);
      if (!match) {
        if (pair.trim() !== '') runtime.note(`Variables: "${pair.trim()}" is not Name=value, so it is not passed`);
        continue;
      }
      const [, name, value] = match as unknown as [string, string, string];
      runtime.setVariable(name, value.trim());
      runtime.note(`passes ${name} = ${JSON.stringify(value.trim())}`);
    }
    const result = runtime.agents.reskill(runtime.text('TargetSkill').trim());
    if (!result.ok) {
      runtime.setVariable('_ERR', result.error);
      runtime.note(result.error);
      return { branch: 'OnError' };
    }
    runtime.note(result.note);
    return { branch: 'Default' };
  },
};
