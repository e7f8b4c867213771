import { scriptNameSchema } from './runsub.ts';
import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/content/studio/actions/runscript/runscript.htm
// https://help.nice-incontact.com/zh-hk/content/studio/actionscx/runscript/runscript.htm (properties: Script Name; no branch conditions)
export const runScript: ActionDefinition = {
  type: 'RunScript',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.incontact.com/zh-cn/Content/Studio/Actions/RUNSCRIPT/RUNSCRIPT.htm); the script handed to must be of the same type.
  scriptTypes: anyScriptType,
  summary: 'Hands the contact over to another script for good.',
  description:
    'Goes on in another script as if it were part of this one, and never comes back: this script stops, the other starts at its Begin with every variable left as it was and the same ContactId. ScriptName names a script file in this script\'s folder or a subfolder (`Transfer` is `Transfer.yaml` beside this script, `subs/Transfer` is `subs/Transfer.yaml`), of the same media type. From then on the other script\'s event actions (OnAnswer, OnRelease, OnHold) are the ones that run. RunScript has no branches.',
  terminal: true,
  properties: {
    ScriptName: { kind: 'value', required: true, label: 'Script Name', schema: scriptNameSchema('The script to go on in: a script file name without .yaml, in this script\'s folder or a subfolder.') },
  },
  branches: [],
  example: 'handover: { type: RunScript, properties: { ScriptName: Billing } }',
  run(runtime) {
    return { branch: 'Default', handOver: { script: runtime.text('ScriptName').trim() } };
  },
};
