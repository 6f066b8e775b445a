import {
  isTerminal,
  type LiveOrders,
  type Order,
  type OrderWorkflow,
  type Product,
  type ProductCatalog,
  type StoredOrder,
} from '@order-platform/domain';
import { workflowInputFor } from '@order-platform/workflow';

export { inMemoryOrderRepository } from '@order-platform/domain/testing';

// Fakes of the ports for use-case and handler tests. They keep the contracts the real adapters
// keep (conditional insert, newest-first pages, idempotent start), so tests can rely on them.

export const inMemoryCatalog = (products: readonly Product[]): ProductCatalog => ({
  async findBySkus(skus) {
    return new Map(products.filter((product) => skus.includes(product.sku)).map((product) => [product.sku, product]));
  },
  async listAll() {
    return [...products].sort((a, b) => a.sku.localeCompare(b.sku));
  },
});

/** Records every start; a second start of the same execution name is ignored, as on AWS. */
export const recordingWorkflow = (): OrderWorkflow & {
  readonly starts: Order[];
  readonly executions: Map<string, string>;
} => {
  const starts: Order[] = [];
  const executions = new Map<string, string>();
  return {
    starts,
    executions,
    async start(order) {
      starts.push(order);
      // The input is built from the order: StartExecution is idempotent only for the same input.
      const serialized = JSON.stringify(workflowInputFor(order));
      const existing = executions.get(order.orderId);
      if (existing !== undefined && existing !== serialized)
        throw new Error('ExecutionAlreadyExists with another input');
      executions.set(order.orderId, serialized);
    },
  };
};

/**
 * The index of live orders over an in-memory repository's orders, as the DynamoDB one keeps it:
 * orders not terminal, placed before the cutoff, oldest first, one page of `pageSize` at a time;
 * the alert note written only on a live order that has none.
 */
export const inMemoryLiveOrders = (
  stored: Map<string, StoredOrder>,
  { pageSize = 2 } = {},
): LiveOrders & { readonly notes: string[] } => {
  const notes: string[] = [];
  const live = (orderId: string) => {
    const found = stored.get(orderId);
    return found && !isTerminal(found.order.status) ? found : undefined;
  };
  return {
    notes,
    async *placedBefore(before) {
      const entries = [...stored.values()]
        .filter(({ order }) => !isTerminal(order.status) && order.createdAt < before.toISOString())
        .map(({ order }) => ({ orderId: order.orderId, createdAt: order.createdAt }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (let start = 0; start < entries.length; start += pageSize) yield entries.slice(start, start + pageSize);
    },
    async noteAlerted(orderId, at) {
      const found = live(orderId);
      if (!found || found.strandedAlertedAt !== undefined) return false;
      stored.set(orderId, { ...found, strandedAlertedAt: at.toISOString() });
      notes.push(orderId);
      return true;
    },
    async forgetAlerted(orderId, at) {
      const found = stored.get(orderId);
      if (found?.strandedAlertedAt !== at.toISOString()) return;
      const { strandedAlertedAt: _forgotten, ...rest } = found;
      stored.set(orderId, rest);
    },
  };
};
