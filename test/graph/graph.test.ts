import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { mermaidText, scriptGraph, toDot, toMermaid } from '../../src/graph/graph.ts';
import { runCli } from '../cli/helpers.ts';
import { runYaml } from '../helpers/run.ts';

const tricky = [
  'name: Tricky "quotes"',
  'actions:',
  '  begin: { type: Begin, next: end }',
  '  end: { type: Menu, caption: \'Say "hi" <now> #1\', properties: { Sequence: x }, branches: { "1": bye-bye, "2": end, Default: bye-bye } }',
  '  queue: { type: Reqagent, properties: { Skill: S }, next: bye-bye }',
  '  answered: { type: OnAnswer, next: bye-bye }',
  '  bye-bye: { type: Hangup }',
].join('\n');

function compiled(text: string) {
  const script = loadScriptText(text);
  if (!script.ok) throw new Error(script.diagnostics.map((d) => d.message).join('\n'));
  return script.compiled.script;
}

describe('graph', () => {
  it('Mermaid: generated node ids, escaped labels, shapes by role, event actions apart with pre-empts edges', () => {
    const text = toMermaid(scriptGraph(compiled(tricky)));
    // A caption shows the action's id beside its type: branches name ids.
    expect(text).toContain('n1{"Say #quot;hi#quot; #lt;now#gt; #35;1<br/><small>Menu · end</small>"}');
    expect(text).toContain('n0(["begin<br/><small>Begin</small>"])');
    expect(text).toContain('n4(("bye-bye<br/><small>Hangup</small>"))');
    expect(text).toMatch(/subgraph events\["Event actions: entered when their event happens"\]\n {4}n3\{\{"answered<br\/><small>OnAnswer<\/small>"\}\}\n {2}end/);
    expect(text).toContain('n1 -->|"2"| n1');
    expect(text).toContain('n2 -.->|"pre-empts: agent answers"| n3');
    // No action id appears as a Mermaid node id, so an action called `end` cannot close the subgraph.
    expect(text.split('\n').filter((line) => /^\s*end\b/.test(line))).toEqual(['  end']);
  });

  it('names what sets off each event action on its pre-empts edge: an answer, a hang-up, a hold', () => {
    const events = [
      'name: Events',
      'actions:',
      '  begin: { type: Begin, next: queue }',
      '  queue: { type: Reqagent, properties: { Skill: S }, next: wait }',
      '  wait: { type: Wait, properties: { Seconds: 30 }, next: wait }',
      '  answered: { type: OnAnswer, next: wait }',
      '  held: { type: OnHold, next: wait }',
      '  released: { type: OnRelease, next: bye }',
      '  bye: { type: Hangup }',
    ].join('\n');
    const cuts = scriptGraph(compiled(events)).edges.filter((e) => e.kind === 'preempts').map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(cuts.sort()).toEqual(['begin -> held: pre-empts: agent holds the call', 'begin -> released: pre-empts: caller hangs up', 'queue -> answered: pre-empts: agent answers']);
  });

  it('a run marks the path with step numbers; coverage marks branches no case took', () => {
    const script = compiled(tricky);
    const report = runYaml(tricky, 'caller: { input: ["1"] }');
    const graph = scriptGraph(script, { report, coverage: { file: 'x', script: 'x', actions: [], branches: [{ action: 'begin', branch: 'Default', target: 'end', line: 3, column: 1, taken: 1 }] } });
    const mermaid = toMermaid(graph);
    expect(mermaid).toContain('n0 -->|"Default (1)"| n1');
    expect(mermaid).toContain('n1 -->|"1 (2)"| n4');
    expect(mermaid).toMatch(/linkStyle 0 stroke:#2b8a3e/);
    expect(mermaid).toMatch(/linkStyle 2 stroke:#e03131/);
    expect(mermaid).toContain('class n0,n1,n4 visited');
    const dot = toDot(graph);
    expect(dot).toContain('"begin" -> "end" [label="Default (1)", color="#2b8a3e", penwidth=2.5];');
    expect(dot).toContain('"end" -> "end" [label="2", color="#e03131", fontcolor="#e03131"];');
    expect(dot).toContain('digraph "Tricky \\"quotes\\"" {');
  });

  it('mermaidText escapes what would break a quoted label', () => {
    expect(mermaidText('a "b" <c> #d\ne')).toBe('a #quot;b#quot; #lt;c#gt; #35;d e');
  });
});

describe('studio-sim graph', () => {
  const root = join(import.meta.dirname, '../..');

  it('draws the sample with a run and with the coverage of the tests beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-graph-'));
    const report = await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '3', '--json'], { cwd: root });
    writeFileSync(join(folder, 'report.json'), report.stdout);
    const run = await runCli(['graph', 'scripts/custom-event-sample.yaml', '--trace', join(folder, 'report.json'), '--coverage'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/-->\|"3 \(2\)"\|/);
    expect(run.stdout).not.toContain('stroke:#e03131');
  });

  it('svg through Graphviz, or a clear error where it is missing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-graph-'));
    const run = await runCli(['graph', 'scripts/first-custom-event.yaml', '--format', 'svg', '--output', join(folder, 'g.svg')], { cwd: root });
    if (spawnSync('dot', ['-V']).error) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('apt-get install graphviz');
    } else {
      expect(run.code).toBe(0);
      expect(readFileSync(join(folder, 'g.svg'), 'utf8')).toMatch(/<svg[\s\S]*Call arrived[\s\S]*<\/svg>/);
    }
  });

  it('refuses a report of another script and a file that is not a report', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-graph-'));
    writeFileSync(join(folder, 'other.json'), JSON.stringify({ steps: [{ action: 'nope' }] }));
    writeFileSync(join(folder, 'bad.json'), '{"hello": 1}');
    const other = await runCli(['graph', 'scripts/first-custom-event.yaml', '--trace', join(folder, 'other.json')], { cwd: root });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is the report of another script');
    const bad = await runCli(['graph', 'scripts/first-custom-event.yaml', '--trace', join(folder, 'bad.json')], { cwd: root });
    expect(bad.stderr).toContain('is not a run report');
    const usage = await runCli(['graph', 'scripts/first-custom-event.yaml', '--format', 'png'], { cwd: root });
    expect(usage.code).toBe(2);
  });
});

describe('labels carry ids', () => {
  it('Mermaid and DOT show the id beside a caption, and only the type when the caption is the id', () => {
    const graph = { title: 'T', nodes: [{ id: 'main_menu', label: 'Main menu', type: 'Menu', role: 'decision' as const, visits: [] }, { id: 'bye', label: 'bye', type: 'Hangup', role: 'end' as const, visits: [] }], edges: [] };
    expect(toMermaid(graph)).toContain('Main menu<br/><small>Menu · main_menu</small>');
    expect(toMermaid(graph)).toContain('bye<br/><small>Hangup</small>');
    expect(toDot(graph)).toContain('"main_menu" [label="Main menu\\n(Menu · main_menu)"');
    expect(toDot(graph)).toContain('"bye" [label="bye\\n(Hangup)"');
  });
});
