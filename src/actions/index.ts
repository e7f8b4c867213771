import { agentState } from './agent-state.ts';
import { assign } from './assign.ts';
import { begin } from './begin.ts';
import { blindXfer } from './blind-xfer.ts';
import { capture } from './capture.ts';
import { caseAction } from './case.ts';
import { customEvent } from './custom-event.ts';
import { end } from './end.ts';
import { getNextEvent } from './get-next-event.ts';
import { hangup } from './hangup.ts';
import { hours } from './hours.ts';
import { ifAction } from './if.ts';
import { joinAgentSession } from './join-agent-session.ts';
import { loop } from './loop.ts';
import { menu } from './menu.ts';
import { music } from './music.ts';
import { onAnswer } from './on-answer.ts';
import { onHold } from './on-hold.ts';
import { onRelease } from './on-release.ts';
import { onSignal } from './on-signal.ts';
import { placeCall } from './place-call.ts';
import { play } from './play.ts';
import { playlog } from './playlog.ts';
import { reqagent } from './reqagent.ts';
import { restApi } from './rest-api.ts';
import { returnAction } from './return.ts';
import { runScript } from './run-script.ts';
import { runsub } from './runsub.ts';
import { reskill } from './reskill.ts';
import { updateContact } from './update-contact.ts';
import { spawn } from './spawn.ts';
import { stop } from './stop.ts';
import { setSecurityUser } from './set-security-user.ts';
import { signal } from './signal.ts';
import { terminateAgentSession } from './terminate-agent-session.ts';
import { transfer } from './transfer.ts';
import { snippet } from './snippet.ts';
import type { ActionDefinition } from './types.ts';
import { wait } from './wait.ts';

/** Every action type studio-sim knows, in the order the docs list them. */
export const actionDefinitions: readonly ActionDefinition[] = [
  begin,
  menu,
  capture,
  play,
  music,
  playlog,
  assign,
  ifAction,
  caseAction,
  snippet,
  restApi,
  loop,
  wait,
  reqagent,
  updateContact,
  reskill,
  hours,
  transfer,
  placeCall,
  onAnswer,
  onRelease,
  onHold,
  agentState,
  setSecurityUser,
  joinAgentSession,
  getNextEvent,
  terminateAgentSession,
  customEvent,
  runsub,
  returnAction,
  runScript,
  spawn,
  signal,
  onSignal,
  hangup,
  blindXfer,
  end,
  stop,
];

const byType = new Map(actionDefinitions.map((d) => [d.type, d]));

export function actionDefinition(type: string): ActionDefinition | undefined {
  return byType.get(type);
}

export const actionTypes: readonly string[] = actionDefinitions.map((d) => d.type);

export type { ActionDefinition, ScriptAction, PropertySpec, BranchSpec, JsonSchema, CheckContext, FormerName } from './types.ts';
export { variableNamePattern } from './schema-parts.ts';
