/**
 * The parts of the vendor's agent SDK the tests call, typed from its
 * shipped declarations (the bundle itself is plain JavaScript).
 */
export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

export interface SdkResponse {
  status: number;
  data: Record<string, unknown>;
}

export interface AgentStateEvent {
  currentState: { state: string; reason: string; startTime: number; isACW: boolean };
  nextState?: { state: string; reason: string };
}

export interface CallContactEvent {
  contactId: string;
  masterId: string;
  status: string;
  callType: string;
  isInbound: boolean;
  skill: string;
  ani: string;
  dnis: string;
  screenPopUrl: string;
  originalState: boolean;
  finalState: boolean;
  disconnectCode: string;
  startTimeUtc: Date;
  lastStateChangeTimeUtc: Date;
}

export interface SessionChange {
  status: string;
  data: Record<string, unknown>;
}

export type RawEvent = Record<string, unknown>;

export interface AcdSessionManager {
  initialize(token: string, config: { acdApiBaseUri: string }, userInfo: { icAgentId: string }): void;
  startSession(request: { stationId: string; stationPhoneNumber: string }): Promise<SdkResponse>;
  joinSession(options?: { agentId?: string }): Promise<SdkResponse>;
  endSession(request: { forceLogoff: boolean; endContacts: boolean; ignorePersonalQueue: boolean }): Promise<SdkResponse>;
  getSessionId(): string;
  onGetNextEvent: Subscribable<RawEvent[]>;
  agentStateSubject: Subscribable<AgentStateEvent>;
  callContactEventSubject: Subscribable<CallContactEvent>;
  onAgentSessionChange: Subscribable<SessionChange>;
  screenPopSubject: Subscribable<{ contactId: string; screenpopUrl: string }>;
}

export interface AgentSdk {
  CXoneLeaderElector: { instance: { start(): void; isLeader: boolean; onLeaderChanged: Subscribable<boolean> } };
  ACDSessionManager: { instance: AcdSessionManager };
  AdminService: { instance: { initialize(token: string, config: { acdApiBaseUri: string }, userInfo: { icAgentId: string }): void } };
  ContactService: new () => { acceptContact(contactId: string): Promise<SdkResponse> };
  VoiceControlService: new () => { holdContact(contactId: string): Promise<SdkResponse>; resumeContact(contactId: string): Promise<SdkResponse>; endContact(contactId: string): Promise<SdkResponse> };
  AgentStateService: { instance: { setAgentState(state: { state: string; reason: string }): Promise<SdkResponse> } };
  CXoneAuth: { instance: { setCXoneConfig(config: { acdApiBaseUri: string }): void; setAuthToken(token: { accessToken: string }): void } };
}
