import { allStates } from '../step-functions/local-task-handlers';
import { renderDefinition } from '../step-functions/render-definition';
import { loadServiceDefinition } from '../step-functions/service-definition';
import { layoutWorkflowGraph, type Box, type GraphLayout } from './graph-layout';
import { buildWorkflowGraph, describeChoiceRule, type WorkflowGraph } from './workflow-graph';

// The graph of the definition the local stack runs (step-functions/order-workflow.asl.yml, as
// serverless.yml resolves it), and its layout.
let definition: unknown;
let graph: WorkflowGraph;

beforeAll(async () => {
  const service = await loadServiceDefinition('local');
  definition = renderDefinition(service, Object.values(service.stateMachines)[0]?.definition);
  graph = buildWorkflowGraph(definition);
}, 60_000);

const edgesFrom = (name: string) => graph.edges.filter((edge) => edge.from === name);

describe('the workflow graph, from the ASL', () => {
  it('has every state of the definition, the Parallel’s branch states included, once', () => {
    const names = graph.states.map((state) => state.name);
    expect(names.sort()).toEqual(
      allStates(definition)
        .map(([name]) => name)
        .sort(),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts each branch of ProcureOrder in its own box inside the Parallel', () => {
    expect(graph.branches).toEqual([
      { id: 'ProcureOrder/branch-1', owner: 'ProcureOrder' },
      { id: 'ProcureOrder/branch-2', owner: 'ProcureOrder' },
    ]);
    expect(graph.states.filter((state) => state.branch)).toEqual([
      { name: 'ReserveStock', type: 'Task', branch: 'ProcureOrder/branch-1', start: true },
      { name: 'PrepareInvoice', type: 'Task', branch: 'ProcureOrder/branch-2', start: true },
    ]);
    expect(graph.states.filter((state) => state.start && !state.branch).map((state) => state.name)).toEqual([
      'ConfirmPayment',
    ]);
  });

  it('has an edge for every Next, Choice rule, Default and Catch, the Catch ones flagged', () => {
    expect(edgesFrom('ConfirmPayment').map(({ to, kind }) => [to, kind])).toEqual([
      ['IsPaymentAuthorized', 'next'],
      ['CancellationRequested', 'catch'],
      ['PaymentFailed', 'catch'],
    ]);
    expect(edgesFrom('IsPaymentAuthorized').map(({ to, kind, label }) => [to, kind, label])).toEqual([
      ['ProcureOrder', 'choice', '$.payment.outcome = AUTHORIZED'],
      ['OrderAlreadySettled', 'choice', '$.payment.outcome = SETTLED'],
      ['OrderDeclined', 'default', 'default'],
    ]);
    expect(edgesFrom('ProcureOrder').map(({ to, kind, label }) => [to, kind, label])).toEqual([
      ['IsStockReserved', 'next', undefined],
      ['CancellationRequested', 'catch', 'OrderCancellationRequested'],
      ['ProcurementFailed', 'catch', undefined],
    ]);
    expect(edgesFrom('BookShipment').map(({ to, kind, label }) => [to, kind, label])).toEqual([
      ['CapturePayment', 'next', undefined],
      ['CancellationRequested', 'catch', 'OrderCancellationRequested'],
      ['DispatchFailed', 'catch', undefined],
    ]);
    // A Catch that takes some errors says which; one that takes all of them needs no label.
    expect(edgesFrom('CapturePayment').map(({ to, kind, label }) => [to, kind, label])).toEqual([
      ['DispatchNotRecorded', 'catch', 'DispatchNotRecorded'],
      ['CaptureFailed', 'catch', undefined],
    ]);
    const catchers = allStates(definition).flatMap(([, state]) => (state as { Catch?: unknown[] }).Catch ?? []);
    expect(graph.edges.filter((edge) => edge.kind === 'catch')).toHaveLength(catchers.length);
  });

  it('only links states that exist', () => {
    const names = new Set(graph.states.map((state) => state.name));
    for (const edge of graph.edges) {
      expect(names.has(edge.from) && names.has(edge.to)).toBe(true);
    }
  });

  it('draws a Map’s item processor as one branch inside the Map', () => {
    const mapped = buildWorkflowGraph({
      StartAt: 'EachLine',
      States: {
        EachLine: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'PriceLine', States: { PriceLine: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    expect(mapped.branches).toEqual([{ id: 'EachLine/branch-1', owner: 'EachLine' }]);
    expect(mapped.states[1]).toEqual({ name: 'PriceLine', type: 'Pass', branch: 'EachLine/branch-1', start: true });
  });
});

describe('a Choice rule’s label', () => {
  it.each([
    [{ Variable: '$.total', NumericGreaterThanEquals: 100, Next: 'Big' }, '$.total >= 100'],
    [{ Variable: '$.a', StringEqualsPath: '$.b', Next: 'Same' }, '$.a = $.b'],
    [{ Variable: '$.coupon', IsPresent: true, Next: 'Discount' }, '$.coupon IsPresent true'],
    [{ And: [], Next: 'Both' }, 'And'],
  ])('%j reads %s', (rule, label) => {
    expect(describeChoiceRule(rule)).toBe(label);
  });
});

describe('the layout', () => {
  let layout: GraphLayout;
  beforeAll(async () => {
    layout = await layoutWorkflowGraph(graph);
  });

  const inside = (inner: Box, outer: Box) =>
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height;

  it('places every state, branch and edge within the drawing', () => {
    const drawing = { x: 0, y: 0, width: layout.width, height: layout.height };
    expect(layout.states.map((state) => state.name)).toEqual(graph.states.map((state) => state.name));
    for (const box of [...layout.states, ...layout.branches]) {
      expect(box.width).toBeGreaterThan(0);
      expect(inside(box, drawing)).toBe(true);
    }
    expect(layout.edges).toHaveLength(graph.edges.length);
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
  });

  it('draws the branch states inside their branch box, and the branch boxes inside the Parallel', () => {
    const box = (name: string) => layout.states.find((state) => state.name === name) as Box;
    const branch = (id: string) => layout.branches.find((candidate) => candidate.id === id) as Box;
    expect(layout.states.find((state) => state.name === 'ProcureOrder')?.container).toBe(true);
    expect(inside(box('ReserveStock'), branch('ProcureOrder/branch-1'))).toBe(true);
    expect(inside(box('PrepareInvoice'), branch('ProcureOrder/branch-2'))).toBe(true);
    expect(inside(branch('ProcureOrder/branch-1'), box('ProcureOrder'))).toBe(true);
    expect(inside(branch('ProcureOrder/branch-2'), box('ProcureOrder'))).toBe(true);
    expect(inside(box('BookShipment'), box('ProcureOrder'))).toBe(false);
  });

  it('gives a state a box wide enough for its name', () => {
    const longest = layout.states
      .filter((state) => !state.container)
      .reduce((longer, state) => (state.name.length > longer.name.length ? state : longer));
    expect(longest.name.length).toBeGreaterThanOrEqual('PublishFailureAlert'.length);
    expect(longest.width).toBeGreaterThanOrEqual(longest.name.length * 7);
  });
});
