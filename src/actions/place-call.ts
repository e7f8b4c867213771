import { speaksDefaults, type NumberEntry } from '../validate/numbers.ts';
import { numberOrTemplate, template } from './schema-parts.ts';
import { seconds, type ActionDefinition, type ActionRuntime, type Outcome } from './types.ts';

// https://help.nicecxone.com/Content/studio/actions/placecall/placecall.htm (properties; Timeout limit 55 s; AMD holds the result about 7 s)
// https://help.staging.nice-incontact.com/content/studio/actions/placecall/placecall.htm (PhoneNumber ... MachineSilence, the branch names in the property text)
// https://help.incontact.com/content/Studio/Actions/PLACECALL/PLACECALL.htm (after NoAnswer, Busy, InvalidNumber or Error a Hangup is required)
// The branch table itself is cut from every copy searched: the README's [chosen] rules say how studio-sim decides.

export const detectionTypes = ['NONE', 'NOTIFYOFMACHINEASAP', 'NOTIFYOFMESSAGEEND'] as const;
type DetectionType = (typeof detectionTypes)[number];

/** How long answering machine detection holds the result ("AMD holds PlaceCall result responses for 7 seconds"). */
export const amdHoldMs = 7_000;
/** The platform's limit on Timeout. */
export const maxTimeoutSeconds = 55;

/** Defaults for properties left out: the pages give none, so these are studio-sim's (README, [chosen]). */
export const placeCallDefaults = {
  Timeout: 30,
  NoVoiceTimeout: 5,
  VoiceMinimum: 0,
  MaxLiveVoice: 3,
  LiveSilence: 1,
  MaxMachine: 0,
  MachineSilence: 1,
} as const;

/** A dialable number: an optional +, then 3 to 15 digits once spaces, dashes, dots and brackets are taken out (E.164 has at most 15). */
const dialable = /^\+?[0-9]{3,15}$/;

/** A seconds property as milliseconds, its default when left out or not a number, never negative. */
function ms(runtime: ActionRuntime, property: keyof typeof placeCallDefaults): number {
  const value = runtime.number(property);
  return seconds(Math.max(0, value === undefined || Number.isNaN(value) ? placeCallDefaults[property] : value));
}

/** Seconds of ringing before an entry's answer or failure when it does not say (the page gives none: README, [chosen]). */
export const placeCallAnswerAfterSeconds = 3;

/** A number's entry with Placecall's defaults filled in. */
interface Answer {
  answer: NumberEntry['answer'];
  afterMs: number;
  speaksMs: number;
}

function withDefaults(entry: NumberEntry): Answer {
  const speaksSeconds = entry.answer === 'machine' ? speaksDefaults.machineSeconds : speaksDefaults.personSeconds;
  return { answer: entry.answer, afterMs: entry.afterMs ?? seconds(placeCallAnswerAfterSeconds), speaksMs: entry.speaksMs ?? seconds(speaksSeconds) };
}

interface Result {
  branch: string;
  atMs: number;
  why: string;
}

