import type { ActionDefinition } from './types.ts';
import { template } from './schema-parts.ts';

// https://help.nicecxone.com/Content/studio/actionscx/reskill/reskill.htm (Target Skill, Script Name, Variables)
// https://help.nicecxone.com/content/studio/actions/reskill/reskill.htm (Desktop: TargetSkill, ScriptName)
export const reskill: ActionDefinition = {
  type: 'Reskill',
  category: 'Routing',
  summary: 'Moves the contact to another skill.',
  // Supported Script Types: Phone only (https://help.nicecxone.com/Content/studio/actionscx/reskill/reskill.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Move the contact to another skill with Reqagent instead',
  description:
    'The script moves the contact to TargetSkill itself, without an agent. A contact waiting in the queue moves to the new skill\'s queue keeping its time in queue and priority settings, and an available agent with that skill is offered it at once; a contact not queued yet is queued for the skill now, as Reqagent would with the skill\'s priority settings. Variables sets the variables it lists (Name=value, one per line or separated by commas) on the contact first, as the target skill or script receives them. Without ScriptName, Default follows and this script\'s hold pattern runs on. With ScriptName (a script file beside this one, or folder/Name in a subfolder, of the same media type, checked with this script) that script handles the queuing: once the contact is in the target skill it goes on there for good, as after RunScript, starting at its Begin with every variable (and ContactId) as it is; its event actions (OnAnswer, OnRelease) are the ones that run, and the trace names its file at each of its steps. OnError when the contact is already with an agent or TargetSkill is empty (_ERR says which); then nothing is handed over.',
  properties: {
    TargetSkill: { ...template('The inbound phone skill to move the contact to, by name or id.', ['Billing', '{NewSkill}'], { minLength: 1 }, true), label: 'Target Skill' },
    ScriptName: { ...template('Optional: the script that handles queuing in the target skill (same folder or a subfolder).', ['BillingQueue']), label: 'Script Name' },
    Variables: template('Variables passed to the target skill or script: Name=value pairs, one per line or separated by commas.', ['Reason=lost card', 'Reason={Reason}, Vip=1']),
  },
  branches: [
    { name: 'Default', description: 'The contact is in the target skill\'s queue and this script goes on (without ScriptName; with it the contact goes on in that script).' },
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
    if (typeof script !== 'string' || script.trim() === '' || action.branches['Default'] === undefined) return;
    // With ScriptName the contact goes on in that script, as after RunScript: Default leads nowhere.
    context.report(['actions', action.id, 'properties', 'ScriptName'], {
      code: 'reskill-default-not-followed',
      severity: 'warning',
      message: `Reskill "${action.id}" hands the contact to ScriptName "${script}", which handles the queuing from then on, so its Default branch is never followed`,
      hint: 'Remove the Default branch (keep OnError for a contact that cannot move), or remove ScriptName to go on in this script\'s hold pattern.',
    });
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
    const script = runtime.text('ScriptName').trim();
    // The target skill's script handles the queuing: the contact goes on there for good, as after RunScript.
    if (script !== '') return { branch: 'Default', handOver: { script } };
    return { branch: 'Default' };
  },
};
