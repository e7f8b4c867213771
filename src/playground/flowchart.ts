/**
 * The script's flowchart as SVG, laid out by dagre. Drawn by hand rather than
 * by a diagram library so each node and edge carries the action id and
 * branch as data attributes: the run marks the current action, visited
 * actions and taken branches by toggling classes, without a new layout.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, ScriptGraph } from './types.ts';

const svgNs = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

/** Rough text width for the 12px UI font: enough for layout, no measuring pass needed. */
const textWidth = (text: string, size = 12) => text.length * size * 0.58;

/** The part of a graph that decides the layout: a run's marks do not. */
function shapeKey(graph: ScriptGraph): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.label, n.type, n.role]), graph.edges.map((e) => [e.from, e.to, e.label, e.kind])]);
}

/** The key of a branch edge: its action and branch name. */
export const branchKey = (action: string, branch: string) => `${action}\u0000${branch}`;

export interface RunMarks {
  /** The action the contact is at now (held before it, or waiting in it). */
  current: string | null;
  visited: ReadonlySet<string>;
  /** branchKey(action, branch) of the branches taken. */
  taken: ReadonlySet<string>;
}

export class Flowchart {
  readonly #container: HTMLElement;
  readonly #onSelect: (actionId: string) => void;
  #shape = '';
  #nodes = new Map<string, SVGGElement>();
  #edges: Array<{ edge: GraphEdge; element: SVGGElement }> = [];
  #marks: RunMarks = { current: null, visited: new Set(), taken: new Set() };
  /** Scale of the drawing; undefined until the person zooms: then it fits the pane, within readable limits. */
  #zoom: number | undefined;
  #size = { width: 0, height: 0 };

  constructor(container: HTMLElement, onSelect: (actionId: string) => void) {
    this.#container = container;
    this.#onSelect = onSelect;
  }

  /** Draws the graph (laid out again only when its shape changed) and re-applies the run's marks. */
  show(graph: ScriptGraph | null): void {
    if (!graph) {
      // Keep the last good chart while the text has errors: it is still what runs.
      this.#container.classList.add('stale');
      return;
    }
    this.#container.classList.remove('stale');
    const shape = shapeKey(graph);
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#draw(graph);
    }
    this.mark(this.#marks);
  }

