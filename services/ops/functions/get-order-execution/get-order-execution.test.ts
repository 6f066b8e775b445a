import { ExecutionNotFoundError } from '@order-platform/domain';
import { anHttpEvent } from '@order-platform/http/testing';
import { OPS_SCOPE, type ExecutionReport } from '@order-platform/ops';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { Context } from 'aws-lambda';
import { getOrderExecutionHandler } from './get-order-execution';

const context = {} as Context;
const report: ExecutionReport = {
  orderId: 'order-1',
  executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:wf:order-1',
  status: 'FAILED',
  startedAt: '2026-11-21T12:00:00.000Z',
  states: [],
  failedState: { name: 'ReserveStock', error: 'OutOfStock', cause: 'Not enough stock' },
  compensation: ['ReleaseStock', 'RefundPayment'],
  retries: 0,
};
const handler = getOrderExecutionHandler({
  executions: {
    report: async (orderId) => {
      if (orderId !== report.orderId) throw new ExecutionNotFoundError(orderId);
      return report;
    },
  },
});
const get = (orderId: string, scopes: string[]) =>
  handler(anHttpEvent({ pathParameters: { orderId }, scopes, customerId: 'ops-1' }), context);

describe('GET /ops/orders/{orderId}/execution', () => {
  it('answers an ops token with the execution report', async () => {
    const result = await get('order-1', [OPS_SCOPE]);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual(report);
  });

  it('answers 404 for an order without an execution', async () => {
    const result = await get('order-2', [OPS_SCOPE]);
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body as string)).toMatchObject({ type: 'urn:order-platform:problem:execution-not-found' });
  });

  it('answers 404 when the route gave no order id', async () => {
    const result = await handler(anHttpEvent({ scopes: [OPS_SCOPE] }), context);
    expect(result.statusCode).toBe(404);
  });

  it('names the operator, the order and its execution on the line it logs', async () => {
    const logs = recordingLogs();
    const logged = getOrderExecutionHandler({ executions: { report: async () => report }, loggerFor: logs.loggerFor });

    await logged(
      anHttpEvent({ pathParameters: { orderId: 'order-1' }, scopes: [OPS_SCOPE], customerId: 'ops-1' }),
      context,
    );

    expect(logs.lines).toEqual([
      expect.objectContaining({ operator: 'ops-1', orderId: 'order-1', executionName: 'order-1', statusCode: 200 }),
    ]);
  });

  it('answers 403 to a customer token, without reading anything', async () => {
    const result = await get('order-1', []);
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body as string)).toMatchObject({ detail: `This token lacks the ${OPS_SCOPE} scope.` });
  });
});
