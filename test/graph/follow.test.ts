import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/api.ts';
import { scriptGraph, toDot, toMermaid } from '../../src/graph/graph.ts';
import { runCli } from '../cli/helpers.ts';
import { runFolder, scriptFolder } from '../helpers/script-folder.ts';

const files = {
  'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: subs/Sub }, next: over }\n  over: { type: RunScript, properties: { ScriptName: Last } }\n',
  'subs/Sub.yaml': 'name: Sub\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Runsub, properties: { ScriptName: Sub }, next: back }\n  back: { type: Return }\n',
  'subs/Sub2.yaml': 'name: Unused\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return }\n',
  'Last.yaml': 'name: Last\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n',
};

describe('graph --follow', () => {
  it('draws each called script once, in a box named by its file, with calls, returns and hand-overs', () => {
    const folder = scriptFolder({ ...files, 'subs/Sub.yaml': files['subs/Sub.yaml'].replace('ScriptName: Sub }', 'ScriptName: Sub2 }') });
    const loaded = loadScript(join(folder, 'main.yaml'), {}, 'main.yaml');
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const graph = scriptGraph(loaded.compiled.script, { follow: true });
    expect(graph.nodes.map((n) => n.id)).toEqual(['begin', 'call', 'over', 'Sub.yaml:begin', 'Sub.yaml:again', 'Sub.yaml:back', 'Last.yaml:begin', 'Last.yaml:bye', 'Sub2.yaml:begin', 'Sub2.yaml:back']);
    const calls = graph.edges.filter((e) => e.kind === 'calls').map((e) => `${e.from} ${e.label} ${e.to}`);
    expect(calls).toEqual(['call calls Sub.yaml:begin', 'Sub.yaml:back returns call', 'over hands over Last.yaml:begin', 'Sub.yaml:again calls Sub2.yaml:begin', 'Sub2.yaml:back returns Sub.yaml:again']);
    const mermaid = toMermaid(graph);
    expect(mermaid).toContain('subgraph script0["subs/Sub.yaml"]');
    expect(mermaid).toMatch(/n1 ==>\|"calls"\| n3/);
    expect(toDot(graph)).toContain('subgraph cluster_script1 {');
    // Without --follow only the script itself is drawn.
    expect(scriptGraph(loaded.compiled.script).nodes).toHaveLength(3);
  });

  it('a script calling itself is drawn once, its call an edge back to its own Begin; a trace marks steps in the subscripts', () => {
    const folder = scriptFolder(files);
    const loaded = loadScript(join(folder, 'subs/Sub.yaml'), {}, 'subs/Sub.yaml');
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const graph = scriptGraph(loaded.compiled.script, { follow: true });
    expect(graph.nodes.map((n) => n.id)).toEqual(['begin', 'again', 'back']);
    expect(graph.edges.filter((e) => e.kind === 'calls').map((e) => `${e.from}>${e.to}`)).toEqual(['again>begin', 'back>again']);
    const report = runFolder(folder, 'main.yaml');
    const main = loadScript(join(folder, 'main.yaml'), {}, 'main.yaml');
    if (!main.ok) throw new Error('invalid');
    const traced = scriptGraph(main.compiled.script, { follow: true, report });
    expect(report.reason).toBe('CallDepth');
    expect(traced.nodes.find((n) => n.id === 'Sub.yaml:begin')?.visits.length).toBe(49); // the main script and 49 subscripts: 50 deep
    expect(traced.nodes.find((n) => n.id === 'Last.yaml:bye')?.visits).toEqual([]);
  });

  it('the CLI takes --follow, and a trace with subscript steps', async () => {
    const folder = scriptFolder(files);
    const run = await runCli(['graph', 'main.yaml', '--follow', '--format', 'dot'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('label="subs/Sub.yaml"');
  });
});
