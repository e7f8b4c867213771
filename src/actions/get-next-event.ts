import { chosenRules } from './rules.ts';
import { actingAgent } from './set-security-user.ts';
import { toText, type Value } from '../expression/values.ts';
import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate, securityUserProperty, variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

// Vendor pages: https://help.nicecxone.com/content/studio/actionscx/getagentevents/getagentevents.htm (Studio)
// and https://help.incontact.com/Content/Studio/Actions/GETAGENTEVENTS/GETAGENTEVENTS.htm (Desktop Studio).

export const getNextEvent: ActionDefinition = {
  type: 'GetNextEvent',
  category: 'Agent events',
  // Supported Script Types: all eight on the Studio page (https://help-test.nice-incontact.com/content/studio/actionscx/getagentevents/getagentevents.htm); the older Desktop copy lists the seven ACD types (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Waits for the next events of a joined agent session.',
  description:
    'Acting as the security user in the variable SecurityUser names, long-polls the agent session whose id the variable SessionId names holds, for up to Timeout seconds (0-60), like `GET /agent-sessions/{sessionId}/get-next-event`. Every answer hands out a new session id, stored back in that variable for the next poll, and the events since the previous poll, stored as a list in the variable EventMessages names: OnNewEvents when there are some, OnNoEvents when Timeout passes without any. Polling with an id older than the newest one a poll of the session handed out takes OnEventMissed (a newer poll took the events since; the variable gets a new id and the list is empty). OnSessionEnded when the session has ended, OnInvalidAgentSession when no session has the id, OnInvalidSecurityUser when the variable holds no security user, OnInvalidTimeout when Timeout is not a whole number from 0 to 60. Each unwired branch falls back to Default.',
  waits: true,
  properties: {
    SecurityUser: securityUserProperty(),
    SessionId: {
      ...variableName('variableRead', 'The variable holding the session id to poll with (JoinAgentSession stored it); each answer stores the id for the next poll back in it. A name without braces.', ['SessionId', 'MonitorSession'], 'SessionId'),
      label: 'Session Id',
    },
    EventMessages: {
      ...variableName('variableWrite', 'The variable that receives the list of events since the previous poll.', ['EventMessages', 'MonitorEvents'], 'EventMessages'),
      label: 'Event Messages',
    },
    Timeout: numberOrTemplate('Seconds to wait for an event, 0 to 60.', { minimum: 0, maximum: 60, default: 10, integer: true }, [10, 60, '{PollSeconds}']),
  },
  branches: [
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
    { name: 'OnNewEvents', description: 'One or more events arrived.' },
    { name: 'OnNoEvents', description: 'Timeout passed without an event.' },
    { name: 'OnEventMissed', description: 'The session id is older than the newest one a poll handed out: that newer poll took the events.' },
    { name: 'OnSessionEnded', description: 'The session has ended (before or during the poll).' },
    { name: 'OnInvalidAgentSession', description: 'No session has that id.' },
    { name: 'OnInvalidSecurityUser', description: 'The SecurityUser variable holds no security user SetSecurityUser made.' },
    { name: 'OnInvalidTimeout', description: 'Timeout is not a whole number from 0 to 60.' },
  ],
  formerProperties: {
    EventMessagesVariable: { now: 'EventMessages', hint: 'The vendor\'s property EventMessages names the variable that receives the events.' },
  },
  example: [
    'next_event:',
    '  type: GetNextEvent',
    '  properties: { SessionId: MonitorSession, EventMessages: MonitorEvents, Timeout: 30 }',
    '  branches: { OnNewEvents: handle_events, OnNoEvents: next_event, OnEventMissed: next_event, OnSessionEnded: done }',
  ].join('\n'),
  run(runtime) {
    const acting = actingAgent(runtime);
    if ('problem' in acting) {
      runtime.note(acting.problem);
      return { branch: 'OnInvalidSecurityUser' };
    }
    const timeout = runtime.number('Timeout');
    if (timeout === undefined || !Number.isInteger(timeout) || timeout < 0 || timeout > 60) {
      runtime.note(`Timeout ${JSON.stringify(runtime.value('Timeout'))} is not a whole number from 0 to 60`);
      return { branch: 'OnInvalidTimeout' };
    }
    const sessionVariable = runtime.text('SessionId') || 'SessionId';
    const eventsVariable = runtime.text('EventMessages') || 'EventMessages';
    const heldId = toText(runtime.getVariable(sessionVariable)).trim();
    const session = runtime.agents.session(heldId);
    if (!session) {
      runtime.note(heldId === '' ? `${sessionVariable} is empty: JoinAgentSession stores the session id there` : `no session has the id ${heldId}`);
      return { branch: 'OnInvalidAgentSession' };
    }
    if (!session.open) {
      runtime.note(`session ${session.sessionId} of agent ${session.agentId} has ended`);
      return { branch: 'OnSessionEnded' };
    }
    const { sessionId } = session;
    /** Each answer carries the id for the next poll and the events since this one. */
    const answer = (events: readonly Value[], said: string) => () => {
      const next = runtime.agents.nextPollId(sessionId);
      runtime.setVariable(sessionVariable, next);
      runtime.setVariable(eventsVariable, events);
      runtime.note(`${said}; ${sessionVariable} = ${next} for the next poll`);
    };
    if (session.stale) {
      runtime.note(`${heldId} is older than the newest id a poll of session ${sessionId} handed out, so that poll took the events since (${chosenRules.eventMissed})`);
      return { branch: 'OnEventMissed', onTaken: answer([], `${eventsVariable} is empty`) };
    }
    runtime.note(`polls session ${sessionId} of agent ${session.agentId} for up to ${timeout} s`);
    return {
      branch: 'OnNoEvents',
      afterMs: seconds(timeout),
      onTaken: answer([], `no event in ${timeout} s; ${eventsVariable} is empty`),
      until: (settle) =>
        runtime.agents.poll(sessionId, (result) => {
          if (result.kind === 'ended') {
            settle('OnSessionEnded', () => runtime.note(`session ${sessionId} ended while polling`));
            return;
          }
          const names = result.events.map((e) => String(e['eventName'] ?? e['Type'] ?? e['type'] ?? '?')).join(', ');
          const count = `${result.events.length} event${result.events.length === 1 ? '' : 's'}`;
          settle('OnNewEvents', answer(result.events, `got ${count} (${names}) into ${eventsVariable} (${chosenRules.onePollPerEvent})`));
        }),
    };
  },
};
