import { checkParameterNames, parameterNames } from './begin.ts';
import { quoteValue } from './rules.ts';
import { variableName } from './schema-parts.ts';
import type { ActionDefinition } from './types.ts';
import { maxSignalParameters } from '../validate/signals.ts';
import { anyScriptType } from './script-types.ts';

// https://help.incontact.com/content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm (SrcContactIDVar, Parameters; one Onsignal per script; SP1 ... SPn; source 0 from a URL or web service)
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/onsignal/onsignal.htm (CXone Studio: Source Contact ID Variable)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm ("The Default branch condition will always be used")

/** The variables a signal's values always arrive in. */
export const signalParameterVariables = Array.from({ length: maxSignalParameters }, (_, index) => `SP${index + 1}`);

export const onSignal: ActionDefinition = {
  type: 'OnSignal',
  category: 'Events',
  // Supported Script Types: all eight (https://help.incontact.com/Content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm).
  scriptTypes: anyScriptType,
  summary: 'Runs when another script (or the API) signals this contact.',
  description:
    `An event action: no branch leads to it. When a Signal action of another script (or the scenario's \`signals\`, or the HTTP API's signal) reaches this contact, whatever the script is doing is cut short, even its OnRelease logic, and execution resumes here; a contact in a queue keeps its place there, so the agent may still answer it. The values arrive in SP1, SP2, ... (values not sent are not set; those a previous signal set are emptied); Parameters may also name variables that receive them, one name per line, in order. SrcContactIDVar receives the id of the contact that sent the signal, 0 for one from outside any script. A script has at most one OnSignal. A second signal arriving while the OnSignal logic runs cuts it short and starts it again with the new values.`,
  event: true,
  properties: {
    SrcContactIDVar: { ...variableName('variableWrite', 'The variable that receives the contact id of the script that sent the signal (0 for a signal from outside any script).', ['SourceId', 'TechContactId']), label: 'Source Contact ID Variable' },
    Parameters: { kind: 'value', schema: { type: 'string', description: `Up to ${maxSignalParameters} variable names, one per line, that receive SP1, SP2, ... as well.`, examples: ['Result\nTechName'] } },
  },
  branches: [{ name: 'Default', description: 'What to do with the signal: always taken.' }],
  outputs: signalParameterVariables,
  definesVariables(action) {
    const source = action.properties['SrcContactIDVar'];
    return [...(typeof source === 'string' && source !== '' ? [source] : []), ...parameterNames(action.properties['Parameters']).slice(0, maxSignalParameters)];
  },
  example: 'signalled: { type: OnSignal, properties: { SrcContactIDVar: TechContactId }, next: check_result }',
  run(runtime) {
    const received = runtime.signalReceived;
    if (received === undefined) return { branch: 'Default' };
    const names = parameterNames(runtime.value('Parameters'));
    const set: string[] = [];
    signalParameterVariables.forEach((variable, index) => {
      const value = received.parameters[index];
      if (value !== undefined) {
        runtime.setVariable(variable, value);
        set.push(`${variable} = ${quoteValue(value)}`);
      } else if (runtime.getVariable(variable) !== undefined) {
        // Values an earlier signal left would read as this one's.
        runtime.setVariable(variable, '');
      }
    });
    received.parameters.forEach((value, index) => {
      const name = names[index];
      if (name !== undefined) runtime.setVariable(name, value);
    });
    const source = runtime.text('SrcContactIDVar').trim();
    if (source !== '') runtime.setVariable(source, received.source);
    const from = received.source === '0' ? 'from outside any script (source contact ID 0)' : `by contact ${received.source}`;
    runtime.note(`signalled ${from}${set.length > 0 ? `: ${set.join(', ')}` : ', with no values'}${source !== '' ? `; ${source} = ${quoteValue(received.source)}` : ''}; whatever ran before was cut short`);
    return { branch: 'Default' };
  },
  check(action, context) {
    checkParameterNames('OnSignal', action, context, maxSignalParameters, 'names', `a signal carries at most ${maxSignalParameters} (SP1 to SP9)`);
  },

};
