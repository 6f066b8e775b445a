import type {
  OrderRepository,
  OrderWorkflow,
  Product,
  ProductCatalog,
  StoredOrder,
  WorkflowInput,
} from '@order-platform/domain';

// Fakes of the ports for use-case and handler tests. They keep the contracts the real adapters
// keep (conditional insert, newest-first pages, idempotent start), so tests can rely on them.

export const inMemoryOrderRepository = (): OrderRepository & { readonly stored: Map<string, StoredOrder> } => {
  const stored = new Map<string, StoredOrder>();
  return {
    stored,
    async insert(order) {
      if (stored.has(order.order.orderId)) return false;
      stored.set(order.order.orderId, structuredClone(order));
      return true;
    },
    async get(orderId) {
      const found = stored.get(orderId);
      return found && structuredClone(found);
    },
    async withdrawPending(orderId) {
      if (stored.get(orderId)?.order.status !== 'PENDING') return false;
      return stored.delete(orderId);
    },
    async listByCustomer(customerId, { limit, cursor }) {
      const mine = [...stored.values()]
        .map((entry) => entry.order)
        .filter((order) => order.customerId === customerId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const start = cursor === undefined ? 0 : Number(cursor);
      const page = mine.slice(start, start + limit);
      return {
        orders: page,
        ...(start + limit < mine.length ? { nextCursor: String(start + limit) } : {}),
      };
    },
  };
};

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
  readonly starts: WorkflowInput[];
  readonly executions: Map<string, string>;
} => {
  const starts: WorkflowInput[] = [];
  const executions = new Map<string, string>();
  return {
    starts,
    executions,
    async start(input) {
      starts.push(input);
      const serialized = JSON.stringify(input);
      const existing = executions.get(input.orderId);
      if (existing !== undefined && existing !== serialized)
        throw new Error('ExecutionAlreadyExists with another input');
      executions.set(input.orderId, serialized);
    },
  };
};
