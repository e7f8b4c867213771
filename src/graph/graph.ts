import { actionDefinition } from '../actions/index.ts';
import { stepPlace, type RunReport } from '../runtime/report.ts';
import type { ScriptCoverage } from '../testing/coverage.ts';
import type { Script } from '../validate/index.ts';

export type NodeRole = 'start' | 'decision' | 'event' | 'end' | 'step';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  role: NodeRole;
  /** Step numbers at which a run visited it. */
  visits: number[];
  /** The file of the called script it belongs to (with `follow`); absent for the script's own actions. */
  group?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** `calls`: a Runsub into a subscript's Begin, a Return back to the Runsub, a RunScript into the script it hands over to. */
  kind: 'branch' | 'preempts' | 'calls';
  /** Step numbers at which a run took it. */
  taken: number[];
  /** With coverage: whether any test took it. */
  covered?: boolean;
}

export interface ScriptGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What sets off an event action, in words for its dashed edge, and the action type the edge comes from. */
const eventTriggers: Readonly<Record<string, { from: string; label: string }>> = {
  OnAnswer: { from: 'Reqagent', label: 'agent answers' },
  OnRelease: { from: 'Begin', label: 'caller hangs up' },
  OnHold: { from: 'Begin', label: 'agent holds the call' },
};

function roleOf(type: string): NodeRole {
  const definition = actionDefinition(type);
  if (type === 'Begin') return 'start';
  if (definition?.event) return 'event';
  if (type === 'End' || type === 'Hangup') return 'end';
  if (definition && (definition.valueBranches || definition.branches.filter((b) => b.name !== 'Default').length > 0)) return 'decision';
  return 'step';
}

/**
 * The script as a graph: one node per action, one edge per wired branch, and
 * dashed "pre-empts" edges into the event actions. A run report marks the
 * path with step numbers; coverage marks each branch covered or not.
 */
export function scriptGraph(script: Script, options: { report?: RunReport; coverage?: ScriptCoverage | readonly ScriptCoverage[]; follow?: boolean } = {}): ScriptGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeIndex = new Map<string, GraphEdge>();
  // The script, then (with follow) each script it calls, once each: node ids of called scripts are `<file name>:<id>`, as traces name their steps.
  const drawn: Array<{ script: Script; group?: string }> = [{ script }];
  const seen = new Set<Script>([script]);
  for (let index = 0; index < drawn.length; index++) {
    const { script: current, group } = drawn[index] as { script: Script; group?: string };
    const id = (actionId: string) => (group === undefined ? actionId : stepPlace({ action: actionId, script: group }));
    for (const action of current.actions.values()) {
      nodes.set(id(action.id), { id: id(action.id), label: action.caption ?? action.id, type: action.type, role: roleOf(action.type), visits: [], ...(group === undefined ? {} : { group }) });
    }
    for (const action of current.actions.values()) {
      for (const [branch, target] of Object.entries(action.branches)) {
        const edge: GraphEdge = { from: id(action.id), to: id(target), label: branch, kind: 'branch', taken: [] };
        edges.push(edge);
        edgeIndex.set(`${id(action.id)}\u0000${branch}`, edge);
      }
    }
    const actions = [...current.actions.values()];
    for (const event of actions.filter((a) => roleOf(a.type) === 'event')) {
      // Any event action of the registry is drawn; one this table does not know cuts in from Begin, named by its type.
      const trigger = eventTriggers[event.type] ?? { from: 'Begin', label: event.type };
      for (const source of actions.filter((a) => a.type === trigger.from)) {
        edges.push({ from: id(source.id), to: id(event.id), label: `pre-empts: ${trigger.label}`, kind: 'preempts', taken: [] });
      }
    }
    if (!options.follow) continue;
    for (const action of actions) {
      const name = action.properties['ScriptName'];
      const called = typeof name === 'string' ? current.calls?.get(name) : undefined;
      if (!called) continue;
      const calledGroup = called.source.file;
      const calledId = (actionId: string) => (called === script ? actionId : stepPlace({ action: actionId, script: calledGroup }));
      edges.push({ from: id(action.id), to: calledId(called.begin), label: action.type === 'Runsub' ? 'calls' : 'hands over', kind: 'calls', taken: [] });
      if (action.type === 'Runsub') {
        for (const back of called.actions.values()) if (back.type === 'Return') edges.push({ from: calledId(back.id), to: id(action.id), label: 'returns', kind: 'calls', taken: [] });
      }
      if (!seen.has(called)) {
        seen.add(called);
        drawn.push({ script: called, group: calledGroup });
      }
    }
  }
  options.report?.steps.forEach((step, index) => {
    const place = options.follow ? stepPlace(step) : step.script === undefined ? step.action : undefined;
    if (place === undefined) return;
    nodes.get(place)?.visits.push(index + 1);
    if (step.branch !== null) edgeIndex.get(`${place}\u0000${step.branch}`)?.taken.push(index + 1);
  });
  if (options.coverage) {
    const list = Array.isArray(options.coverage) ? (options.coverage as readonly ScriptCoverage[]) : [options.coverage as ScriptCoverage];
    const covered = new Set<string>();
    for (const coverage of list) {
      const own = coverage.file === script.source.file;
      for (const b of coverage.branches) if (b.taken > 0) covered.add(`${own ? b.action : stepPlace({ action: b.action, script: coverage.file })}\u0000${b.branch}`);
    }
    for (const [key, edge] of edgeIndex) edge.covered = covered.has(key);
  }
  return { title: script.name, nodes: [...nodes.values()], edges };
}

/** Text for a Mermaid label inside double quotes: quotes and markup characters as entity codes. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;' })[c] as string).replace(/[\r\n]+/g, ' ');
}

/**
 * The small line under a node's caption: its type, and its id when the caption
 * is not the id (branches name ids, so a reader must be able to find them), as
 * the playground's flowchart shows it.
 */
