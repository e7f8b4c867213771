import type { ActionDefinition } from './types.ts';
import { variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

/** The cause code a normal hang-up carries (Q.850 16, normal call clearing). */
export const normalClearing = 16;

// https://help.nicecxone.com/content/studio/actionscx/onrelease/onrelease.htm
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/onrelease/onrelease.htm (Cause Code, default p1; Call Result not used; one per script)
export const onRelease: ActionDefinition = {
  type: 'OnRelease',
  category: 'Events',
  // Supported Script Types: all eight (https://help.nicecxone.com/zh-cn/content/studio/actionscx/onrelease/onrelease.htm).
  scriptTypes: anyScriptType,
  summary: 'Runs when the contact is released.',
  description:
    'An event action: no branch leads to it. When the caller or the agent hangs up, or the script runs Hangup or End, whatever the script is doing is terminated and execution resumes here, for clean-up such as a last custom event; the script then runs until no action is left, or a Stop or Hangup runs. The carrier\'s cause code goes into the variable CauseCode names (p1 by default). Media actions (Play, Music, Playlog, Menu, Capture) cannot run after it, and a script has at most one OnRelease. Without an OnRelease the contact simply ends.',
  event: true,
  properties: {
    CauseCode: { ...variableName('variableWrite', 'The variable that receives the carrier\'s cause code (16, normal clearing, for an ordinary hang-up).', ['p1', 'CauseCode'], 'p1'), label: 'Cause Code' },
    CallResult: { kind: 'value', label: 'Call Result', schema: { type: 'string', description: 'Not used.', examples: [''] } },
  },
  branches: [{ name: 'Default', description: 'Clean-up after the contact was released.' }],
  example: 'released: { type: OnRelease, next: done }',
  run(runtime) {
    const variable = runtime.text('CauseCode') || 'p1';
    runtime.setVariable(variable, normalClearing);
    runtime.note(`the contact was released; ${variable} = ${normalClearing} (normal clearing)`);
    return { branch: 'Default' };
  },
};
