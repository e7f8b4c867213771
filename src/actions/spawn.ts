import { parseDate } from '../expression/dates.ts';
import { template, variableName } from './schema-parts.ts';
import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/content/Studio/actionscx/spawn/spawn.htm (runs in parallel at once unless StartDate; Spawn ID Variable, SPAWNID)
// https://help.nicecxone.com/de/content/studio/actionscx/spawn/spawn.htm (Script Name: the script must be in the same folder as the caller)
// https://help.staging.nice-incontact.com/content/studio/actions/spawn/spawn.htm (Skill, StartDate, Parameters; SPAWNID is the spawned script's contact ID)
// https://help.nicecxone.com/ja/content/studio/fundamentals/spawnscriptcx.htm (1-20 parameters, 32 KB each, only those with values; no dynamic objects; 15,000 scripts)
// Its branch table is cut from every copy: the README's [chosen] rules say what studio-sim does.

/** Most parameters a Spawn passes (p1 to p20). */
export const maxSpawnParameters = 20;
/** Longest parameter value. */
export const maxSpawnParameterChars = 32 * 1024;

export const spawn: ActionDefinition = {
  type: 'Spawn',
  category: 'Flow',
  // Supported Script Types: the seven ACD types on the Studio page, Digital added on the Desktop page (https://help.nicecxone.com/content/Studio/actionscx/spawn/spawn.htm); either page listing a type is enough (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Starts another script, in parallel, as a contact of its own.',
  description:
    'Starts ScriptName (a script beside this one: Name, or folder/Name in a subfolder) once, as a new contact with its own ContactId, running on the same virtual clock while this script carries on; SpawnIDVar (SPAWNID) receives its contact ID. Parameters (one per line, up to 20, each at most 32 KB) arrive in its Begin as p1, p2, ... (a dynamic object reads as its JSON text). StartDate (a date/time such as 12/24/2026 9:00:00 AM) starts it then instead of now. The spawned script has no caller on the line; the run report lists it with the path it took. If it cannot start (no such script, the 15,000 running scripts a business unit allows), SpawnIDVar is empty, _ERR says why, and Default is taken all the same.',
  properties: {
    ScriptName: { ...template('The script to start: its name (the file name without .yaml) beside this script, or folder/Name in a subfolder.', ['ReminderCall', 'outbound/ReminderCall', '{ScriptToRun}'], { minLength: 1 }, true), label: 'Script Name' },
    SpawnIDVar: { ...variableName('variableWrite', 'The variable that receives the spawned script\'s contact ID.', ['SPAWNID', 'ReminderId'], 'SPAWNID'), label: 'Spawn ID Variable' },
    Skill: template('The skill of the spawned contact; Default is the point of contact\'s. studio-sim records it in the trace.', ['Default', 'Outbound'], { default: 'Default' }),
    StartDate: template('When to start it, a date/time in the business unit\'s time zone (M/d/yyyy h:mm:ss tt or yyyy-MM-ddTHH:mm:ss); empty: now.', ['12/24/2026 9:00:00 AM', '{CallbackAt}'], { default: '' }),
    Parameters: template('The values passed to the spawned script, one per line, p1 first, with {Variable} substitutions (up to 20).', ['{CallbackNumber}\n{ContactId}'], { default: '' }),
  },
  branches: [{ name: 'Default', description: 'The next action, at once: the spawned script runs on its own.' }],
  outputs: ['_ERR'],
  definesVariables(action) {
    const name = action.properties['SpawnIDVar'];
    return [typeof name === 'string' && name !== '' ? name : 'SPAWNID'];
  },
  example: 'call_back: { type: Spawn, properties: { ScriptName: ReminderCall, Parameters: "{ANI}" }, next: goodbye }',
  run(runtime) {
    const target = runtime.text('SpawnIDVar').trim() || 'SPAWNID';
    const name = runtime.text('ScriptName').trim();
    const fail = (reason: string) => {
      runtime.setVariable(target, '');
      runtime.setVariable('_ERR', reason);
      runtime.note(`${reason}; ${target} is empty`);
      return { branch: 'Default' };
    };
    if (name === '') return fail('ScriptName is empty: there is no script to spawn');
    const parameters: string[] = [];
    const written = runtime.text('Parameters');
    const lines = written === '' ? [] : written.split(/\r?\n/);
    if (lines.length > maxSpawnParameters) return fail(`Parameters has ${lines.length} values; Spawn passes at most ${maxSpawnParameters} (p1 to p20)`);
    for (let index = 0; index < lines.length; index++) {
      const text = lines[index] as string;
      if (text.length > maxSpawnParameterChars) return fail(`p${index + 1} is ${text.length} characters, over the 32 KB a Spawn parameter may hold`);
      parameters.push(text);
    }
    const startText = runtime.text('StartDate').trim();
    let startAt: number | undefined;
    if (startText !== '') {
      startAt = parseDate(startText);
      if (startAt === undefined) return fail(`StartDate "${startText}" is not a date/time (write e.g. 12/24/2026 9:00:00 AM)`);
    }
    const started = runtime.spawn({ scriptName: name, parameters, ...(startAt === undefined ? {} : { startAt }) });
    if (!started.ok) return fail(started.reason);
    runtime.setVariable(target, started.contactId);
    const skill = runtime.text('Skill').trim();
    runtime.note(`spawns ${name} as contact ${started.contactId}${started.delayMs > 0 ? `, starting in ${started.delayMs / 1000} s` : ''}${parameters.length > 0 ? ` with ${parameters.map((p, i) => `p${i + 1}=${JSON.stringify(p)}`).join(', ')}` : ''}${skill !== '' && skill !== 'Default' ? ` on skill ${skill}` : ''}`);
    return { branch: 'Default' };
  },
};