/** What AMD makes of a call that was picked up at `answeredMs`. */
function classify(runtime: ActionRuntime, detection: Exclude<DetectionType, 'NONE'>, answer: Answer, answeredMs: number): Result {
  const held = (ms: number): number => answeredMs + Math.max(amdHoldMs, ms);
  const noVoice = ms(runtime, 'NoVoiceTimeout');
  const voiceMinimum = ms(runtime, 'VoiceMinimum');
  if (answer.answer === 'silence' || answer.speaksMs < voiceMinimum || answer.speaksMs === 0) {
    return { branch: 'NoVoice', atMs: held(noVoice), why: `picked up but no voice lasted VoiceMinimum within NoVoiceTimeout (${noVoice / 1000} s)` };
  }
  const maxLiveVoice = ms(runtime, 'MaxLiveVoice');
  const machine = answer.answer === 'machine' || answer.speaksMs > maxLiveVoice;
  const spoke = `${answer.speaksMs / 1000} s of voice`;
  if (!machine) {
    if (detection === 'NOTIFYOFMACHINEASAP') return { branch: 'LivePerson', atMs: held(answer.speaksMs), why: `a live person (${spoke}, no longer than MaxLiveVoice ${maxLiveVoice / 1000} s)` };
    const liveSilence = ms(runtime, 'LiveSilence');
    return { branch: 'LivePerson', atMs: held(answer.speaksMs + liveSilence), why: `a live person (${spoke}, then LiveSilence ${liveSilence / 1000} s of silence)` };
  }
  const reason = answer.answer === 'machine' ? 'an answering machine' : `a voice longer than MaxLiveVoice ${maxLiveVoice / 1000} s, so a machine`;
  if (detection === 'NOTIFYOFMACHINEASAP') return { branch: 'AnswerMachine', atMs: held(maxLiveVoice), why: `${reason}, reported as soon as it is known` };
  const maxMachine = ms(runtime, 'MaxMachine');
  if (maxMachine > 0 && answer.speaksMs > maxMachine) {
    return { branch: 'MachineTimeout', atMs: held(maxMachine), why: `${reason} whose message (${answer.speaksMs / 1000} s) runs past MaxMachine ${maxMachine / 1000} s` };
  }
  const machineSilence = ms(runtime, 'MachineSilence');
  return { branch: 'AnswerMachine', atMs: held(answer.speaksMs + machineSilence), why: `${reason}; its message ended after ${answer.speaksMs / 1000} s, then MachineSilence ${machineSilence / 1000} s` };
}

/** The result of dialling `number`, from the scenario's answer for it. */
function dial(runtime: ActionRuntime, number: string): Result {
  let timeoutSeconds = runtime.number('Timeout') ?? placeCallDefaults.Timeout;
  if (Number.isNaN(timeoutSeconds) || timeoutSeconds <= 0) timeoutSeconds = placeCallDefaults.Timeout;
  if (timeoutSeconds > maxTimeoutSeconds) {
    runtime.note(`Timeout ${timeoutSeconds} is over the ${maxTimeoutSeconds} s the platform allows, so ${maxTimeoutSeconds} is used`);
    timeoutSeconds = maxTimeoutSeconds;
  }
  const timeoutMs = seconds(timeoutSeconds);
  const digits = number.replace(/[\s\-.()]/g, '');
  if (!dialable.test(digits)) {
    return { branch: 'InvalidNumber', atMs: 0, why: number === '' ? 'PhoneNumber is empty' : `"${number}" is not a phone number (an optional + and 3 to 15 digits)` };
  }
  const entry = runtime.numberAnswer(number);
  const ringsOut = (why: string): Result => ({ branch: 'NoAnswer', atMs: timeoutMs, why: `${why}: no answer within Timeout ${timeoutSeconds} s` });
  if (entry === undefined) return ringsOut(`the scenario's numbers: has no entry for ${number} (add \`"${number}": { answer: person }\` under numbers:)`);
  const answer = withDefaults(entry);
  switch (answer.answer) {
    case 'busy':
      return { branch: 'Busy', atMs: answer.afterMs, why: 'the line is busy' };
    case 'invalid':
      return { branch: 'InvalidNumber', atMs: answer.afterMs, why: 'the network rejected the number' };
    case 'error':
      return { branch: 'Error', atMs: answer.afterMs, why: 'the call could not be placed' };
    case 'noAnswer':
      return ringsOut('it rings');
    default:
      break;
  }
  if (answer.afterMs > timeoutMs) return ringsOut(`it would be picked up after ${answer.afterMs / 1000} s`);
  const detection = (detectionTypes as readonly string[]).includes(runtime.text('DetectionType').trim().toUpperCase())
    ? (runtime.text('DetectionType').trim().toUpperCase() as DetectionType)
    : 'NONE';
  if (detection === 'NONE') return { branch: 'Default', atMs: answer.afterMs, why: 'picked up (DetectionType NONE does not tell a person from a machine)' };
  return classify(runtime, detection, answer, answer.afterMs);
}

