import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScript, runScript } from '../../src/api.ts';
import { runSuite } from '../../src/testing/runner.ts';
import { loadTestText } from '../../src/testing/test-file.ts';
import { emptyScenario } from '../../src/validate/scenario.ts';

const folder = join(import.meta.dirname, '..', 'fixtures', 'signal');

const suite = (cases: string) => {
  const loaded = loadTestText(`script: caller.yaml\nscenario: { variables: { Delay: 40 } }\ncases:\n${cases}`, 'signal/caller.test.yaml', folder);
  return loaded;
};
const results = (cases: string) => {
  const loaded = suite(cases);
  if (!loaded.suite) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return runSuite(loaded.suite, () => 0).results;
};

describe('test files: spawned contacts', () => {
  it('check a spawned contact\'s own path, branches, variables and reason', () => {
    const [result] = results(`  - name: the helper signals back
    expect:
      path: [begin, start_helper, pause, pause_again, signalled, done]
      spawned:
        - script: Helper
          action: start_helper
          reason: End
          path: [begin, think, tell, after, done]
          branches: { tell: Default }
          variables: { Told: "yes", CallerId: contact-1 }
`);
    expect(result?.failures).toEqual([]);
  });

  it('say which spawned expectation failed, under the entry, with what the spawned contact did', () => {
    const [result] = results(`  - name: wrong
    scenario: { variables: { Delay: 90 } }
    expect:
      spawned:
        - script: Helper
          path: [begin, think, tell, after, done]
          branches: { tell: Default }
          variables: { Told: "yes" }
        - script: Helper
`);
    expect(result?.failures.map((f) => [f.path, f.message])).toEqual([
      [['expect', 'spawned', 0, 'path', 3], 'spawned contact-2 (Helper): path: step 4 is "failed", not "after"'],
      [['expect', 'spawned', 0, 'branches', 'tell'], 'spawned contact-2 (Helper): branches: "tell" took OnError, never Default'],
      [['expect', 'spawned', 0, 'variables', 'Told'], 'spawned contact-2 (Helper): variables: Told is "no: contact \\"contact-1\\" has ended, so it cannot be signalled", not "yes"'],
      [['expect', 'spawned', 1], 'spawned: no contact of Helper was spawned after the ones matched before it (spawned: contact-2 (Helper, by start_helper, End))'],
    ]);
  });

  it('refuse, at line and column, a script that is not there, an action the spawned script lacks, a Spawn id that is not a Spawn, and a bad variable path', () => {
    const loaded = suite(`  - name: bad
    expect:
      spawned:
        - script: Helpr
        - script: Helper
          action: pause
          path: [begin, thnk]
          branches: { tell: Sent }
          variables: { "Told[": x }
`);
    expect(loaded.suite).toBeUndefined();
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 19, 'spawned: No script "Helpr": there is no signal/Helpr.yaml'],
      [9, 19, '"pause" is a Wait, not a Spawn: no contact is spawned there'],
      [10, 25, 'signal/Helper.yaml has no action "thnk"; did you mean "think"?'],
      [11, 29, 'Signal "tell" has no branch "Sent"'],
      [12, 24, expect.stringContaining('variables: ')],
    ]);
  });

  it('toHaveSpawned checks a run report the same way', () => {
    const loaded = loadScript(join(folder, 'caller.yaml'), {}, 'signal/caller.yaml');
    if (!loaded.ok) throw new Error('invalid');
    const report = runScript(loaded.compiled, { ...emptyScenario(), variables: { Delay: 5 } });
    expect(report).toHaveSpawned({ script: 'Helper', path: ['begin', 'think', 'tell', 'after', 'done'], variables: { Told: 'yes' } });
    expect(report).not.toHaveSpawned({ script: 'Other' });
    expect(() => expect(report).toHaveSpawned({ script: 'Helper', reason: 'Hangup' })).toThrow('spawned contact-2 (Helper): the contact ended with End, not Hangup (it ended with End)');
  });
});
