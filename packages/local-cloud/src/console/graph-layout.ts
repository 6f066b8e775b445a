import ELK, { type ElkExtendedEdge, type ElkNode, type ElkShape } from 'elkjs';
import type { GraphEdgeKind, WorkflowGraph } from './workflow-graph';

// Where each state, branch box and edge of the workflow graph goes, in SVG user units: laid out
// once by ELK's layered algorithm (top to bottom, the Parallel's branches inside its box) and
// served to the console page, which only draws.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box extends Point {
  readonly width: number;
  readonly height: number;
}

export interface LaidOutState extends Box {
  readonly name: string;
  readonly type: string;
  /** The state its execution, or its branch, starts at. */
  readonly start: boolean;
  /** The branch box it sits in, for a state inside a Parallel or a Map. */
  readonly branch?: string;
  /** A Parallel or Map: a box around its branches, its name at the top. */
  readonly container: boolean;
}

export interface LaidOutBranch extends Box {
  readonly id: string;
  readonly owner: string;
}

export interface LaidOutEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** The route from the source's border to the target's, bends included. */
  readonly points: readonly Point[];
  readonly label?: Box & { readonly text: string };
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly states: readonly LaidOutState[];
  readonly branches: readonly LaidOutBranch[];
  readonly edges: readonly LaidOutEdge[];
}

// The page draws names in a 13 px sans-serif font; these keep the text inside its box without
// measuring it in a browser.
const CHARACTER_WIDTH = 7.5;
const LABEL_CHARACTER_WIDTH = 6.2;
const STATE_HEIGHT = 36;
const STATE_PADDING = 24;
const MIN_STATE_WIDTH = 120;
const LABEL_HEIGHT = 14;
/** Room above a container's branches for its name. */
const CONTAINER_TOP_PADDING = 30;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Every coordinate relative to the whole drawing, so the page needs no offsets per container.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

const stateWidth = (name: string) =>
  Math.max(MIN_STATE_WIDTH, Math.ceil(name.length * CHARACTER_WIDTH) + STATE_PADDING);

const boxOf = (shape: ElkShape): Box => ({
  x: shape.x ?? 0,
  y: shape.y ?? 0,
  width: shape.width ?? 0,
  height: shape.height ?? 0,
});

/** Lays the graph out with ELK; every state, branch and edge of `graph` is in the result. */
export const layoutWorkflowGraph = async (graph: WorkflowGraph): Promise<GraphLayout> => {
  const containers = new Set(graph.branches.map((branch) => branch.owner));
  const nodes = new Map<string, ElkNode>();
  for (const state of graph.states) {
    const container = containers.has(state.name);
    nodes.set(state.name, {
      id: state.name,
      ...(container
        ? {
            layoutOptions: { 'elk.padding': `[top=${CONTAINER_TOP_PADDING},left=12,bottom=12,right=12]` },
            children: [],
          }
        : { width: stateWidth(state.name), height: STATE_HEIGHT }),
    });
  }
  for (const branch of graph.branches) {
    const owner = nodes.get(branch.owner) as ElkNode;
    const box: ElkNode = {
      id: branch.id,
      layoutOptions: { 'elk.padding': '[top=12,left=12,bottom=12,right=12]' },
      children: [],
    };
    owner.children?.push(box);
    nodes.set(branch.id, box);
  }
  const root: ElkNode & { children: ElkNode[]; edges: ElkExtendedEdge[] } = {
    id: 'workflow',
    layoutOptions: LAYOUT_OPTIONS,
    children: [],
    edges: [],
  };
  for (const state of graph.states) {
    const node = nodes.get(state.name) as ElkNode;
    const parent = state.branch ? nodes.get(state.branch) : undefined;
    (parent?.children ?? root.children).push(node);
  }
  root.edges = graph.edges.map((edge) => ({
    id: edge.id,
    sources: [edge.from],
    targets: [edge.to],
    ...(edge.label
      ? {
          labels: [
            { text: edge.label, width: Math.ceil(edge.label.length * LABEL_CHARACTER_WIDTH), height: LABEL_HEIGHT },
          ],
        }
      : {}),
  }));

  const laidOut = await new ELK().layout(root);

  const placed = new Map<string, ElkNode>();
  const collect = (node: ElkNode) => {
    placed.set(node.id, node);
    node.children?.forEach(collect);
  };
  laidOut.children?.forEach(collect);
  const edgesById = new Map(
    [laidOut, ...placed.values()].flatMap((node) => (node.edges ?? []).map((edge) => [edge.id, edge] as const)),
  );

  return {
    width: Math.ceil(laidOut.width ?? 0),
    height: Math.ceil(laidOut.height ?? 0),
    states: graph.states.map((state) => ({
      name: state.name,
      type: state.type,
      start: state.start,
      ...(state.branch === undefined ? {} : { branch: state.branch }),
      container: containers.has(state.name),
      ...boxOf(placed.get(state.name) as ElkNode),
    })),
    branches: graph.branches.map((branch) => ({ ...branch, ...boxOf(placed.get(branch.id) as ElkNode) })),
    edges: graph.edges.map((edge) => {
      const routed = edgesById.get(edge.id);
      const section = routed?.sections?.[0];
      const label = routed?.labels?.[0];
      return {
        id: edge.id,
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        points: section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [],
        ...(label && edge.label ? { label: { text: edge.label, ...boxOf(label) } } : {}),
      };
    }),
  };
};
