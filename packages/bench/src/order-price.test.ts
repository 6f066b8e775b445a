import type { OrderCost } from './cost-per-order';
import type { DynamoDbCall } from './dynamodb-recorder';
import { logBytesByFunction, orderPriceSection, priceOrders } from './order-price';
import type { PeerRun } from './peer';

const call = (operation: string, capacityUnits: number, itemsWritten: number): DynamoDbCall => ({
  operation,
  tables: ['orders'],
  request: {},
  status: 200,
  capacityUnits,
  itemsRead: 0,
  itemsWritten,
});

const line = (functionName: string, message: string) => JSON.stringify({ level: 'INFO', functionName, message });

const cost: OrderCost = {
  states: ['ConfirmPayment', 'IsPaymentApproved', 'BookShipment'],
  transitions: 3,
  lambdaInvocations: 3,
  stepLambdas: ['ConfirmPayment', 'BookShipment'],
  serviceIntegrations: 0,
  dynamoDb: [
    call('PutItem', 1, 1),
    call('UpdateItem', 2, 1),
    call('GetItem', 0.5, 0),
    { ...call('GetItem', 1, 0), status: 400 },
  ],
  naive: { states: ['a', 'b', 'c', 'd', 'e'], lambdaTasks: 3 },
  apiRequests: 1,
  stepDurations: [
    { state: 'ConfirmPayment', ms: 9.2 },
    { state: 'BookShipment', ms: 19.5 },
  ],
  logLines: [
    line('order-platform-local-createOrder', 'Order accepted'),
    line('order-platform-local-confirmPayment', 'Payment confirmed'),
    line('order-platform-local-bookShipment', 'Shipment booked'),
    'offline: POST /orders (λ: createOrder)',
    '{"not":"ours"}',
  ],
};

const peer: PeerRun = {
  load: [2, 3],
  comparisons: [
    {
      functionName: 'createOrder',
      route: 'POST /orders',
      ours: { bytes: 1, importMs: [40], warmMs: [9.5, 10.5], logBytesPerRequest: 100 },
      peer: { bytes: 2, importMs: [120], warmMs: [19.5, 20.5], logBytesPerRequest: 300 },
    },
  ],
};

const memoryMb = { createOrder: 1024, confirmPayment: 512, bookShipment: 512 };

describe('log bytes per function', () => {
  it('counts each JSON line with its newline under the function’s own name, and nothing else', () => {
    const bytes = logBytesByFunction(cost.logLines);

    expect([...bytes.keys()]).toEqual(['createOrder', 'confirmPayment', 'bookShipment']);
    expect(bytes.get('createOrder')).toBe(line('order-platform-local-createOrder', 'Order accepted').length + 1);
  });
});

describe('the price of an order', () => {
  const priced = priceOrders({ cost, peer, memoryMb });
  const [ours, naive, peerBuild] = priced.designs;
  const perOrder = (design: typeof ours, key: string) =>
    design.lines.find((candidate) => candidate.key === key)?.perOrder;

  it('bills each Lambda its rounded-up duration times its memory', () => {
    // createOrder: mean of 10 and 11 ms at 1 GB; the steps 10 and 20 ms at 0.5 GB.
    expect(perOrder(ours, 'lambdaArmGbSecond')).toBeCloseTo(0.0105 + 0.005 + 0.01, 10);
    expect(perOrder(peerBuild, 'lambdaArmGbSecond')).toBeCloseTo(0.0205 + 0.005 + 0.01, 10);
  });

  it('counts write units, and read units of answered reads only', () => {
    expect(perOrder(ours, 'dynamoDbWriteRequestUnit')).toBe(3);
    expect(perOrder(ours, 'dynamoDbReadRequestUnit')).toBe(0.5);
  });

  it('prices the naive design with its extra Lambdas at the shortest step, and its transitions', () => {
    expect(priced.extraNaiveLambdas).toBe(1);
    expect(perOrder(naive, 'lambdaRequest')).toBe(4);
    expect(perOrder(naive, 'stepFunctionsTransition')).toBe(5);
    expect(perOrder(naive, 'lambdaArmGbSecond')).toBeCloseTo(0.0255 + 0.005, 10);
  });

  it('gives the peer build the peer’s createOrder log bytes and keeps the steps’', () => {
    const stepBytes =
      (logBytesByFunction(cost.logLines).get('confirmPayment') ?? 0) +
      (logBytesByFunction(cost.logLines).get('bookShipment') ?? 0);

    expect(perOrder(peerBuild, 'cloudWatchLogsGb')).toBeCloseTo((stepBytes + 300) / 1e9, 15);
  });

  it('prices 1,000 orders: 3 transitions at $0.025 per 1,000 are $0.075', () => {
    expect(ours.lines.find((candidate) => candidate.key === 'stepFunctionsTransition')?.usdPer1000).toBeCloseTo(
      0.075,
      10,
    );
    expect(ours.usdPer1000).toBeCloseTo(
      ours.lines.reduce((sum, candidate) => sum + candidate.usdPer1000, 0),
      12,
    );
  });

  it('is complete only when every step was timed and logged, and createOrder logged', () => {
    expect(priced.complete).toBe(true);
    expect(priceOrders({ cost: { ...cost, logLines: cost.logLines.slice(1) }, peer, memoryMb }).complete).toBe(false);
    expect(
      priceOrders({ cost: { ...cost, stepDurations: cost.stepDurations.slice(1) }, peer, memoryMb }).complete,
    ).toBe(false);
  });

  it('refuses a peer run without createOrder', () => {
    expect(() => priceOrders({ cost, peer: { ...peer, comparisons: [] }, memoryMb })).toThrow('no createOrder');
  });
});

describe('the order price section', () => {
  it('names the largest line, what would halve it, and cites every price', () => {
    const section = orderPriceSection({ cost, peer, memoryMb });

    expect(section.met).toBe(true);
    expect(section.markdown).toContain('The largest line is **Step Functions Standard state transitions**');
    expect(section.markdown).toContain(
      '| Step Functions Standard state transitions | 3: $0.0750 | 5: $0.1250 | 3: $0.0750 |',
    );
    expect(section.markdown).toContain('https://aws.amazon.com/step-functions/pricing/');
    expect(section.markdown).toMatch(/read on \d{4}-\d{2}-\d{2}/);
  });
});
