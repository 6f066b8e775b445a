import { httpApiHandler, json, requireScope } from '@order-platform/http';
import { OPS_SCOPE, type ExecutionReader } from '@order-platform/ops';

/**
 * GET /ops/orders/{orderId}/execution: the order's workflow execution, its status and its
 * history read as ops need it (states, retries, the failed state, the compensation).
 */
export const getOrderExecutionHandler = (deps: { executions: Pick<ExecutionReader, 'report'> }) =>
  httpApiHandler(async (event) => {
    requireScope(event, OPS_SCOPE);
    const report = await deps.executions.report(event.pathParameters?.orderId ?? '');
    return json(200, report, { 'cache-control': 'no-store' });
  });
