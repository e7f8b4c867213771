import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { VirtualClock, type RuntimeClock } from '../../src/runtime/clock.ts';
import type { Contact } from '../../src/runtime/contact.ts';
import { Simulation } from '../../src/runtime/simulation.ts';
import { ControlledClock } from '../../src/server/clock.ts';
import { emptyScenario } from '../../src/validate/scenario.ts';

// https://help.incontact.com/Content/Studio/Actions/MENU/MENU.htm (an unlinked key takes Default)
// https://help.nicecxone.com/zh-cn/content/Studio/actionscx/capture/capture.htm (the terminator is stored unless "#-"; keys wait in the digit buffer)

const script = `
name: keypad
actions:
  start: { type: Begin, next: menu }
  menu:
    type: Menu
    properties: { Timeout: 5, Variable: Choice }
    branches: { "1": account, Default: other }
  account:
    type: Capture
    properties: { Variable: Account, MaxDigits: 4, Terminator: "#", Timeout: 5, InterDigitTimeout: 3 }
    branches: { MaxDigits: done, Terminator: done, InterDigitTimeout: done, Timeout: silent }
  done: { type: End }
  silent: { type: End }
  other: { type: End }
`;

/** A live contact on the keypad script, on the given clock. */
function startLive(clock: RuntimeClock): { contact: Contact; world: Simulation } {
  const loaded = loadScriptText(script, 'keypad.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const world = new Simulation(clock, []);
  return { world, contact: world.startContact(loaded.compiled, emptyScenario(), { live: true }) };
}

/** A live contact on the keypad script; time moves only when the test says. */
function liveContact(): { clock: VirtualClock; contact: Contact; world: Simulation } {
  const clock = new VirtualClock();
  return { clock, ...startLive(clock) };
}

const branches = (contact: Contact) => contact.steps.map((s) => `${s.action}:${s.branch}${s.outcome ? `(${s.outcome})` : ''}`);

describe('a live caller at the keypad', () => {
  it('settles a menu with the key pressed while it waits, at that moment', () => {
    const { clock, contact } = liveContact();
    clock.increment(2_000);
    contact.press('1');
    expect(branches(contact)).toEqual(['start:Default', 'menu:1']);
    expect(contact.steps[1]?.at).toBe(2_000);
    expect(contact.steps[1]?.notes).toContain('entered 1: 1 key, MaxDigits');
    expect(contact.variables.get('Choice')).toBe('1');
  });

  it('sends a key without a linked branch to Default', () => {
    const { contact } = liveContact();
    contact.press('9');
    expect(branches(contact)).toEqual(['start:Default', 'menu:Default', 'other:null']);
    expect(contact.variables.get('Choice')).toBe('9');
  });

  it('lets a silent caller time out to Default, with Variable empty', () => {
    const { clock, contact } = liveContact();
    clock.increment(4_999);
    expect(contact.steps).toHaveLength(1);
    clock.increment(1);
    expect(branches(contact)).toEqual(['start:Default', 'menu:Default', 'other:null']);
    expect(contact.steps[1]?.notes).toContain('no key within 5 s');
    expect(contact.variables.get('Choice')).toBe('');
  });

  it('collects Capture digits one key at a time, each restarting the inter-digit timeout', () => {
    const { clock, contact } = liveContact();
    contact.press('1');
    clock.increment(4_000); // past the first-digit Timeout, but the first digit came in time
    contact.press('4');
    clock.increment(2_500);
    contact.press('2');
    clock.increment(2_999);
    expect(contact.done).toBe(false);
    clock.increment(1);
    expect(branches(contact)).toEqual(['start:Default', 'menu:1', 'account:InterDigitTimeout', 'done:null']);
    expect(contact.variables.get('Account')).toBe('42');
    expect(contact.steps[2]?.notes).toContain('entered 42, then no key for 3 s');
  });

  it('ends Capture on the terminator or at MaxDigits, and keeps keys pressed ahead for the next action', () => {
    const terminated = liveContact();
    terminated.contact.press('1');
    terminated.contact.press('77#');
    // The terminator is stored with the keys (it was not written "#-").
    expect(terminated.contact.variables.get('Account')).toBe('77#');
    expect(branches(terminated.contact)[2]).toBe('account:Terminator');

    const typedAhead = liveContact();
    typedAhead.contact.press('1123456');
    expect(branches(typedAhead.contact)).toEqual(['start:Default', 'menu:1', 'account:MaxDigits', 'done:null']);
    expect(typedAhead.contact.variables.get('Account')).toBe('1234');
  });

  it('records what the caller entered at each action, to replay the run', () => {
    const { clock, contact } = liveContact();
    clock.increment(1_500);
    contact.press('1');
    clock.increment(6_000);
    expect(contact.liveEntries.map(({ digits, startedAt, lastAt }) => ({ digits, after: lastAt - startedAt }))).toEqual([
      { digits: '1', after: 1_500 },
      { digits: '', after: 0 },
    ]);
  });

  it('takes no keys once the caller has hung up', () => {
    const { contact } = liveContact();
    contact.hangUp();
    contact.press('1');
    expect(contact.reason).toBe('CallerHungUp');
    expect(contact.hungUpAt).toBe(0);
  });
});

describe('a paused world', () => {
  it('holds each contact before its next action until it is run, without moving time', () => {
    // Serve's clock, running instantly until it is paused (no timer fires: nothing here waits for the event loop).
    const clock = new ControlledClock({ speed: 'instant' });
    const { contact, world } = startLive(clock);
    clock.set({ mode: 'paused' });
    expect(world.paused).toBe(true);
    contact.press('1');
    // Begin already ran when the contact started; the menu took the key; Capture is held.
    expect(branches(contact)).toEqual(['start:Default', 'menu:1']);
    expect(contact.held).toBe(true);
    expect(contact.currentAction).toBe('account');
    contact.press('99');
    expect(contact.runHeld()).toBe(true);
    expect(contact.held).toBe(false);
    contact.press('00');
    expect(branches(contact)).toEqual(['start:Default', 'menu:1', 'account:MaxDigits']);
    expect(contact.currentAction).toBe('done');
    expect(contact.runHeld()).toBe(true);
    expect(contact.done).toBe(true);
    expect(contact.runHeld()).toBe(false);
    expect(clock.now()).toBe(0);
  });
});
