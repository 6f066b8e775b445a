import type { GraphLayout, LaidOutEdge, LaidOutState, Point } from '../graph-layout';
import type { StateHighlight } from '../state-highlights';
import { svg } from './dom';

// The workflow graph as SVG, drawn once from the server's layout. Selecting an execution only
// changes the class of each state (`state visited`, `state failed`, …); console.css colours them.

const pathThrough = (points: readonly Point[]) =>
  points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${point.x} ${point.y}`).join(' ');

const arrowHead = () =>
  svg(
    'defs',
    {},
    svg(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
    ),
  );

const drawEdge = (edge: LaidOutEdge) =>
  svg(
    'g',
    { class: `edge ${edge.kind}`, 'data-from': edge.from, 'data-to': edge.to, 'data-kind': edge.kind },
    svg('path', { d: pathThrough(edge.points), 'marker-end': 'url(#arrow)' }),
    ...(edge.label
      ? [
          svg('rect', {
            class: 'edge-label-background',
            x: edge.label.x - 2,
            y: edge.label.y - 1,
            width: edge.label.width + 4,
            height: edge.label.height + 2,
          }),
          svg(
            'text',
            { class: 'edge-label', x: edge.label.x, y: edge.label.y + edge.label.height - 3 },
            edge.label.text,
          ),
        ]
      : []),
  );

const drawState = (state: LaidOutState) => {
  const title = svg('title', {}, `${state.name} (${state.type})`);
  const box = svg('rect', {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    rx: state.container ? 10 : 6,
  });
  const name = state.container
    ? svg('text', { class: 'container-name', x: state.x + 12, y: state.y + 19 }, `${state.name} · ${state.type}`)
    : svg(
        'text',
        { x: state.x + state.width / 2, y: state.y + state.height / 2 + 4.5, 'text-anchor': 'middle' },
        state.name,
      );
  return svg(
    'g',
    {
      class: state.container ? 'state container' : 'state',
      'data-state': state.name,
      'data-type': state.type,
      'data-container': state.container ? 'true' : undefined,
    },
    title,
    box,
    name,
  );
};

/** Where the execution starts: a dot and an arrow into the first state. */
const drawStart = (state: LaidOutState) => {
  const x = state.x + state.width / 2;
  return svg(
    'g',
    { class: 'start-marker' },
    svg('circle', { cx: x, cy: state.y - 9, r: 4 }),
    svg('path', { d: `M ${x} ${state.y - 5} L ${x} ${state.y}` }),
  );
};

export const drawWorkflowGraph = (layout: GraphLayout): SVGSVGElement => {
  const containers = layout.states.filter((state) => state.container);
  const states = layout.states.filter((state) => !state.container);
  const executionStart = layout.states.find((state) => state.start && state.branch === undefined);
  // Boxes first, edges over them, states on top: an edge never hides a state's name.
  return svg(
    'svg',
    {
      id: 'workflow-graph',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: 'img',
      'aria-label': 'The order workflow',
    },
    arrowHead(),
    ...containers.map(drawState),
    ...layout.branches.map((branch) =>
      svg('rect', {
        class: 'branch',
        'data-branch': branch.id,
        x: branch.x,
        y: branch.y,
        width: branch.width,
        height: branch.height,
        rx: 6,
      }),
    ),
    ...layout.edges.map(drawEdge),
    ...states.map(drawState),
    ...(executionStart ? [drawStart(executionStart)] : []),
  );
};

/** Colours the states for one execution; with no execution, every state is drawn plain. */
export const highlightWorkflowGraph = (
  graph: SVGSVGElement,
  highlights: ReadonlyMap<string, StateHighlight> | undefined,
) => {
  for (const node of graph.querySelectorAll<SVGGElement>('g.state')) {
    const name = node.dataset.state ?? '';
    const kind = node.dataset.container ? ['container'] : [];
    const highlight = highlights ? [highlights.get(name) ?? 'not-run'] : [];
    node.setAttribute('class', ['state', ...kind, ...highlight].join(' '));
  }
};
