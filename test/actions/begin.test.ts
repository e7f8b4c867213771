import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

describe('Begin', () => {
  it('starts the contact and follows Default to the first action at time 0', () => {
    const report = runYaml(`name: BeginTest
actions:
  first: { type: Play, properties: { Sequence: '"%hello"' }, next: done }
  done: { type: End }
  begin: { type: Begin, next: first }
`);
    expect(path(report)).toEqual(['begin', 'first', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'first.Default']);
    expect(report.steps[0]).toMatchObject({ at: 0, action: 'begin', type: 'Begin', branch: 'Default', next: 'first' });
    expect(report.contactId).toBe('contact-1');
  });

  it('sets ANI, DNIS, ContactId and MediaType', () => {
    const report = runYaml(`name: BeginTest
mediaType: Chat
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`, 'caller: { ani: "5550001111", dnis: 8005559999 }');
    expect(report.variables).toMatchObject({ ANI: '5550001111', DNIS: '8005559999', ContactId: 'contact-1', MediaType: 'Chat' });
  });

  it('uses the default caller numbers and Phone when none are given', () => {
    const report = runYaml(`name: BeginTest
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`);
    expect(report.variables).toMatchObject({ ANI: '5551234567', DNIS: '8005550100', MediaType: 'Phone' });
  });

  it('sets the script variables, with the scenario\'s overriding them whatever the case of the name', () => {
    const report = runYaml(`name: BeginTest
variables: { SupervisorId: "1001", Language: en, Attempts: 0 }
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`, 'variables: { language: fr, Vip: "yes" }');
    expect(report.variables).toMatchObject({ SupervisorId: '1001', Language: 'fr', Attempts: 0, Vip: 'yes' });
    expect(report.variables['language']).toBeUndefined();
  });

  it('ends with NoBranch when it has no next', () => {
    const report = runYaml(`name: BeginTest
actions:
  begin: { type: Begin }
`);
    expect(path(report)).toEqual(['begin']);
    expect(edges(report)).toEqual([]);
    expect(report.steps[0]).toMatchObject({ at: 0, branch: null, next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.elapsedMs).toBe(0);
  });
});
