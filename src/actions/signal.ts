import { parameterLines } from './runsub.ts';
import type { ActionDefinition } from './types.ts';
import { maxSignalParameterChars, maxSignalParameters } from '../validate/signals.ts';
import { acdScriptTypes } from './script-types.ts';

// https://help.staging.nice-incontact.com/content/studio/actions/signal/signal.htm (Desktop Studio: ContactID, Parameters; Default, and OnError "if the contact ID does not exist")
// https://help.nicecxone.com/content/Studio/actionscx/signal/signal.htm (up to nine parameters; the signalled script aborts what it does and jumps to its Onsignal, "if one is present")
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/signal/signal.htm (CXone Studio's table: its failure branch is Error, with _ERR holding a short explanation)
// The pages give Parameters as "a value (0-9) that indicates the number of parameters"; how the values are written is not shown: see the README's [chosen] rules.

export const signal: ActionDefinition = {
  type: 'Signal',
  category: 'Flow',
  // Supported Script Types: the seven ACD types on both the Studio page (https://help.nice-incontact.com/content/studio/actionscx/signal/signal.htm) and the Desktop page (https://help.nice-incontact.com/content/studio/actions/signal/signal.htm).
  scriptTypes: acdScriptTypes,
  summary: 'Interrupts another running script, whose OnSignal runs with SP1, SP2, ...',
  description:
    `Signals the contact whose id ContactID holds (typically SPAWNID saved by a Spawn, or an id passed as a parameter): that script aborts whatever it is doing, the action it is in is cut short, and it jumps to its OnSignal with SP1, SP2, ... set to the values of Parameters (one per line, up to ${maxSignalParameters}, each at most ${maxSignalParameterChars / 1024} KB) and its source contact ID variable set to this contact's id. The signal arrives at the same virtual instant, once this script has gone as far as it can at that instant; a contact in a queue keeps its place there. A script without OnSignal is not changed by the signal, and Default is taken all the same (the trace says so). ContactID empty, unknown, or of a contact that has ended: OnError, with _ERR saying why. A script may signal itself: its own OnSignal then runs once this step is over.`,
  properties: {
    ContactID: { kind: 'template', required: true, label: 'Contact ID', schema: { type: ['string', 'integer'], minLength: 1, description: 'The contact id of the script to signal, usually a variable: {SPAWNID}, {CallerContactId}.', examples: ['{SPAWNID}', '{p1}'] } },
    Parameters: { kind: 'template', schema: { type: 'string', description: `The values sent, one per line (up to ${maxSignalParameters}), with {...} substitutions: they arrive as SP1, SP2, ... in the signalled script.`, examples: ['TechFound\n{TechName}', '{Result}'] } },
  },
  branches: [
    { name: 'Default', description: 'The signal was sent (or the signalled script has no OnSignal to run).' },
    { name: 'OnError', description: 'No running contact has that id (empty, unknown, or ended), or the parameters are over the limits; _ERR says why.' },
  ],
  formerBranches: {
    Error: { now: 'OnError', hint: 'The CXone Studio page names the failure branch Error; studio-sim uses the Desktop Studio name, OnError.' },
  },
  outputs: ['_ERR'],
  example: 'tell_caller: { type: Signal, properties: { ContactID: "{CallerId}", Parameters: "TechFound\\n{TechName}" }, branches: { Default: goodbye, OnError: goodbye } }',
  run(runtime) {
    const fail = (reason: string) => {
      runtime.setVariable('_ERR', reason);
      runtime.note(`${reason}; _ERR is set`);
      return { branch: 'OnError' };
    };
    const parameters = parameterLines(runtime.text('Parameters'));
    if (parameters.length > maxSignalParameters) return fail(`Parameters has ${parameters.length} values; a signal carries at most ${maxSignalParameters} (SP1 to SP9)`);
    const long = parameters.findIndex((value) => value.length > maxSignalParameterChars);
    if (long >= 0) return fail(`SP${long + 1} is ${(parameters[long] as string).length} characters, over the ${maxSignalParameterChars / 1024} KB a signal parameter may hold`);
    const sent = runtime.signal(runtime.text('ContactID'), parameters);
    if (!sent.ok) return fail(sent.error);
    runtime.note(sent.note);
    return { branch: 'Default' };
  },
  check(action, context) {
    const written = action.properties['Parameters'];
    const count = typeof written === 'string' ? parameterLines(written).length : 0;
    if (count > maxSignalParameters) {
      context.report(['actions', action.id, 'properties', 'Parameters'], {
        code: 'invalid-value',
        severity: 'error',
        message: `Signal "${action.id}" sends ${count} parameters; a signal carries at most ${maxSignalParameters} (SP1 to SP9)`,
        hint: `Keep ${maxSignalParameters} lines, or send several values in one JSON text.`,
      }, 'value');
    }
  },
};