  /** Highlights the current action, visited actions and taken branches. */
  mark(marks: RunMarks): void {
    this.#marks = marks;
    for (const [id, element] of this.#nodes) {
      element.classList.toggle('current', id === marks.current);
      element.classList.toggle('visited', marks.visited.has(id));
    }
    for (const { edge, element } of this.#edges) element.classList.toggle('taken', edge.kind === 'branch' && marks.taken.has(branchKey(edge.from, edge.label)));
    if (marks.current !== null) {
      const node = this.#nodes.get(marks.current);
      // Keep the current action in sight while the chart scrolls; nearest avoids jumping the page.
      node?.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
    }
  }

  /** Zooms in (factor > 1) or out; 0 fits the whole chart into the pane. */
  zoom(factor: number): void {
    const fit = this.#fitScale();
    this.#zoom = factor === 0 ? fit : Math.min(2, Math.max(0.2, (this.#zoom ?? this.#autoScale()) * factor));
    this.#applyZoom();
  }

  #fitScale(): number {
    const { width, height } = this.#size;
    if (width === 0) return 1;
    return Math.min(1, (this.#container.clientWidth - 4) / width, (this.#container.clientHeight - 4) / height);
  }

  /** Fit the width when that stays readable; otherwise a readable size, scrolled. */
  #autoScale(): number {
    const { width } = this.#size;
    if (width === 0) return 1;
    return Math.min(1, Math.max(0.7, (this.#container.clientWidth - 4) / width));
  }

  #applyZoom(): void {
    const root = this.#container.querySelector('svg');
    if (!root) return;
    const scale = this.#zoom ?? this.#autoScale();
    root.setAttribute('width', String(Math.round(this.#size.width * scale)));
    root.setAttribute('height', String(Math.round(this.#size.height * scale)));
  }

  #draw(graph: ScriptGraph): void {
    const g = new graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, edgesep: 12, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of graph.nodes) {
      const width = Math.max(textWidth(node.label, 13), textWidth(node.type, 11)) + 28;
      const height = node.role === 'decision' ? 50 : 42;
      g.setNode(node.id, { width: node.role === 'decision' ? width + 24 : width, height });
    }
    graph.edges.forEach((edge, index) => {
      const label = edge.kind === 'preempts' ? edge.label.replace(/^pre-empts: /, '') : edge.label;
      g.setEdge(edge.from, edge.to, { width: textWidth(label, 11) + 6, height: 14, labelpos: 'c', weight: edge.kind === 'preempts' ? 0 : 1 }, String(index));
    });
    layout(g);

    const size = g.graph() as { width?: number; height?: number };
    const width = Math.ceil(size.width ?? 100);
    const height = Math.ceil(size.height ?? 100);
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `Flowchart of ${graph.title}` });
    const defs = svg('defs', {}, root);
    for (const kind of ['branch', 'preempts', 'taken']) {
      const marker = svg('marker', { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrow arrow-${kind}` }, marker);
    }

    this.#edges = [];
    const edgeLayer = svg('g', { class: 'edges' }, root);
    graph.edges.forEach((edge, index) => {
      const laid = g.edge({ v: edge.from, w: edge.to, name: String(index) }) as { points?: Array<{ x: number; y: number }>; x?: number; y?: number } | undefined;
      if (!laid?.points || laid.points.length === 0) return;
      const group = svg('g', { class: `edge ${edge.kind}`, 'data-from': edge.from, 'data-to': edge.to, 'data-branch': edge.label }, edgeLayer);
      svg('path', { d: smoothPath(laid.points), class: 'edge-line' }, group);
      const label = edge.kind === 'preempts' ? edge.label.replace(/^pre-empts: /, '') : edge.label;
      if (laid.x !== undefined && laid.y !== undefined) {
        const text = svg('text', { x: laid.x, y: laid.y + 4, class: 'edge-label', 'text-anchor': 'middle' }, group);
        text.textContent = label;
      }
      const title = svg('title', {}, group);
      title.textContent = `${edge.from} ${edge.kind === 'preempts' ? edge.label : `-- ${edge.label} ->`} ${edge.to}`;
      this.#edges.push({ edge, element: group });
    });

    this.#nodes = new Map();
    const nodeLayer = svg('g', { class: 'nodes' }, root);
    for (const node of graph.nodes) {
      const laid = g.node(node.id) as { x: number; y: number; width: number; height: number } | undefined;
      if (!laid) continue;
      const group = svg('g', { class: `node role-${node.role}`, 'data-action': node.id, transform: `translate(${laid.x},${laid.y})`, tabindex: 0, role: 'button', 'aria-label': `${node.label} (${node.type}): go to it in the editor` }, nodeLayer);
      drawShape(node, laid.width, laid.height, group);
      const label = svg('text', { y: -2, 'text-anchor': 'middle', class: 'node-label' }, group);
      label.textContent = node.label;
      const type = svg('text', { y: 13, 'text-anchor': 'middle', class: 'node-type' }, group);
      type.textContent = node.label === node.id ? node.type : `${node.type} · ${node.id}`;
      const select = () => this.#onSelect(node.id);
      group.addEventListener('click', select);
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') select();
      });
      this.#nodes.set(node.id, group);
    }
    this.#container.replaceChildren(root);
    this.#size = { width, height };
    this.#applyZoom();
    // Show where the script starts: dagre may put it anywhere across the top.
    const start = graph.nodes.find((n) => n.role === 'start');
    const laidStart = start ? (g.node(start.id) as { x: number } | undefined) : undefined;
    if (laidStart) this.#container.scrollLeft = laidStart.x * (this.#zoom ?? this.#autoScale()) - this.#container.clientWidth / 2;
  }
}

function drawShape(node: GraphNode, width: number, height: number, parent: SVGGElement): void {
  const w = width / 2;
  const h = height / 2;
  const attributes = { class: 'shape' };
  switch (node.role) {
    case 'start':
      svg('rect', { ...attributes, x: -w, y: -h, width, height, rx: h, ry: h }, parent);
      break;
    case 'end':
      svg('rect', { ...attributes, x: -w, y: -h, width, height, rx: h, ry: h }, parent);
      svg('rect', { class: 'shape-inner', x: -w + 3, y: -h + 3, width: width - 6, height: height - 6, rx: h - 3, ry: h - 3 }, parent);
      break;
    case 'decision':
      // A flattened diamond: wide enough for its text, still read as "chooses a branch".
      svg('polygon', { ...attributes, points: `${-w},0 ${-w + 16},${-h} ${w - 16},${-h} ${w},0 ${w - 16},${h} ${-w + 16},${h}` }, parent);
      break;
    case 'event':
      svg('polygon', { ...attributes, points: `${-w},0 ${-w + 10},${-h} ${w - 10},${-h} ${w},0 ${w - 10},${h} ${-w + 10},${h}` }, parent);
      break;
    default:
      svg('rect', { ...attributes, x: -w, y: -h, width, height, rx: 4, ry: 4 }, parent);
  }
}

/** A path through dagre's points, with rounded bends. */
function smoothPath(points: Array<{ x: number; y: number }>): string {
  const [first, ...rest] = points as [{ x: number; y: number }, ...Array<{ x: number; y: number }>];
  if (rest.length === 0) return `M${first.x},${first.y}`;
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const control = rest[i] as { x: number; y: number };
    const next = rest[i + 1] as { x: number; y: number };
    const mid = i === rest.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += ` Q${control.x},${control.y} ${mid.x},${mid.y}`;
  }
  if (rest.length === 1) d += ` L${(rest[0] as { x: number; y: number }).x},${(rest[0] as { x: number; y: number }).y}`;
  return d;
}
