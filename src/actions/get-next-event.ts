import type { ActionDefinition } from './types.ts';
import { numberOrTemplate, template, variableName } from './schema-parts.ts';

export const getNextEvent: ActionDefinition = {
  type: 'GetNextEvent',
  category: 'Agent events',
  summary: 'Waits for the next events of a joined agent session.',
  description:
    'Long-polls the agent session SessionId for up to Timeout seconds (0-60), like `GET /agent-sessions/{sessionId}/get-next-event`. Events that arrive are taken from the stream (each event goes to one poll only), stored as a list in EventMessagesVariable, and OnNewEvents follows; no event in time follows OnNoEvents. OnSessionEnded, OnInvalidAgentSession and OnInvalidTimeout report those failures; each unwired branch falls back to Default.',
  properties: {
    SessionId: template('The session to poll, usually the one JoinAgentSession stored.', ['{SessionId}'], { default: '{SessionId}' }),
    Timeout: numberOrTemplate('Seconds to wait for an event, 0 to 60.', { minimum: 0, maximum: 60, default: 10, integer: true }, [10, 60]),
    EventMessagesVariable: variableName('variableWrite', 'The variable that receives the list of events.', ['EventMessages'], 'EventMessages'),
  },
  branches: [
    { name: 'OnNewEvents', description: 'One or more events arrived.' },
    { name: 'OnNoEvents', description: 'Timeout passed without an event.' },
    { name: 'OnSessionEnded', description: 'The session was ended.' },
    { name: 'OnInvalidAgentSession', description: 'No session has that id.' },
    { name: 'OnInvalidTimeout', description: 'Timeout is not a whole number from 0 to 60.' },
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
  ],
  example: [
    'next_event:',
    '  type: GetNextEvent',
    '  properties: { SessionId: "{SessionId}", Timeout: 30 }',
    '  branches: { OnNewEvents: handle_events, OnNoEvents: next_event, OnSessionEnded: done }',
  ].join('\n'),
};
