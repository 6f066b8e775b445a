import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { existsSync } from 'node:fs';
import {
  costSection,
  NAIVE_DESIGN,
  stepDurationsIn,
  stepLambdasIn,
  transitionsIn,
  type OrderCost,
} from './cost-per-order';
import type { DynamoDbCall } from './dynamodb-recorder';

const entered = (id: number, type: string, name: string): HistoryEvent => ({
  id,
  type: type as HistoryEvent['type'],
  timestamp: new Date(0),
  stateEnteredEventDetails: { name },
});

describe('transitions in an execution history', () => {
  it('counts every state entered, whatever its type, and nothing else', () => {
    const events: HistoryEvent[] = [
      { id: 1, type: 'ExecutionStarted', timestamp: new Date(0) },
      entered(2, 'TaskStateEntered', 'ConfirmPayment'),
      { id: 3, type: 'LambdaFunctionScheduled', timestamp: new Date(0), previousEventId: 2 },
      { id: 4, type: 'TaskStateExited', timestamp: new Date(0) },
      entered(5, 'ChoiceStateEntered', 'IsPaymentApproved'),
      entered(6, 'ParallelStateEntered', 'ProcureOrder'),
      { id: 7, type: 'ExecutionSucceeded', timestamp: new Date(0) },
    ];

    expect(transitionsIn(events)).toEqual(['ConfirmPayment', 'IsPaymentApproved', 'ProcureOrder']);
  });

  it('names each Lambda the workflow invoked by the state that scheduled it', () => {
    const events: HistoryEvent[] = [
      entered(2, 'TaskStateEntered', 'ConfirmPayment'),
      { id: 3, type: 'LambdaFunctionScheduled', timestamp: new Date(0), previousEventId: 2 },
      entered(4, 'TaskStateEntered', 'UpdateStatus'),
      { id: 5, type: 'TaskScheduled', timestamp: new Date(0), previousEventId: 4 },
      entered(6, 'TaskStateEntered', 'ReserveStock'),
      { id: 7, type: 'LambdaFunctionScheduled', timestamp: new Date(0), previousEventId: 6 },
      { id: 8, type: 'LambdaFunctionScheduled', timestamp: new Date(0), previousEventId: 99 },
    ];

    expect(stepLambdasIn(events)).toEqual(['ConfirmPayment', 'ReserveStock', '?']);
  });

  it('times each Lambda from its start to its outcome, retried attempts apart', () => {
    const at = (ms: number) => new Date(1_000 + ms);
    const events: HistoryEvent[] = [
      entered(2, 'TaskStateEntered', 'ConfirmPayment'),
      { id: 3, type: 'LambdaFunctionScheduled', timestamp: at(0), previousEventId: 2 },
      { id: 4, type: 'LambdaFunctionStarted', timestamp: at(1), previousEventId: 3 },
      { id: 5, type: 'LambdaFunctionFailed', timestamp: at(13), previousEventId: 4 },
      { id: 6, type: 'LambdaFunctionScheduled', timestamp: at(20), previousEventId: 2 },
      { id: 7, type: 'LambdaFunctionStarted', timestamp: at(21), previousEventId: 6 },
      { id: 8, type: 'LambdaFunctionSucceeded', timestamp: at(30), previousEventId: 7 },
    ];

    expect(stepDurationsIn(events)).toEqual([
      { state: 'ConfirmPayment', ms: 12 },
      { state: 'ConfirmPayment', ms: 9 },
    ]);
  });

  it("counts a state entered without its name as '?'", () => {
    expect(transitionsIn([{ id: 1, type: 'PassStateEntered', timestamp: new Date(0) }])).toEqual(['?']);
  });
});

describe('the naive design', () => {
  it('is read from the file the report names', () => {
    expect(NAIVE_DESIGN.endsWith('packages/bench/src/naive-order-workflow.asl.yml')).toBe(true);
    expect(existsSync(NAIVE_DESIGN)).toBe(true);
  });
});

describe('the cost verdict', () => {
  const cost = (transitions: number): OrderCost => ({
    states: Array.from({ length: transitions }, (_, i) => `State${i}`),
    transitions,
    lambdaInvocations: 5,
    stepLambdas: ['ConfirmPayment', 'ReserveStock', 'PrepareInvoice', 'BookShipment'],
    serviceIntegrations: 0,
    dynamoDb: [],
    naive: { states: Array.from({ length: 10 }, (_, i) => `Naive${i}`), lambdaTasks: 7 },
    apiRequests: 1,
    stepDurations: [],
    logLines: [],
  });

  it('is met at a third fewer transitions than the naive design, with the price of each', () => {
    const section = costSection(cost(6));

    expect(section.met).toBe(true);
    expect(section.markdown).toContain('| Standard-workflow price per 1,000 orders | $0.15 | $0.25 |');
  });

  it('is missed short of a third', () => {
    const section = costSection(cost(7));

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('a third fewer transitions than the naive design: 30% fewer, **missed**.');
  });

  it('shows the transitions, Lambda invocations and states of both designs', () => {
    const { goal, markdown } = costSection(cost(6));

    expect(goal).toBe('≥ ⅓ fewer state transitions per happy-path order than the naive design');
    expect(markdown).toContain('| state transitions | 6 | 10 |');
    expect(markdown).toContain(
      '| Lambda invocations | 5: createOrder, ConfirmPayment, ReserveStock, PrepareInvoice, BookShipment | 8: createOrder and 7 tasks |',
    );
    expect(markdown).toContain('- States this workflow entered: State0 → State1 → State2 → State3 → State4 → State5.');
    expect(markdown).toContain('- States the naive design entered: Naive0 → Naive1');
    expect(markdown).toContain('a third fewer transitions than the naive design: 40% fewer, **met**.');
    expect(markdown).not.toContain('DynamoDB requests refused');
  });

  it("sums the order's DynamoDB writes and reads, by operation and table, and lists what DynamoDB refused", () => {
    const call = (operation: string, table: string, overrides: Partial<DynamoDbCall>): DynamoDbCall => ({
      operation,
      tables: [`order-platform-local-${table}`],
      request: {},
      status: 200,
      capacityUnits: 1,
      itemsRead: 0,
      itemsWritten: 0,
      ...overrides,
    });
    const section = costSection({
      ...cost(6),
      serviceIntegrations: 3,
      dynamoDb: [
        call('GetItem', 'orders', { capacityUnits: 0.5, itemsRead: 1 }),
        call('PutItem', 'orders', { itemsWritten: 1 }),
        call('BatchGetItem', 'catalog', { itemsRead: 2 }),
        call('UpdateItem', 'catalog', { capacityUnits: 2, itemsWritten: 1 }),
        call('UpdateItem', 'catalog', { capacityUnits: 2, itemsWritten: 1 }),
        call('PutItem', 'orders', { status: 400, capacityUnits: 1 }),
      ],
    });

    expect(section.markdown).toContain('| Step Functions service integrations | 3 | 0 |');
    expect(section.markdown).toContain('| DynamoDB items written | 3 in 3 requests, 5 WCU | not run |');
    expect(section.markdown).toContain('| DynamoDB reads | 2 requests, 1.5 RCU | not run |');
    expect(section.markdown).toContain(
      '- DynamoDB writes by operation and table: PutItem orders ×1; UpdateItem catalog ×2.',
    );
    expect(section.markdown).toContain('- DynamoDB requests refused: PutItem order-platform-local-orders (400).');
  });
});
