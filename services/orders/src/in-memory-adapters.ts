import type { Order, OrderWorkflow, Product, ProductCatalog } from '@order-platform/domain';
import { workflowInputFor } from '@order-platform/workflow';

export { inMemoryOrderRepository } from '@order-platform/domain/testing';

// Fakes of the ports for use-case and handler tests. They keep the contracts the real adapters
// keep (conditional insert, newest-first pages, idempotent start), so tests can rely on them.

export const inMemoryCatalog = (products: readonly Product[]): ProductCatalog => ({
  async findBySkus(skus) {
    return new Map(products.filter((product) => skus.includes(product.sku)).map((product) => [product.sku, product]));
  },
  async listAll() {
    return products;
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