export function typeLine(node: Pick<GraphNode, 'id' | 'label' | 'type'>): string {
  return node.label === node.id ? node.type : `${node.type} · ${node.id}`;
}

const mermaidShapes: Record<NodeRole, [string, string]> = {
  start: ['(["', '"])'],
  decision: ['{"', '"}'],
  event: ['{{"', '"}}'],
  end: ['(("', '"))'],
  step: ['["', '"]'],
};

/**
 * Mermaid flowchart. Node ids are generated (n0, n1, ...), so action ids such
 * as `end` or ids with dashes never clash with Mermaid's own words.
 */
export function toMermaid(graph: ScriptGraph): string {
  const ids = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
  const lines = ['flowchart TD'];
  const events = graph.nodes.filter((n) => n.role === 'event');
  const label = (node: GraphNode) => {
    const steps = node.visits.length > 0 ? ` #9679; ${node.visits.join(', ')}` : '';
    return `${mermaidText(node.label)}<br/><small>${mermaidText(typeLine(node))}${steps}</small>`;
  };
  for (const node of graph.nodes.filter((n) => n.role !== 'event' && n.group === undefined)) {
    const [open, close] = mermaidShapes[node.role];
    lines.push(`  ${ids.get(node.id)}${open}${label(node)}${close}`);
  }
  if (events.some((n) => n.group === undefined)) {
    lines.push('  subgraph events["Event actions: entered when their event happens"]');
    for (const node of events.filter((n) => n.group === undefined)) lines.push(`    ${ids.get(node.id)}${mermaidShapes.event[0]}${label(node)}${mermaidShapes.event[1]}`);
    lines.push('  end');
  }
  // Each called script in a box of its own, named by its file.
  const groups = [...new Set(graph.nodes.map((n) => n.group).filter((g): g is string => g !== undefined))];
  groups.forEach((group, index) => {
    lines.push(`  subgraph script${index}["${mermaidText(group)}"]`);
    for (const node of graph.nodes.filter((n) => n.group === group)) {
      const [open, close] = mermaidShapes[node.role];
      lines.push(`    ${ids.get(node.id)}${open}${label(node)}${close}`);
    }
    lines.push('  end');
  });
  const styles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const text = edge.taken.length > 0 ? `${edge.label} (${edge.taken.join(', ')})` : edge.label;
    const arrow = edge.kind === 'preempts' ? '-.->' : edge.kind === 'calls' ? '==>' : '-->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}|"${mermaidText(text)}"| ${ids.get(edge.to)}`);
    if (edge.taken.length > 0) styles.push(`  linkStyle ${index} stroke:#2b8a3e,stroke-width:3px`);
    else if (edge.covered === false) styles.push(`  linkStyle ${index} stroke:#e03131,stroke-width:2px,stroke-dasharray:4`);
  });
  const visited = graph.nodes.filter((n) => n.visits.length > 0).map((n) => ids.get(n.id));
  if (visited.length > 0) lines.push('  classDef visited fill:#d3f9d8,stroke:#2b8a3e', `  class ${visited.join(',')} visited`);
  return `${[...lines, ...styles].join('\n')}\n`;
}

const dotText = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ');

const dotShapes: Record<NodeRole, string> = { start: 'oval', decision: 'diamond', event: 'hexagon', end: 'box, style="rounded,bold", peripheries=2', step: 'box' };

/** Graphviz DOT, for `dot -Tsvg` and other Graphviz tools. */
export function toDot(graph: ScriptGraph): string {
  const lines = [`digraph "${dotText(graph.title)}" {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=10];'];
  const node = (n: GraphNode) => {
    const steps = n.visits.length > 0 ? `\\nsteps ${n.visits.join(', ')}` : '';
    const style = n.visits.length > 0 ? `, style="${n.role === 'end' ? 'rounded,bold,' : ''}filled", fillcolor="#d3f9d8"` : '';
    return `"${dotText(n.id)}" [label="${dotText(n.label)}\\n(${dotText(typeLine(n))})${steps}", shape=${dotShapes[n.role]}${style}];`;
  };
  for (const n of graph.nodes.filter((x) => x.role !== 'event' && x.group === undefined)) lines.push(`  ${node(n)}`);
  const groups = [...new Set(graph.nodes.map((n) => n.group).filter((g): g is string => g !== undefined))];
  groups.forEach((group, index) => {
    lines.push(`  subgraph cluster_script${index} {`, `    label="${dotText(group)}";`, '    style=rounded;');
    for (const n of graph.nodes.filter((x) => x.group === group)) lines.push(`    ${node(n)}`);
    lines.push('  }');
  });
  const events = graph.nodes.filter((n) => n.role === 'event' && n.group === undefined);
  if (events.length > 0) {
    lines.push('  subgraph cluster_events {', '    label="Event actions: entered when their event happens";', '    style=dashed;');
    for (const n of events) lines.push(`    ${node(n)}`);
    lines.push('  }');
  }
  for (const edge of graph.edges) {
    const attributes = [`label="${dotText(edge.taken.length > 0 ? `${edge.label} (${edge.taken.join(', ')})` : edge.label)}"`];
    if (edge.kind === 'preempts') attributes.push('style=dashed');
    if (edge.kind === 'calls') attributes.push('style=bold');
    if (edge.taken.length > 0) attributes.push('color="#2b8a3e"', 'penwidth=2.5');
    else if (edge.covered === false) attributes.push('color="#e03131"', 'fontcolor="#e03131"');
    lines.push(`  "${dotText(edge.from)}" -> "${dotText(edge.to)}" [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
