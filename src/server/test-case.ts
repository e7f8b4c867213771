import { stringify } from 'yaml';
import type { Contact } from '../runtime/contact.ts';
import { failedReasons, type CustomEventTrace } from '../runtime/report.ts';

type Data = Record<string, unknown>;

/** Seconds as a scenario writes them (whole milliseconds, no float noise). */
const seconds = (ms: number): number => Math.round(ms) / 1000;

/**
 * A `*.test.yaml` with one case that replays a live run: the keys the caller
 * pressed at each Menu or Capture, when, and the hang-up, laid over the
 * scenario the world started from; it expects the run's path, custom events
 * and outcome. Agents someone handled by hand (logins, answers) are not
 * replayed, and the file says so.
 */
export function testCaseFromRun(options: { scriptName: string; contact: Contact; customEvents: readonly CustomEventTrace[]; scenario: Data; handledByHand: boolean }): string {
  const { contact, scenario } = options;
  const input = contact.liveEntries.map((entry) => (entry.digits === '' ? { silence: true } : { digits: entry.digits, after: seconds(entry.lastAt - entry.startedAt) }));
  const baseCaller = (scenario['caller'] as Data | undefined) ?? {};
  const caller: Data = { ...baseCaller, input };
  delete caller['hangupAfter'];
  if (contact.hungUpAt !== undefined) caller['hangupAfter'] = seconds(contact.hungUpAt - contact.startedAt);
  const expect: Data = {
    path: contact.steps.map((step) => step.action),
    customEvents: options.customEvents.map((event) => ({ agentId: event.agentId, eventName: event.eventName, data: event.data, delivery: event.delivery })),
  };
  if (contact.done) {
    expect['outcome'] = contact.reason !== undefined && failedReasons.has(contact.reason) ? 'failed' : 'ended';
    expect['reason'] = contact.reason;
  }
  const file = {
    script: `${options.scriptName}.yaml`,
    cases: [{ name: `replays ${contact.id} from the playground`, scenario: { ...scenario, caller }, expect }],
  };
  const header = [
    `# Made by the studio-sim playground from ${contact.id}${contact.done ? '' : ' (still running when this was made: the case expects what had happened so far)'}.`,
    `# Save the script beside it as ${options.scriptName}.yaml, then: npx studio-sim test ${options.scriptName}.test.yaml`,
    ...(options.handledByHand ? ['# Agents were logged in or out, or answered, by hand during the run: the scenario', '# does not replay that, so the case may take another path until you add it (loginAfter, answerAfter).'] : []),
  ];
  return `${header.join('\n')}\n${stringify(file, { lineWidth: 0, flowCollectionPadding: true })}`;
}
