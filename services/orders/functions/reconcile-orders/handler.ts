import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { requiredEnv } from '@order-platform/lambda';
import { buildLiveOrders, buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { buildSnsStrandedOrderAlerts } from '../../src/sns-stranded-order-alerts';
import { buildExecutionLookup, buildStepFunctionsWorkflow } from '../../src/step-functions-workflow';
import { reconcileOrdersHandler } from './reconcile-orders';

const documentClient = createDocumentClient();
const stepFunctions = new SFNClient({});
const ordersTable = requiredEnv('ORDERS_TABLE');
const liveForSeconds = Number(requiredEnv('RECONCILE_AFTER_SECONDS'));
if (!Number.isInteger(liveForSeconds) || liveForSeconds <= 0) {
  throw new Error('RECONCILE_AFTER_SECONDS must be a whole number of seconds above 0');
}

export const handler = reconcileOrdersHandler({
  liveOrders: buildLiveOrders(documentClient, ordersTable),
  orders: buildOrderRepository(documentClient, ordersTable),
  // Started as create-order starts it: through the live alias, by the order's name.
  workflow: buildStepFunctionsWorkflow(stepFunctions, requiredEnv('ORDER_WORKFLOW_ALIAS_ARN')),
  executions: buildExecutionLookup(stepFunctions, requiredEnv('ORDER_WORKFLOW_ALIAS_ARN')),
  alerts: buildSnsStrandedOrderAlerts(new SNSClient({}), requiredEnv('ALERT_TOPIC_ARN')),
  clock: () => new Date(),
  stage: requiredEnv('STAGE'),
  liveForSeconds,
});