const secondsProperty = (description: string, name: keyof typeof placeCallDefaults, label: string) => ({
  ...numberOrTemplate(description, { minimum: 0, maximum: 3600, default: placeCallDefaults[name] }, [placeCallDefaults[name], `{${name}}`]),
  label,
});

export const placeCall: ActionDefinition = {
  type: 'Placecall',
  category: 'Routing',
  summary: 'Dials an outbound call and tells a live person from an answering machine.',
  description:
    'Dials PhoneNumber showing CallerID. studio-sim answers from the scenario\'s `numbers:` (the entry for the number, or a pattern): busy, invalid and error come back after the entry\'s `after` seconds (Busy, InvalidNumber, Error with _ERR); a call not picked up within Timeout (at most 55 s) takes NoAnswer, as does a number with no entry. With DetectionType NONE a pick-up takes Default at once. Otherwise answering machine detection classifies it and holds the result at least 7 s: silence (or a voice shorter than VoiceMinimum) takes NoVoice after NoVoiceTimeout; a voice no longer than MaxLiveVoice is LivePerson (with NOTIFYOFMESSAGEEND after LiveSilence); a machine (or a longer voice) is AnswerMachine, as soon as known with NOTIFYOFMACHINEASAP, or after its message and MachineSilence with NOTIFYOFMESSAGEEND, or MachineTimeout when the message runs past MaxMachine (0: no limit). An event (OnRelease) cuts the dialling short. Placecall works in Phone scripts only.',
  waits: true,
  // Supported Script Types: Phone only (https://help.nicecxone.com/Content/studio/actions/placecall/placecall.htm, https://help.nicecxone.com/zh-hk/content/studio/actionscx/placecall/placecall.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Spawn a Phone script that places the call',
  properties: {
    PhoneNumber: { ...template('The number to dial, written or from a variable.', ['+15551230001', '{CallbackNumber}'], { minLength: 1 }, true), label: 'Phone Number' },
    CallerID: { ...template('The number the called party sees as Caller ID.', ['8005550100', '{DNIS}'], { default: '' }), label: 'Caller ID' },
    Timeout: { ...numberOrTemplate('Seconds to wait for an answer, from the first ring, before NoAnswer; at most 55.', { minimum: 1, maximum: maxTimeoutSeconds, default: placeCallDefaults.Timeout }, [30, '{RingSeconds}']) },
    DetectionType: {
      kind: 'value',
      schema: {
        type: 'string',
        enum: [...detectionTypes],
        default: 'NONE',
        description: 'NONE: no answering machine detection. NOTIFYOFMACHINEASAP: report a machine as soon as it is known (MaxMachine must be 0). NOTIFYOFMESSAGEEND: wait for the machine\'s message to end, to leave a message. Anything but NONE holds the result about 7 s.',
        examples: ['NOTIFYOFMESSAGEEND'],
      },
      label: 'Detection Type',
    },
    NoVoiceTimeout: secondsProperty('Seconds of silence accepted after the pick-up before NoVoice.', 'NoVoiceTimeout', 'Voice Timeout No'),
    VoiceMinimum: secondsProperty('Seconds a sound must last to count as a voice (shorter: NoVoice).', 'VoiceMinimum', 'Voice Minimum'),
    MaxLiveVoice: secondsProperty('A voice speaking longer than this many seconds is taken for a machine.', 'MaxLiveVoice', 'Max Live Voice'),
    LiveSilence: secondsProperty('Seconds of silence after the voice before LivePerson (NOTIFYOFMESSAGEEND only).', 'LiveSilence', 'Live Silence'),
    MaxMachine: secondsProperty('A machine message longer than this many seconds takes MachineTimeout; 0 means no limit (and is required with NOTIFYOFMACHINEASAP).', 'MaxMachine', 'Max Machine'),
    MachineSilence: secondsProperty('Seconds after the machine message ends before AnswerMachine (NOTIFYOFMESSAGEEND).', 'MachineSilence', 'Machine Silence'),
    LinkContactID: template('A contact to pre-link the new call to, so that party hears the ringback or busy tone; studio-sim records it in the trace.', ['{ContactId}'], { default: '' }),
    SourceLegPersistent: { kind: 'value', schema: { type: ['boolean', 'string'], description: 'Kept for scripts exported from Studio; studio-sim records it and does nothing more (the page\'s text for it is cut).', examples: [false] } },
  },
  branches: [
    { name: 'Default', description: 'Picked up with DetectionType NONE; also any result whose branch is not connected.' },
    { name: 'LivePerson', description: 'Answer machine detection heard a live person.' },
    { name: 'AnswerMachine', description: 'Answer machine detection heard an answering machine (with NOTIFYOFMESSAGEEND, once its message ended).' },
    { name: 'MachineTimeout', description: 'The machine\'s message ran past MaxMachine (NOTIFYOFMESSAGEEND).' },
    { name: 'NoVoice', description: 'Picked up, but no voice within NoVoiceTimeout.' },
    { name: 'NoAnswer', description: 'No answer within Timeout. Hang up or End after it.' },
    { name: 'Busy', description: 'The number is busy. Hang up or End after it.' },
    { name: 'InvalidNumber', description: 'The number is not valid. Hang up or End after it.' },
    { name: 'Error', description: 'The call could not be placed; _ERR says why. Hang up or End after it.' },
  ],
  outputs: ['_ERR'],
  example: [
    'call_customer:',
    '  type: Placecall',
    '  properties: { PhoneNumber: "{CallbackNumber}", CallerID: 8005550100, Timeout: 30, DetectionType: NOTIFYOFMESSAGEEND }',
    '  branches: { LivePerson: greet, AnswerMachine: leave_message, NoAnswer: hang_up, Busy: hang_up, Default: hang_up }',
  ].join('\n'),
  check(action, context) {
    const maxMachine = action.properties['MaxMachine'];
    if (action.properties['DetectionType'] === 'NOTIFYOFMACHINEASAP' && typeof maxMachine === 'number' && maxMachine !== 0) {
      context.report(['actions', action.id, 'properties', 'MaxMachine'], {
        code: 'placecall-detection-conflict',
        severity: 'warning',
        message: `Placecall "${action.id}" sets MaxMachine ${maxMachine} with DetectionType NOTIFYOFMACHINEASAP, which requires MaxMachine 0`,
        hint: 'Set MaxMachine to 0, or use NOTIFYOFMESSAGEEND to wait for the machine\'s message.',
      }, 'value');
    }
    if (action.properties['LiveSilence'] !== undefined && action.properties['DetectionType'] !== 'NOTIFYOFMESSAGEEND') {
      context.report(['actions', action.id, 'properties', 'LiveSilence'], {
        code: 'placecall-detection-conflict',
        severity: 'warning',
        message: `Placecall "${action.id}" sets LiveSilence, which only applies with DetectionType NOTIFYOFMESSAGEEND`,
        hint: 'Set DetectionType: NOTIFYOFMESSAGEEND, or remove LiveSilence.',
      }, 'key');
    }
  },
  run(runtime): Outcome {
    const number = runtime.text('PhoneNumber').trim();
    const callerId = runtime.text('CallerID').trim();
    const link = runtime.text('LinkContactID').trim();
    const persistent = runtime.text('SourceLegPersistent').trim();
    runtime.note(`dials ${number || '(nothing)'}${callerId === '' ? '' : ` as ${callerId}`}${link === '' ? '' : `, pre-linked to contact ${link}`}${persistent === '' ? '' : ` (SourceLegPersistent ${persistent})`}`);
    const result = dial(runtime, number);
    runtime.note(`${result.branch} after ${result.atMs / 1000} s: ${result.why}`);
    const onTaken = result.branch === 'Error' ? () => runtime.setVariable('_ERR', `Placecall could not place the call to ${number}`) : undefined;
    return { branch: result.branch, ...(result.atMs > 0 ? { afterMs: result.atMs } : {}), ...(onTaken ? { onTaken } : {}) };
  },
};
