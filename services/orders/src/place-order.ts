import {
  IdempotencyConflictError,
  newOrder,
  orderIdForIdempotencyKey,
  priceOrder,
  requestFingerprint,
  type Clock,
  type CreateOrderRequest,
  type IdGenerator,
  type Order,
  type OrderRepository,
  type OrderWorkflow,
  type ProductCatalog,
  type StoredOrder,
  WorkflowStartError,
} from '@order-platform/domain';

export interface PlaceOrderDependencies {
  readonly orders: OrderRepository;
  readonly catalog: ProductCatalog;
  readonly workflow: OrderWorkflow;
  readonly clock: Clock;
  readonly newOrderId: IdGenerator;
}

export interface PlaceOrderCommand {
  readonly customerId: string;
  readonly request: CreateOrderRequest;
  readonly idempotencyKey?: string | undefined;
}

export interface PlacedOrder {
  readonly order: Order;
  /** True when an earlier request with the same Idempotency-Key had already placed this order. */
  readonly replayed: boolean;
}

/**
 * Persists a PENDING order priced from the catalog, then starts its workflow execution.
 *
 * With an Idempotency-Key the order id is derived from (customer, key), so retries and concurrent
 * duplicates all meet at one conditional write. Whoever does not write the order still starts the
 * execution while the order is PENDING: that is a no-op when it is already running and the
 * recovery when the first attempt died between the write and the start. An order past PENDING has
 * been taken up by its execution, so a replay answers it as it is now and starts nothing (on AWS a
 * closed execution's name may be reused after 90 days; the key never expires).
 */
export const placeOrder = async (
  deps: PlaceOrderDependencies,
  { customerId, request, idempotencyKey }: PlaceOrderCommand,
): Promise<PlacedOrder> => {
  const fingerprint = requestFingerprint(request);
  if (idempotencyKey === undefined) {
    return createOrder(deps, { orderId: deps.newOrderId(), keyed: false, customerId, request, fingerprint });
  }

  const orderId = orderIdForIdempotencyKey(customerId, idempotencyKey);
  const existing = await deps.orders.get(orderId);
  if (existing) return resumeOrder(deps, existing, fingerprint);
  return createOrder(deps, { orderId, keyed: true, customerId, request, fingerprint });
};

interface OrderToCreate {
  readonly orderId: string;
  readonly keyed: boolean;
  readonly customerId: string;
  readonly request: CreateOrderRequest;
  readonly fingerprint: string;
}

const createOrder = async (
  deps: PlaceOrderDependencies,
  { orderId, keyed, customerId, request, fingerprint }: OrderToCreate,
): Promise<PlacedOrder> => {
  const products = await deps.catalog.findBySkus(request.items.map((line) => line.sku));
  const priced = priceOrder(request.items, request.currency, products);
  const order = newOrder({ orderId, customerId, request, priced, now: deps.clock() });

  const inserted = await deps.orders.insert({
    order,
    paymentToken: request.payment.token,
    requestFingerprint: fingerprint,
  });
  if (!inserted) {
    const winner = await deps.orders.get(orderId);
    if (!winner) throw new Error(`Order ${orderId} exists but could not be read back`);
    return resumeOrder(deps, winner, fingerprint);
  }

  await startWorkflow(deps, order, { keyed });
  return { order, replayed: false };
};

const resumeOrder = async (
  deps: PlaceOrderDependencies,
  stored: StoredOrder,
  fingerprint: string,
): Promise<PlacedOrder> => {
  if (stored.requestFingerprint !== fingerprint) throw new IdempotencyConflictError(stored.order.orderId);
  if (stored.order.status === 'PENDING') await startWorkflow(deps, stored.order, { keyed: true });
  return { order: stored.order, replayed: true };
};

/**
 * A keyed order stays when its start fails: the client's retry with the same key starts it. A
 * keyless order is withdrawn instead, since no retry can ever find it again; only an order no
 * one else can know the id of is withdrawn, so no concurrent request is affected.
 */
const startWorkflow = async (deps: PlaceOrderDependencies, order: Order, { keyed }: { keyed: boolean }) => {
  try {
    await deps.workflow.start(order);
  } catch (error) {
    const withdrawn = !keyed && (await deps.orders.withdrawPending(order.orderId).catch(() => false));
    throw new WorkflowStartError(order.orderId, !withdrawn, error);
  }
};
