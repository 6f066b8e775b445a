import type { Order } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { ExecutionStatus } from '@order-platform/ops/report';
import { workflowInputFor } from '@order-platform/workflow';
import { inMemoryLiveOrders, recordingWorkflow } from '../../src/in-memory-adapters';
import type { ExecutionLookup, StrandedOrder } from '../../src/ports';
import { reconcileOrders, reconcileOrdersHandler, type ReconcileOrdersDependencies } from './reconcile-orders';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const LIVE_FOR_SECONDS = 300;
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const arnOf = (orderId: string) =>
  `arn:aws:states:eu-west-1:123456789012:execution:order-platform-test-order-workflow:${orderId}`;

/** The ports, faked as their adapters behave: an execution exists once started, RUNNING unless told. */
const reconciler = () => {
  const repository = inMemoryOrderRepository();
  const liveOrders = inMemoryLiveOrders(repository.stored);
  const workflow = recordingWorkflow();
  const statuses = new Map<string, ExecutionStatus>();
  const executions: ExecutionLookup = {
    async find(orderId) {
      const status = statuses.get(orderId) ?? (workflow.executions.has(orderId) ? 'RUNNING' : undefined);
      return status && { executionArn: arnOf(orderId), status };
    },
  };
  const published: StrandedOrder[] = [];
  const alerts = { failNext: false };
  const logs = recordingLogs();
  const deps: ReconcileOrdersDependencies = {
    liveOrders,
    orders: repository,
    workflow,
    executions,
    alerts: {
      async publish(stranded) {
        if (alerts.failNext) {
          alerts.failNext = false;
          throw new Error('SNS is unavailable');
        }
        published.push(stranded);
      },
    },
    clock: () => NOW,
    stage: 'test',
    liveForSeconds: LIVE_FOR_SECONDS,
  };
  const place = async (overrides: Partial<Order>, execution?: ExecutionStatus) => {
    const order = anOrder(overrides);
    await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    if (execution) statuses.set(order.orderId, execution);
    return order;
  };
  return { deps, repository, liveOrders, workflow, statuses, published, alerts, logs, place };
};

describe('reconcileOrders', () => {
  it('starts the execution of a live order that has none, with the input create-order gives it', async () => {
    const { deps, workflow, place } = reconciler();
    const stranded = await place({ createdAt: minutesAgo(30) });

    const report = await reconcileOrders(deps);

    expect(report).toEqual({ examined: 1, started: [stranded.orderId], alerted: [], failed: [] });
    expect(workflow.starts).toEqual([stranded]);
    expect(workflow.executions.get(stranded.orderId)).toBe(JSON.stringify(workflowInputFor(stranded)));
  });

  it('leaves alone an order younger than the threshold: its create-order Lambda may still start it', async () => {
    const { deps, workflow, place } = reconciler();
    await place({ createdAt: minutesAgo(4) });

    expect(await reconcileOrders(deps)).toEqual({ examined: 0, started: [], alerted: [], failed: [] });
    expect(workflow.starts).toEqual([]);
  });

  it.each(['RUNNING', 'PENDING_REDRIVE'] as const)('leaves an order whose execution is %s', async (status) => {
    const { deps, workflow, published, place } = reconciler();
    await place({ createdAt: minutesAgo(30), status: 'PAYMENT_CONFIRMED' }, status);

    expect(await reconcileOrders(deps)).toEqual({ examined: 1, started: [], alerted: [], failed: [] });
    expect(workflow.starts).toEqual([]);
    expect(published).toEqual([]);
  });

  it.each(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const)(
    'alerts ops once about a live order whose execution is %s, with what it found',
    async (status) => {
      const { deps, workflow, published, place } = reconciler();
      const order = await place({ createdAt: minutesAgo(45), status: 'PROCURED' }, status);

      const first = await reconcileOrders(deps);
      const second = await reconcileOrders(deps);

      const expected: StrandedOrder = {
        orderId: order.orderId,
        orderStatus: 'PROCURED',
        liveSince: minutesAgo(45),
        executionStatus: status,
        executionArn: arnOf(order.orderId),
        stage: 'test',
        detectedAt: NOW.toISOString(),
      };
      expect(first).toEqual({ examined: 1, started: [], alerted: [expected], failed: [] });
      expect(second).toEqual({ examined: 1, started: [], alerted: [], failed: [] });
      expect(published).toEqual([expected]);
      expect(workflow.starts).toEqual([]);
    },
  );

  it('reads every page of live orders, oldest first, and skips those that reached a terminal status', async () => {
    const { deps, workflow, place } = reconciler();
    const placed: Order[] = [];
    for (const minutes of [10, 50, 30, 20, 40]) placed.push(await place({ createdAt: minutesAgo(minutes) }));
    await place({ createdAt: minutesAgo(60), status: 'DISPATCHED' });
    await place({ createdAt: minutesAgo(70), status: 'FAILED' }, 'FAILED');

    const report = await reconcileOrders(deps);

    const oldestFirst = [...placed].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(report.started).toEqual(oldestFirst.map((order) => order.orderId));
    expect(workflow.starts).toHaveLength(5);
  });

  it('does not alert an order that reached a terminal status after the index was read', async () => {
    const { deps, repository, published, place } = reconciler();
    const order = await place({ createdAt: minutesAgo(30), status: 'PROCURED' }, 'SUCCEEDED');
    const index = deps.liveOrders;
    const lagging = {
      ...index,
      async *placedBefore(before: Date) {
        for await (const page of index.placedBefore(before)) {
          // The last step records DISPATCHED between the Query and the reads that follow it.
          const stored = repository.stored.get(order.orderId);
          if (stored)
            repository.stored.set(order.orderId, { ...stored, order: { ...stored.order, status: 'DISPATCHED' } });
          yield page;
        }
      },
    };

    expect(await reconcileOrders({ ...deps, liveOrders: lagging })).toEqual({
      examined: 0,
      started: [],
      alerted: [],
      failed: [],
    });
    expect(published).toEqual([]);
  });

  it('takes back its note when the alert cannot be sent, so the next run alerts', async () => {
    const { deps, alerts, published, repository, place } = reconciler();
    const order = await place({ createdAt: minutesAgo(30) }, 'ABORTED');
    alerts.failNext = true;

    const failedRun = await reconcileOrders(deps);

    expect(failedRun.failed).toEqual([{ orderId: order.orderId, error: new Error('SNS is unavailable') }]);
    expect(repository.stored.get(order.orderId)?.strandedAlertedAt).toBeUndefined();
    expect((await reconcileOrders(deps)).alerted.map((stranded) => stranded.orderId)).toEqual([order.orderId]);
    expect(published).toHaveLength(1);
  });

  it('alerts once when two runs find the same order at once', async () => {
    const { deps, published, place } = reconciler();
    await place({ createdAt: minutesAgo(30) }, 'FAILED');

    const [one, other] = await Promise.all([reconcileOrders(deps), reconcileOrders(deps)]);

    expect(one.alerted.length + other.alerted.length).toBe(1);
    expect(published).toHaveLength(1);
  });
});

