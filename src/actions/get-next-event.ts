import { chosenRules } from './rules.ts';
import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate, template, variableName } from './schema-parts.ts';

export const getNextEvent: ActionDefinition = {
  type: 'GetNextEvent',
  category: 'Agent events',
  summary: 'Waits for the next events of a joined agent session.',
  description:
    'Long-polls the agent session SessionId for up to Timeout seconds (0-60), like `GET /agent-sessions/{sessionId}/get-next-event`. Events that arrive are taken from the stream (each event goes to one poll only), stored as a list in EventMessagesVariable, and OnNewEvents follows; no event in time follows OnNoEvents. OnSessionEnded, OnInvalidAgentSession and OnInvalidTimeout report those failures; each unwired branch falls back to Default.',
  waits: true,
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
  run(runtime) {
    const sessionId = runtime.text('SessionId').trim();
    const timeout = runtime.number('Timeout');
    if (timeout === undefined || !Number.isInteger(timeout) || timeout < 0 || timeout > 60) {
      runtime.note(`Timeout ${JSON.stringify(runtime.value('Timeout'))} is not a whole number from 0 to 60`);
      return { branch: 'OnInvalidTimeout' };
    }
    const session = runtime.agents.session(sessionId);
    if (!session) {
      runtime.note(`no session has the id ${JSON.stringify(sessionId)}`);
      return { branch: 'OnInvalidAgentSession' };
    }
    if (!session.open) {
      runtime.note(`session ${sessionId} has ended`);
      return { branch: 'OnSessionEnded' };
    }
    const variable = runtime.text('EventMessagesVariable') || 'EventMessages';
    runtime.note(`polls session ${sessionId} of agent ${session.agentId} for up to ${timeout} s`);
    return {
      branch: 'OnNoEvents',
      afterMs: seconds(timeout),
      until: (settle) =>
        runtime.agents.poll(sessionId, (result) => {
          if (result.kind === 'ended') {
            settle('OnSessionEnded');
            return;
          }
          const names = result.events.map((e) => String(e['eventName'] ?? e['Type'] ?? e['type'] ?? '?')).join(', ');
          settle('OnNewEvents', () => {
            runtime.setVariable(variable, result.events);
            runtime.note(`got ${result.events.length} event${result.events.length === 1 ? '' : 's'} (${names}) into ${variable} (${chosenRules.onePollPerEvent})`);
          });
        }),
    };
  },
};
