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
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.label, n.type, n.role, n.group ?? null]), graph.edges.map((e) => [e.from, e.to, e.label, e.kind])]);
}

/** The layout's id of the box a called script's actions are drawn in (no action id has a NUL in it). */
const groupBox = (group: string) => `\u0000script:${group}`;

/** The key of a branch edge: its action and branch name. */
export const branchKey = (action: string, branch: string) => `${action}\u0000${branch}`;

export interface RunMarks {
  /** The action the contact is at now (held before it, or waiting in it). */
  current: string | null;
  visited: ReadonlySet<string>;
  /** branchKey(action, branch) of the branches taken. */
  taken: ReadonlySet<string>;
}

/** The smallest scale at which the 12 px labels stay readable (about 10 px on screen): Fit goes no smaller. */
export const legibleScale = 0.85;
const maxScale = 2.5;
const minScale = 0.25;

export class Flowchart {
  readonly #container: HTMLElement;
  readonly #onSelect: (actionId: string) => void;
  #shape = '';
  #nodes = new Map<string, SVGGElement>();
  /** The box of each called script (subscript), by its file, and which actions are in it. */
  #groups = new Map<string, SVGGElement>();
  #groupOf = new Map<string, string>();
  #positions = new Map<string, { x: number; y: number }>();
  #edges: Array<{ edge: GraphEdge; element: SVGGElement }> = [];
  #marks: RunMarks = { current: null, visited: new Set(), taken: new Set() };
  #broken = new Set<string>();
  /** Scale of the drawing: 1 (labels at their 12-13 px) until the person zooms. */
  #zoom = 1;
  #size = { width: 0, height: 0 };
  /** The last action brought into view, so the chart follows the call without fighting a person who pans. */
  #followed: string | null = null;
  /** A drag that moved: the click that ends it is not a click on a node. */
  #dragged = false;

  constructor(container: HTMLElement, onSelect: (actionId: string) => void) {
    this.#container = container;
    this.#onSelect = onSelect;
    this.#wirePanZoom();
  }

  /** The scale the chart is drawn at (1 is the labels' own size). */
  get scale(): number {
    return this.#zoom;
  }

