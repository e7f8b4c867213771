import { actionDefinition } from '../actions/index.ts';
import type { RunReport } from '../runtime/report.ts';
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
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  kind: 'branch' | 'preempts';
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
export function scriptGraph(script: Script, options: { report?: RunReport; coverage?: ScriptCoverage } = {}): ScriptGraph {
  const nodes = new Map<string, GraphNode>();
  for (const action of script.actions.values()) {
    nodes.set(action.id, { id: action.id, label: action.caption ?? action.id, type: action.type, role: roleOf(action.type), visits: [] });
  }
  const edges: GraphEdge[] = [];
  const edgeIndex = new Map<string, GraphEdge>();
  for (const action of script.actions.values()) {
    for (const [branch, target] of Object.entries(action.branches)) {
      const edge: GraphEdge = { from: action.id, to: target, label: branch, kind: 'branch', taken: [] };
      edges.push(edge);
      edgeIndex.set(`${action.id}\u0000${branch}`, edge);
    }
  }
  const actions = [...script.actions.values()];
  for (const event of actions.filter((a) => roleOf(a.type) === 'event')) {
    const sources = event.type === 'OnAnswer' ? actions.filter((a) => a.type === 'Reqagent') : actions.filter((a) => a.type === 'Begin');
    for (const source of sources) {
      edges.push({ from: source.id, to: event.id, label: event.type === 'OnAnswer' ? 'pre-empts: agent answers' : 'pre-empts: caller hangs up', kind: 'preempts', taken: [] });
    }
  }
  options.report?.steps.forEach((step, index) => {
    nodes.get(step.action)?.visits.push(index + 1);
    if (step.branch !== null) edgeIndex.get(`${step.action}\u0000${step.branch}`)?.taken.push(index + 1);
  });
  if (options.coverage) {
    const covered = new Set(options.coverage.branches.filter((b) => b.taken > 0).map((b) => `${b.action}\u0000${b.branch}`));
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
  for (const node of graph.nodes.filter((n) => n.role !== 'event')) {
    const [open, close] = mermaidShapes[node.role];
    lines.push(`  ${ids.get(node.id)}${open}${label(node)}${close}`);
  }
  if (events.length > 0) {
    lines.push('  subgraph events["Event actions: entered when their event happens"]');
    for (const node of events) lines.push(`    ${ids.get(node.id)}${mermaidShapes.event[0]}${label(node)}${mermaidShapes.event[1]}`);
    lines.push('  end');
  }
  const styles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const text = edge.taken.length > 0 ? `${edge.label} (${edge.taken.join(', ')})` : edge.label;
    const arrow = edge.kind === 'preempts' ? '-.->' : '-->';
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
  for (const n of graph.nodes.filter((x) => x.role !== 'event')) lines.push(`  ${node(n)}`);
  const events = graph.nodes.filter((n) => n.role === 'event');
  if (events.length > 0) {
    lines.push('  subgraph cluster_events {', '    label="Event actions: entered when their event happens";', '    style=dashed;');
    for (const n of events) lines.push(`    ${node(n)}`);
    lines.push('  }');
  }
  for (const edge of graph.edges) {
    const attributes = [`label="${dotText(edge.taken.length > 0 ? `${edge.label} (${edge.taken.join(', ')})` : edge.label)}"`];
    if (edge.kind === 'preempts') attributes.push('style=dashed');
    if (edge.taken.length > 0) attributes.push('color="#2b8a3e"', 'penwidth=2.5');
    else if (edge.covered === false) attributes.push('color="#e03131"', 'fontcolor="#e03131"');
    lines.push(`  "${dotText(edge.from)}" -> "${dotText(edge.to)}" [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
