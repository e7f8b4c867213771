import { describe, expect, it } from 'vitest';
import { idSeams } from '../../src/playground/id-seams.ts';

describe('idSeams', () => {
  it('cuts after the separators action ids use, keeping each separator with the part before it', () => {
    expect(idSeams('monitor_security')).toEqual(['monitor_', 'security']);
    expect(idSeams('authenticate.yaml:ask_pin')).toEqual(['authenticate.', 'yaml:', 'ask_', 'pin']);
    expect(idSeams('subs/bank-auth.yaml')).toEqual(['subs/', 'bank-', 'auth.', 'yaml']);
  });

  it('cuts inside camelCase, and leaves a seamless id whole', () => {
    expect(idSeams('checkHoursNow')).toEqual(['check', 'Hours', 'Now']);
    expect(idSeams('step2Go')).toEqual(['step2', 'Go']);
    expect(idSeams('ABC')).toEqual(['ABC']);
    expect(idSeams('hangup')).toEqual(['hangup']);
  });

  it('never loses or adds a character, nor cuts after a trailing separator', () => {
    for (const id of ['a__b', '_lead', 'trail_', 'x:y:z', 'a-B_c.D', '']) expect(idSeams(id).join('')).toBe(id);
    expect(idSeams('trail_')).toEqual(['trail_']);
  });
});