  /**
   * Draws the graph (laid out again only when its shape changed) and
   * re-applies the run's marks. Without a graph (the text has errors) the
   * last good chart stays, greyed, with `broken` (the actions the errors are
   * in) marked: it is still what a call runs.
   */
  show(graph: ScriptGraph | null, broken: readonly string[] = []): void {
    this.#broken = new Set(broken);
    this.#container.classList.toggle('stale', !graph);
    if (graph) {
      const shape = shapeKey(graph);
      if (shape !== this.#shape) {
        this.#shape = shape;
        this.#draw(graph);
      }
    }
    for (const [id, element] of this.#nodes) element.classList.toggle('broken', this.#broken.has(id));
    this.mark(this.#marks);
  }

  /** Highlights the current action, visited actions and taken branches, and keeps the current action in view. */
  mark(marks: RunMarks): void {
    this.#marks = marks;
    for (const [id, element] of this.#nodes) {
      element.classList.toggle('current', id === marks.current);
      element.classList.toggle('visited', marks.visited.has(id));
    }
    for (const { edge, element } of this.#edges) element.classList.toggle('taken', edge.kind === 'branch' && marks.taken.has(branchKey(edge.from, edge.label)));
    // The subscript the call is in now: its box stands out.
    const activeGroup = marks.current === null ? undefined : this.#groupOf.get(marks.current);
    for (const [group, element] of this.#groups) element.classList.toggle('active', group === activeGroup);
    if (marks.current !== null && marks.current !== this.#followed) {
      this.#followed = marks.current;
      this.reveal(marks.current);
    }
    if (marks.current === null) this.#followed = null;
  }

  /**
   * Scrolls the chart (only the chart: never the page, which on a narrow
   * screen would carry the keypad away) so the action is in view, centred
   * when it was out of sight.
   */
  reveal(actionId: string): void {
    const at = this.#positions.get(actionId);
    if (!at) return;
    const box = this.#container;
    const x = at.x * this.#zoom;
    const y = at.y * this.#zoom;
    const margin = 60 * this.#zoom;
    const inView = x - margin >= box.scrollLeft && x + margin <= box.scrollLeft + box.clientWidth && y - margin >= box.scrollTop && y + margin <= box.scrollTop + box.clientHeight;
    if (!inView) box.scrollTo({ left: x - box.clientWidth / 2, top: y - box.clientHeight / 2 });
  }

  /**
   * Zooms in (factor > 1) or out around a point of the pane (its centre by
   * default); 0 fits the chart into the pane, no smaller than legible: a
   * large chart then shows the neighbourhood of the current action (or the start).
   */
  zoom(factor: number, around?: { x: number; y: number }): void {
    const box = this.#container;
    const point = around ?? { x: box.clientWidth / 2, y: box.clientHeight / 2 };
    // The chart point under the pointer stays under it.
    const chartX = (box.scrollLeft + point.x - this.#offset().x) / this.#zoom;
    const chartY = (box.scrollTop + point.y - this.#offset().y) / this.#zoom;
    if (factor === 0) {
      this.#zoom = Math.max(legibleScale, this.#fitScale());
      this.#applyZoom();
      const focus = this.#marks.current ?? this.#startId;
      if (focus !== undefined && this.#fitScale() < legibleScale) {
        this.#followed = null;
        const at = this.#positions.get(focus);
        if (at) box.scrollTo({ left: at.x * this.#zoom - box.clientWidth / 2, top: at.y * this.#zoom - box.clientHeight / 2 });
      }
      return;
    }
    this.#zoom = Math.min(maxScale, Math.max(minScale, this.#zoom * factor));
    this.#applyZoom();
    box.scrollLeft = chartX * this.#zoom + this.#offset().x - point.x;
    box.scrollTop = chartY * this.#zoom + this.#offset().y - point.y;
  }

  #startId: string | undefined;

  /** Where the drawing starts in the pane (it is centred when narrower than the pane). */
  #offset(): { x: number; y: number } {
    const root = this.#container.querySelector('svg');
    if (!root) return { x: 0, y: 0 };
    return { x: Math.max(0, (this.#container.clientWidth - this.#size.width * this.#zoom) / 2), y: 0 };
  }

  #fitScale(): number {
    const { width, height } = this.#size;
    if (width === 0) return 1;
    return Math.min(1, (this.#container.clientWidth - 4) / width, (this.#container.clientHeight - 4) / height);
  }

  #applyZoom(): void {
    const root = this.#container.querySelector('svg');
    if (!root) return;
    root.setAttribute('width', String(Math.round(this.#size.width * this.#zoom)));
    root.setAttribute('height', String(Math.round(this.#size.height * this.#zoom)));
    this.#container.dataset['scale'] = this.#zoom.toFixed(2);
  }

  /** The wheel zooms around the pointer; dragging the background (or a node) pans. */
  #wirePanZoom(): void {
    const box = this.#container;
    box.addEventListener(
      'wheel',
      (event) => {
        // Ctrl+wheel is the browser's page zoom (and a pinch on a touchpad): leave it alone.
        if (event.ctrlKey) return;
        event.preventDefault();
        const rect = box.getBoundingClientRect();
        this.zoom(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), { x: event.clientX - rect.left, y: event.clientY - rect.top });
      },
      { passive: false },
    );
    let drag: { x: number; y: number; left: number; top: number; id: number } | undefined;
    box.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop, id: event.pointerId };
      this.#dragged = false;
    });
    box.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!this.#dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!this.#dragged) box.setPointerCapture(event.pointerId);
      this.#dragged = true;
      box.classList.add('panning');
      box.scrollLeft = drag.left - dx;
      box.scrollTop = drag.top - dy;
    });
    const end = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.id) return;
      drag = undefined;
      box.classList.remove('panning');
      if (box.hasPointerCapture(event.pointerId)) box.releasePointerCapture(event.pointerId);
    };
    box.addEventListener('pointerup', end);
    box.addEventListener('pointercancel', end);
  }

  #draw(graph: ScriptGraph): void {
    const groups = [...new Set(graph.nodes.map((n) => n.group).filter((group): group is string => group !== undefined))];
    // A called script's actions go in a box of their own (a compound graph), labelled with its file.
    const g = new graphlib.Graph({ multigraph: true, compound: groups.length > 0 });
    g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, edgesep: 12, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const group of groups) g.setNode(groupBox(group), { label: group, paddingTop: 28, paddingLeft: 12, paddingRight: 12, paddingBottom: 12 });
    for (const node of graph.nodes) {
      const width = Math.max(textWidth(node.label, 14), textWidth(node.type, 12)) + 28;
      const height = node.role === 'decision' ? 54 : 46;
      g.setNode(node.id, { width: node.role === 'decision' ? width + 24 : width, height });
      if (node.group !== undefined) g.setParent(node.id, groupBox(node.group));
    }
    graph.edges.forEach((edge, index) => {
      const label = edge.kind === 'preempts' ? edge.label.replace(/^pre-empts: /, '') : edge.label;
      g.setEdge(edge.from, edge.to, { width: textWidth(label, 12) + 6, height: 16, labelpos: 'c', weight: edge.kind === 'preempts' ? 0 : 1 }, String(index));
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

    this.#groups = new Map();
    this.#groupOf = new Map(graph.nodes.filter((n) => n.group !== undefined).map((n) => [n.id, n.group as string]));
    const groupLayer = svg('g', { class: 'script-boxes' }, root);
    for (const group of groups) {
      const box = g.node(groupBox(group)) as { x: number; y: number; width: number; height: number } | undefined;
      if (!box) continue;
      const element = svg('g', { class: 'script-box', 'data-script': group }, groupLayer);
      svg('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, rx: 8, ry: 8, class: 'script-box-frame' }, element);
      const label = svg('text', { x: box.x - box.width / 2 + 10, y: box.y - box.height / 2 + 18, class: 'script-box-label' }, element);
      label.textContent = `${group} (called script)`;
      this.#groups.set(group, element);
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
    this.#positions = new Map();
    const nodeLayer = svg('g', { class: 'nodes' }, root);
    for (const node of graph.nodes) {
      const laid = g.node(node.id) as { x: number; y: number; width: number; height: number } | undefined;
      if (!laid) continue;
      this.#positions.set(node.id, { x: laid.x, y: laid.y });
      const group = svg('g', { class: `node role-${node.role}`, 'data-action': node.id, transform: `translate(${laid.x},${laid.y})`, tabindex: 0, role: 'button', 'aria-label': `${node.label} (${node.type}): go to it in the editor` }, nodeLayer);
      drawShape(node, laid.width, laid.height, group);
      const label = svg('text', { y: -2, 'text-anchor': 'middle', class: 'node-label' }, group);
      label.textContent = node.label;
      const type = svg('text', { y: 15, 'text-anchor': 'middle', class: 'node-type' }, group);
      type.textContent = node.label === node.id ? node.type : `${node.type} · ${node.id}`;
      const select = () => this.#onSelect(node.id);
      group.addEventListener('click', () => {
        if (!this.#dragged) select();
      });
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') select();
      });
      this.#nodes.set(node.id, group);
    }
    this.#container.replaceChildren(root);
    this.#size = { width, height };
    this.#applyZoom();
    // Show where the script starts: dagre may put it anywhere across the top.
    this.#startId = graph.nodes.find((n) => n.role === 'start')?.id;
    const laidStart = this.#startId !== undefined ? this.#positions.get(this.#startId) : undefined;
    if (laidStart) this.#container.scrollLeft = laidStart.x * this.#zoom - this.#container.clientWidth / 2;
    this.#followed = null;
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
