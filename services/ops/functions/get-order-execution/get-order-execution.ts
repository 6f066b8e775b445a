import { httpApiHandler, json, requireScope } from '@order-platform/http';
import { orderLogKeys, type Logging } from '@order-platform/lambda';
import { OPS_SCOPE, type ExecutionReader } from '@order-platform/ops';

/**
 * GET /ops/orders/{orderId}/execution: the order's workflow execution, its status and its
 * history read as ops need it (states, retries, the failed state, the compensation).
 */
export const getOrderExecutionHandler = (deps: { executions: Pick<ExecutionReader, 'report'> } & Logging) =>
  httpApiHandler(async (event, logger) => {
    logger.appendKeys({ operator: requireScope(event, OPS_SCOPE) });
    const orderId = event.pathParameters?.orderId ?? '';
    if (orderId.length > 0) logger.appendKeys(orderLogKeys(orderId));
    const report = await deps.executions.report(orderId);
    return json(200, report, { 'cache-control': 'no-store' });
  }, deps);