describe('reconcileOrdersHandler', () => {
  it('logs each order it acted on and one line counting what it examined, started and alerted', async () => {
    const { deps, logs, place } = reconciler();
    const missing = await place({ createdAt: minutesAgo(30) });
    const closed = await place({ createdAt: minutesAgo(20) }, 'FAILED');
    await place({ createdAt: minutesAgo(10) }, 'RUNNING');

    const summary = await reconcileOrdersHandler({ ...deps, loggerFor: logs.loggerFor })({}, {});

    expect(summary).toMatchObject({ examined: 3, started: [missing.orderId], failed: [] });
    expect(summary.alerted.map((stranded) => stranded.orderId)).toEqual([closed.orderId]);
    expect(logs.lines.map((line) => [line.message, line.orderId])).toEqual([
      ['Started the execution of a live order that had none', missing.orderId],
      ['Alerted ops: the order is live but its execution has closed', closed.orderId],
      ['Live orders reconciled', undefined],
    ]);
    const metrics = logs.lines.at(-1) as Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown[] } };
    expect(metrics).toMatchObject({
      stage: 'test',
      LiveOrdersExamined: 3,
      MissingExecutionsStarted: 1,
      StrandedOrdersAlerted: 1,
    });
    expect(metrics._aws.CloudWatchMetrics).toHaveLength(3);
  });

  it('writes no line when no live order is past the threshold', async () => {
    const { deps, logs, place } = reconciler();
    await place({ createdAt: minutesAgo(1) });

    expect(await reconcileOrdersHandler({ ...deps, loggerFor: logs.loggerFor })({}, {})).toEqual({
      examined: 0,
      started: [],
      alerted: [],
      failed: [],
    });
    expect(logs.lines).toEqual([]);
  });

  it('fails the run after reconciling the others when an order cannot be reconciled', async () => {
    const { deps, logs, workflow, place } = reconciler();
    const unreadable = await place({ createdAt: minutesAgo(40) });
    const stranded = await place({ createdAt: minutesAgo(30) });
    const executions: ExecutionLookup = {
      async find(orderId) {
        if (orderId === unreadable.orderId) throw new Error('ThrottlingException');
        return deps.executions.find(orderId);
      },
    };

    await expect(
      reconcileOrdersHandler({ ...deps, executions, loggerFor: logs.loggerFor })({}, {}),
    ).rejects.toMatchObject({ name: 'OrdersNotReconciled', orderIds: [unreadable.orderId] });
    expect(workflow.starts.map((order) => order.orderId)).toEqual([stranded.orderId]);
    expect(logs.lines.find((line) => line.level === 'ERROR')).toMatchObject({
      message: 'Could not reconcile the order',
      orderId: unreadable.orderId,
    });
  });
});
