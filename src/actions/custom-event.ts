import { chosenRules, formatTime } from './rules.ts';
import { toText } from '../expression/values.ts';
import type { ActionDefinition } from './types.ts';
import { boolean, template } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

export const customEvent: ActionDefinition = {
  type: 'CustomEvent',
  category: 'Agent events',
  // Supported Script Types: all eight on the Studio page (https://help-test.nice-incontact.com/content/studio/actionscx/customevent/customevent.htm); the Desktop copy lists the seven ACD types (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Sends a named event with data into an agent\'s event stream.',
  description:
    'Sends EventName with Data to the agent TargetAgent, or when TargetAgent is empty to the agent in AgentId (set by OnAnswer). With no target at all nothing is sent and OnAgentNotConnected follows. When the agent is connected (has an open session) the event is queued for it and Default follows. When not, PersistInMemory true keeps the event until the agent\'s next session (delivered right after AgentSessionStart), false drops it; either way OnAgentNotConnected follows (Default when unwired). An undelivered event with the same EventName (case-sensitive) is replaced by the new one.',
  properties: {
    TargetAgent: template('The agent to send to; empty means the AgentId variable set by OnAnswer.', ['{SupervisorId}', '1001', ''], { default: '' }),
    EventName: template('The event\'s name, case-sensitive; a newer undelivered event of the same name replaces the older.', ['CallerChoice', 'Menu_Choice'], { minLength: 1 }, true),
    PersistInMemory: boolean('Keep the event for an agent who is not connected, and deliver it when the agent logs in.', false),
    Data: template('The payload, text; write {{ and }} for literal braces, e.g. JSON.', ['pressed {DigitsEntered}', '{{"ani": "{ANI}"}}'], { default: '' }),
  },
  branches: [
    { name: 'Default', description: 'The target agent is connected; the event is queued for it.' },
    { name: 'OnAgentNotConnected', description: 'No target, or the target has no open session (the event was persisted or dropped).' },
  ],
  example: [
    'notify:',
    '  type: CustomEvent',
    '  properties: { TargetAgent: "{SupervisorId}", EventName: CallerChoice, PersistInMemory: true, Data: "pressed {DigitsEntered}" }',
    '  branches: { Default: wait_for_agent, OnAgentNotConnected: wait_for_agent }',
  ].join('\n'),
  run(runtime) {
    const eventName = runtime.text('EventName');
    const data = runtime.text('Data');
    const persist = runtime.value('PersistInMemory') === true;
    const written = runtime.text('TargetAgent').trim();
    const agentId = written || toText(runtime.getVariable('AgentId')).trim();
    if (!written) {
      const answered = runtime.answeredAt();
      runtime.note(
        agentId
          ? `TargetAgent is empty, so the target is AgentId = ${agentId}${answered === undefined ? '' : ` (set by OnAnswer at ${formatTime(answered)})`} (${chosenRules.targetFallback})`
          : `TargetAgent is empty and AgentId is not set, since no OnAnswer has run, so nothing is sent (${chosenRules.noTarget})`,
      );
    }
    if (!agentId) {
      runtime.agents.noTarget(eventName, data, persist);
      return { branch: 'OnAgentNotConnected' };
    }
    const delivery = runtime.agents.customEvent(agentId, eventName, data, persist);
    // Refused (the agent's backlog is at its limit) counts as not delivered, like a dropped event.
    return { branch: delivery === 'queued' ? 'Default' : 'OnAgentNotConnected' };
  },
  check(action, context) {
    const target = action.properties['TargetAgent'];
    const empty = target === undefined || target === null || (typeof target === 'string' && target.trim() === '');
    if (empty && context.reachableBeforeAnswer(action.id)) {
      context.report(['actions', action.id, 'properties'], {
        code: 'custom-event-no-target',
        severity: 'warning',
        message: `CustomEvent "${action.id}" has no TargetAgent and can run before any OnAnswer, when AgentId is still empty: the event would not be sent`,
        hint: 'Set TargetAgent (e.g. "{SupervisorId}"), or move the action after OnAnswer.',
      }, 'key');
    }
  },
};
