import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, markLiveOrders } from '@order-platform/persistence';
import { parseArgs } from 'node:util';

// npm run mark-live-orders -- --stage <stage> [--region eu-west-1]
// Once, after the deploy that added the liveOrders index: orders placed before it and still live
// join the index, so the reconciler sees them. Uses your usual AWS credentials; needs
// dynamodb:Scan and dynamodb:UpdateItem on the stage's orders table.

const { values } = parseArgs({
  options: { stage: { type: 'string' }, region: { type: 'string', default: 'eu-west-1' } },
});
if (!values.stage) {
  console.error('usage: npm run mark-live-orders -- --stage <stage> [--region <region>]');
  process.exit(2);
}
const tableName = `order-platform-${values.stage}-orders`;
const client = new DynamoDBClient({ region: values.region });

markLiveOrders(createDocumentClient(client), tableName).then(
  (marked) => console.log(`${tableName}: ${marked} live order(s) added to the liveOrders index`),
  (error: Error) => {
    console.error(`${tableName}: ${error.name}: ${error.message}`);
    process.exit(1);
  },
);
