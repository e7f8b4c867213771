/** A field of an agent event: text (the platform sends every scalar as a string), or a list or object of them. */
export type AgentEventField = string | readonly AgentEventField[] | { readonly [field: string]: AgentEventField };

/** Events as CXone's get-next-event returns them (field names as in the vendor's examples and its agent SDK). */
export type AgentEvent = { readonly [field: string]: AgentEventField };

import type { AgentStateName } from '../actions/types.ts';

export type { AgentStateName };

export const hostFields = { IISHost: 'studio-sim', VCHost: 'studio-sim' } as const;

/** The platform's booleans are the strings "True" and "False". */
const bool = (value: boolean): string => (value ? 'True' : 'False');

export function customEventMessage(eventName: string, data: string): AgentEvent {
  // A literal of fixed shape: compact in memory, and fast to make by the million.
  return { IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName, data };
}

/** The station an agent session was started with (POST agent-sessions sends one of the two). */
export interface Station {
  stationId: string;
  stationPhoneNumber: string;
}

export const noStation: Readonly<Station> = Object.freeze({ stationId: '', stationPhoneNumber: '' });

/** AgentSessionStart, received when a session is started or joined (the fields the vendor's agent SDK reads). */
export function sessionStartMessage(agentId: string, sessionId: string, station: Readonly<Station> = noStation): AgentEvent {
  return {
    Type: 'AgentSessionStart',
    BusNo: '1',
    AgentId: agentId,
    SessionId: sessionId,
    StationId: station.stationId,
    StationPhoneNumber: station.stationPhoneNumber,
    StationCallerId: station.stationPhoneNumber,
    DialerCampaign: '',
    SupervisorPermissionLevel: '0',
    CanMask: 'False',
    AgentSchedulePermission: 'False',
    ScoreRecordingsPermission: 'False',
    HideAgentStatePermission: '',
    CanMultiPartyConference: 'False',
    CanRecord: 'False',
    EnabledForMCH: 'False',
    ...hostFields,
  };
}

/** AgentSessionEnd: the last event of a session, before polls of it answer 409. */
export function sessionEndMessage(): AgentEvent {
  return { Type: 'AgentSessionEnd', Message: 'The agent session has ended', Success: 'True', ...hostFields };
}

/** The states an agent may go to next from each state, as the vendor's `NextStates` objects. */
const nextStates: Record<AgentStateName, readonly AgentEvent[]> = {
  LoggedOut: [{ State: 'Available', OutReason: '' }],
  Available: [
    { State: 'Unavailable', OutReason: '' },
    { State: 'LoggedOut', OutReason: '' },
  ],
  Unavailable: [
    { State: 'Available', OutReason: '' },
    { State: 'LoggedOut', OutReason: '' },
  ],
  InboundContact: [],
  LoggedIn: [
    { State: 'Available', OutReason: '' },
    { State: 'Unavailable', OutReason: '' },
    { State: 'LoggedOut', OutReason: '' },
  ],
  // States a scenario puts an agent in: it keeps them until it logs out.
  OutboundContact: [],
  InboundConsult: [],
  OutboundConsult: [],
  Dialer: [{ State: 'LoggedOut', OutReason: '' }],
};

/** AgentState: the agent's current state (with its unavailable reason) and where it may go next; studio-sim has no after-call work. */
export function agentStateMessage(state: AgentStateName, startTimeUtc: string, outReason = ''): AgentEvent {
  return {
    Type: 'AgentState',
    CurrentState: state,
    CurrentOutReason: outReason,
    StartTimeUTC: startTimeUtc,
    NextStates: nextStates[state],
    IsAcw: 'False',
    NextIsAcw: 'False',
    AcwTimeout: '0',
    ...hostFields,
  };
}

export type CallStatus = 'Incoming' | 'Active' | 'Holding' | 'Disconnected';

/**
 * CallContactEvent for a regular inbound call. `Skill` is the skill's id;
 * `FinalState` is true on the contact's last event (Disconnected), which is
 * what lets an agent application forget the contact.
 */
export function callContactMessage(fields: { contactId: string; masterId?: string; status: CallStatus; ani: string; dnis: string; skill: string; startTimeUtc: string; lastStateChangeTimeUtc?: string; screenPopUrl?: string }): AgentEvent {
  const final = fields.status === 'Disconnected';
  return {
    Type: 'CallContactEvent',
    ContactID: fields.contactId,
    // A spawned contact shares its parent's master ID; any other contact is its own master.
    MasterID: fields.masterId ?? fields.contactId,
    MediaType: 'Voice',
    Status: fields.status,
    OriginalState: 'True',
    FinalState: bool(final),
    CallType: 'Regular',
    IsInbound: 'True',
    ANI: fields.ani,
    DNIS: fields.dnis,
    Skill: fields.skill,
    StartTimeUTC: fields.startTimeUtc,
    LastStateChangeTimeUTC: fields.lastStateChangeTimeUtc ?? fields.startTimeUtc,
    ScreenPopUrl: fields.screenPopUrl ?? '',
    DisconnectCode: final ? 'None' : '',
    IsLogging: 'False',
    AllowDispositions: 'False',
    IsLinked: 'False',
    Label: '',
    ...hostFields,
  };
}

/** The name a consumer reads an event's type by: `Type`, or the vendor's lowercase `type`. */
export function eventType(event: AgentEvent): string {
  const type = event['Type'] ?? event['type'];
  return typeof type === 'string' ? type : '';
}
