import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from '@order-platform/domain';
import { whenConditionHolds } from '@order-platform/persistence';
import type { InvoiceStore, VoidedBeforeIssue } from './ports';

/** Invoices by order id: one per order, written with a conditional put, so a retry finds the first. */
export const buildInvoiceStore = (documentClient: DynamoDBDocumentClient, tableName: string): InvoiceStore => ({
  async issue(invoice) {
    const written = await whenConditionHolds(
      documentClient.send(
        new PutCommand({ TableName: tableName, Item: invoice, ConditionExpression: 'attribute_not_exists(orderId)' }),
      ),
    );
    if (written) return invoice;
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { orderId: invoice.orderId }, ConsistentRead: true }),
    );
    return Item as Invoice | VoidedBeforeIssue;
  },

  async void(orderId, at) {
    // Unconditional: with no invoice yet this leaves a VOID record, so a PrepareInvoice still
    // running in the failed Parallel branch cannot issue one after the compensation has run.
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { orderId },
        UpdateExpression: 'SET #status = :void, voidedAt = if_not_exists(voidedAt, :at)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':void': 'VOID', ':at': at.toISOString() },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes?.invoiceNumber !== undefined;
  },
});
