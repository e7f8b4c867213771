import type { CustomEventRecord, TransferRecord } from '../actions/types.ts';
import type { Value } from '../expression/values.ts';
import type { AgentEvent, AgentStateName } from './agent-events.ts';
import type { HttpRecord } from './http.ts';
import type { SpawnedContact } from './spawned.ts';

/** Why a contact's run ended, as reports and test files name it. */
export const runReasons = ['End', 'Hangup', 'CallerHungUp', 'AgentHungUp', 'Transferred', 'Stopped', 'NoBranch', 'StepLimit', 'TimeLimit', 'ValueLimit', 'UnmatchedRequest', 'CallDepth'] as const;

export type RunReason = (typeof runReasons)[number];

/** Reasons that mean the run failed (a budget ran out, a REST call had no mock, or subscripts went too deep) rather than ended. */
export const failedReasons: ReadonlySet<RunReason> = new Set(['StepLimit', 'TimeLimit', 'ValueLimit', 'UnmatchedRequest', 'CallDepth']);

/** One action run: when it took its branch, which, and where to. */
export interface Step {
  at: number;
  /** Order of happening among steps and world events of the run (several share a virtual time). */
  seq: number;
  action: string;
  type: string;
  /** The file of the script the action is in, when it is not the contact's main script (a subscript, or one RunScript handed over to). */
  script?: string;
  /** The wired branch followed (after falling back to Default); null when none was, or the step was pre-empted. */
  branch: string | null;
  /** The action's own outcome when it differs from the branch followed (Capture's Timeout falling back to Default). */
  outcome?: string;
  next: string | null;
  /** Set when an event cut the step short: an event action (OnSignal: a signal arrived), or OffHold (the call came off hold and the OnHold logic was abandoned). */
  interruptedBy?: 'OnAnswer' | 'OnRelease' | 'OnHold' | 'OffHold' | 'OnSignal';
  /** Why, in plain words. */
  notes?: string[];
}

/** The file name (without folders) a step in another script is named after: `subs/Auth.yaml` gives `Auth.yaml`. */
export function scriptFileName(file: string): string {
  return file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

/**
 * How traces and test files name the action of a step: its id in the main
 * script, `<file name>:<id>` in a subscript or a script RunScript handed
 * over to (`Auth.yaml:check_pin`).
 */
export function stepPlace(step: Pick<Step, 'action' | 'script'>): string {
  return step.script === undefined ? step.action : `${scriptFileName(step.script)}:${step.action}`;
}

export interface CustomEventTrace extends CustomEventRecord {
  at: number;
  /** The contact whose script sent it; absent for events from outside (scenario, HTTP). */
  contactId?: string;
}

/** Something that happened in the simulated world rather than in the script. */
export interface WorldEvent {
  at: number;
  seq: number;
  kind: 'login' | 'logout' | 'state' | 'queued' | 'updated' | 'reskilled' | 'transferred' | 'offered' | 'answered' | 'callerHungUp' | 'agentHungUp' | 'hold' | 'resume' | 'delivered' | 'discarded' | 'external' | 'signaled' | 'contactEnded';
  agentId?: string;
  contactId?: string;
  text: string;
}

export interface AgentReport {
  state: AgentStateName;
  /** Every event the agent's session handed to a poll, in order. */
  received: AgentEvent[];
  /** Events not yet delivered: queued for the open session, or kept for the next login. */
  pending: AgentEvent[];
}

/** The result of one simulated contact: what `run --json` prints. */
export interface RunReport {
  script: string;
  file: string;
  contactId: string;
  outcome: 'ended' | 'failed';
  reason: RunReason;
  /** The reason in words, e.g. which actions a runaway loop went through. */
  message: string;
  elapsedMs: number;
  steps: Step[];
  customEvents: CustomEventTrace[];
  agents: Record<string, AgentReport>;
  variables: Record<string, Value>;
  world: WorldEvent[];
  /** The REST calls the contact made (RestApi and GetRESTProxy), in order, and how each was answered. */
  requests: HttpRecord[];
  /** Where the call went when a Transfer was answered or a BlindXfer ran; absent when it never left. */
  transfer?: TransferRecord;
  /** The contacts Spawn started during the run (present when there were any), with the path each took. */
  spawned?: SpawnedContact[];
  /** Every caller of the run when the scenario has background callers (`callers:`), the scenario's own as `caller`, in order of arrival. */
  callers?: CallerReport[];
}

/** One caller of a run with background callers: when it called, was queued and answered, and how it ended. */
export interface CallerReport {
  /** `caller` for the scenario's own caller, else its name under `callers:`. */
  name: string;
  contactId: string;
  arrivedAt: number;
  /** When a Reqagent first put it in the queue. */
  queuedAt?: number;
  /** When an agent answered it, and which. */
  answeredAt?: number;
  agentId?: string;
  /** How it ended, once it has. */
  reason?: RunReason;
  endedAt?: number;
}

/** The largest array index: setting it makes an object keep its integer keys in a dictionary. */
const largestIndex = 2 ** 32 - 2;

/**
 * An empty null-prototype record for keys that may look like numbers (agent
 * ids such as 1001). V8 keeps integer-like keys as array elements, so keys
 * 1001 and 2002 on a plain record grow a 3,000-slot array (about 37 KB for a
 * report of two agents); setting and deleting the largest index first makes
 * the record keep them in a small dictionary instead. Keys, order and JSON
 * are the same either way.
 */
export function idRecord<T>(): Record<string, T> {
  const record: Record<string, T> = Object.create(null);
  record[largestIndex] = undefined as T;
  delete record[largestIndex];
  return record;
}
