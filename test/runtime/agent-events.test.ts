import { describe, expect, it } from 'vitest';
import { agentStateMessage, callContactMessage, sessionEndMessage, sessionStartMessage } from '../../src/runtime/agent-events.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { AgentEventStream, sessionIdText } from '../../src/runtime/event-stream.ts';

describe('agent event shapes, as the vendor agent SDK parses them', () => {
  it('AgentState lists its next states as objects of State and OutReason, with the ACW fields', () => {
    expect(agentStateMessage('Unavailable', '2026-01-01T09:00:00.000Z', 'Lunch')).toEqual({
      Type: 'AgentState',
      CurrentState: 'Unavailable',
      CurrentOutReason: 'Lunch',
      StartTimeUTC: '2026-01-01T09:00:00.000Z',
      NextStates: [
        { State: 'Available', OutReason: '' },
        { State: 'LoggedOut', OutReason: '' },
      ],
      IsAcw: 'False',
      NextIsAcw: 'False',
      AcwTimeout: '0',
      IISHost: 'studio-sim',
      VCHost: 'studio-sim',
    });
  });

  it('CallContactEvent is a regular inbound call whose last event is final', () => {
    const fields = { contactId: 'contact-1', ani: '5551234567', dnis: '8005550100', skill: '3', startTimeUtc: '2026-01-01T09:00:00.000Z', lastStateChangeTimeUtc: '2026-01-01T09:00:05.000Z' };
    expect(callContactMessage({ ...fields, status: 'Incoming' })).toMatchObject({ ContactID: 'contact-1', MasterID: 'contact-1', CallType: 'Regular', IsInbound: 'True', Skill: '3', ScreenPopUrl: '', OriginalState: 'True', FinalState: 'False', DisconnectCode: '', StartTimeUTC: fields.startTimeUtc, LastStateChangeTimeUTC: fields.lastStateChangeTimeUtc });
    expect(callContactMessage({ ...fields, status: 'Disconnected' })).toMatchObject({ Status: 'Disconnected', FinalState: 'True', DisconnectCode: 'None' });
  });

  it('AgentSessionStart carries the station; AgentSessionEnd says the session ended', () => {
    expect(sessionStartMessage('1001', 's-1', { stationId: 'st', stationPhoneNumber: '555' })).toMatchObject({ Type: 'AgentSessionStart', AgentId: '1001', SessionId: 's-1', StationId: 'st', StationPhoneNumber: '555', StationCallerId: '555' });
    expect(sessionEndMessage()).toEqual({ Type: 'AgentSessionEnd', Message: 'The agent session has ended', Success: 'True', IISHost: 'studio-sim', VCHost: 'studio-sim' });
  });
});

describe('session ids', () => {
  it('never contain "60", which the SDK\'s poll retry rewrites', () => {
    expect(sessionIdText('1001-session-1')).toBe('1001-session-1');
    expect(sessionIdText('1060-session-60')).toBe('106-0-session-6-0');
    expect(sessionIdText('6060')).not.toContain('60');
    const stream = new AgentEventStream(new VirtualClock());
    const ids: string[] = [];
    for (const agent of ['60', '160', '1601', '6-0']) {
      stream.addAgent(agent);
      for (let n = 0; n < 70; n++) {
        const id = stream.startSession(agent);
        ids.push(id);
        stream.endSession(id);
      }
    }
    expect(ids.filter((id) => id.includes('60'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
