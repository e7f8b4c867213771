/** Events as CXone's get-next-event returns them (field names as in the vendor's examples). */
export type AgentEvent = { readonly [field: string]: string | readonly string[] };

import type { AgentStateName } from '../actions/types.ts';

export type { AgentStateName };

export const hostFields = { IISHost: 'studio-sim', VCHost: 'studio-sim' } as const;

export function customEventMessage(eventName: string, data: string): AgentEvent {
  // A literal of fixed shape: compact in memory, and fast to make by the million.
  return { IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName, data };
}

export function sessionStartMessage(agentId: string, sessionId: string): AgentEvent {
  return { Type: 'AgentSessionStart', AgentId: agentId, SessionId: sessionId, BusNo: '1', StationId: '', StationPhoneNumber: '', ...hostFields };
}

const nextStates: Record<AgentStateName, readonly string[]> = {
  LoggedOut: ['Available'],
  Available: ['Unavailable', 'LoggedOut'],
  Unavailable: ['Available', 'LoggedOut'],
  InboundContact: [],
};

export function agentStateMessage(state: AgentStateName, startTimeUtc: string, outReason = ''): AgentEvent {
  return { Type: 'AgentState', CurrentState: state, CurrentOutReason: outReason, StartTimeUTC: startTimeUtc, NextStates: nextStates[state], ...hostFields };
}

export function callContactMessage(fields: { contactId: string; status: 'Incoming' | 'Active' | 'Holding' | 'Disconnected'; ani: string; dnis: string; skill: string; startTimeUtc: string }): AgentEvent {
  return {
    Type: 'CallContactEvent',
    ContactID: fields.contactId,
    Status: fields.status,
    ANI: fields.ani,
    DNIS: fields.dnis,
    Skill: fields.skill,
    StartTimeUTC: fields.startTimeUtc,
    ...hostFields,
  };
}

/** The name a consumer reads an event's type by: `Type`, or the vendor's lowercase `type`. */
export function eventType(event: AgentEvent): string {
  const type = event['Type'] ?? event['type'];
  return typeof type === 'string' ? type : '';
}
