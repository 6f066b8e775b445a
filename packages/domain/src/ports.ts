import type { Milestone, MilestoneWrite } from './milestones';
import type { Currency } from './money';
import type { CancellationRequest, Order, OrderItem } from './order';

/** A customer's orders, newest first, and where the next page starts. */
export interface OrderPage {
  readonly orders: readonly Order[];
  readonly nextCursor?: string;
}

/**
 * The workflow began undoing the order (its failure path's first step ran): from here on every
 * run of the order's workflow finishes the undoing and none takes its order further. Kept on the
 * order, not in the execution, so that a run re-driven from its start after a crash knows it.
 */
export interface CompensationStarted {
  /** The step that failed, and its error, as the failure path found them. */
  readonly step: string;
  readonly error: string;
  readonly at: string;
}

/** An order as stored: the public order plus what only the platform may read. */
export interface StoredOrder {
  readonly order: Order;
  readonly paymentToken: string;
  readonly requestFingerprint: string;
  readonly compensation?: CompensationStarted;
  /** When ops were alerted that this order was live while its execution had closed (the reconciler). */
  readonly strandedAlertedAt?: string;
  /**
   * When BookShipment began handing the parcel to the carrier: from then on the order can no
   * longer be cancelled. Written only while no cancellation was requested, as a cancellation is
   * written only while this is absent, so exactly one of the two wins.
   */
  readonly handedOverAt?: string;
}

export interface OrderRepository {
  /** Writes a new order; `false` when an order with that id already exists (nothing is written). */
  insert(stored: StoredOrder): Promise<boolean>;
  get(orderId: string): Promise<StoredOrder | undefined>;
  /** Removes an order only while it is still PENDING; `false` when it was not. */
  withdrawPending(orderId: string): Promise<boolean>;
  /** Newest first. Throws RequestValidationError for a cursor it did not issue to this customer. */
  listByCustomer(customerId: string, page: { limit: number; cursor?: string | undefined }): Promise<OrderPage>;
  /**
   * Records a milestone a workflow step reached, in one write conditional on the status the
   * milestone follows, so a retry never writes twice and never over a later status. Answers
   * `alreadyRecorded` when the order carries it already; throws OrderStatusConflictError when the
   * order is anywhere else, OrderRecordMissingError when there is no such order.
   */
  recordMilestone(orderId: string, milestone: Milestone, at: Date): Promise<MilestoneWrite>;
  /**
   * Marks a live order as being compensated, keeping the first mark. `false` when the order is no
   * longer live (or does not exist): nothing is marked, and there is nothing of it to undo.
   */
  recordCompensationStarted(orderId: string, failed: Omit<CompensationStarted, 'at'>, at: Date): Promise<boolean>;
  /**
   * Records that the order was asked to be cancelled, in one write conditional on the order being
   * live, not yet asked, not being compensated and not handed to the carrier. Answers the order
   * as written, or undefined when any of that does not hold (or there is no such order): nothing
   * is written.
   */
  requestCancellation(orderId: string, request: CancellationRequest): Promise<Order | undefined>;
  /**
   * Claims the hand-over to the carrier for a PROCURED order no one asked to cancel (a retry
   * finds its own claim and keeps it). `false` when the order was asked to be cancelled first, or
   * is not PROCURED: the parcel must not be booked.
   */
  beginHandover(orderId: string, at: Date): Promise<boolean>;
}

/** A live order as the index of live orders holds it: its id and when it was placed. */
export interface LiveOrderEntry {
  readonly orderId: string;
  readonly createdAt: string;
}

/** The orders not yet in a terminal status, for the reconciler. */
export interface LiveOrders {
  /**
   * Live orders placed before `before`, oldest first, a page at a time. Read from an index that
   * holds only live orders, so its cost follows how many are live, not how many were ever placed;
   * the index lags writes slightly, so read an order before acting on it.
   */
  placedBefore(before: Date): AsyncIterable<readonly LiveOrderEntry[]>;
  /**
   * Notes, at `at`, that ops were alerted about this order; `false` when it was noted already or
   * is no longer live, so that each stranded order is alerted once.
   */
  noteAlerted(orderId: string, at: Date): Promise<boolean>;
  /** Takes back the note made at `at`, when the alert could not be sent: the next run alerts. */
  forgetAlerted(orderId: string, at: Date): Promise<void>;
}

/** A product a shop can sell. Prices are per currency, in minor units; stock is units on hand. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly unitPrices: Readonly<Partial<Record<Currency, number>>>;
  readonly stock: number;
}

export interface ProductCatalog {
  findBySkus(skus: readonly string[]): Promise<ReadonlyMap<string, Product>>;
  listAll(): Promise<readonly Product[]>;
}

/**
 * Stock on the catalog, changed only by writes that hold under concurrency. Every operation is
 * idempotent per order, so a retried step never takes or gives back stock twice.
 */
export interface StockLedger {
  /** Takes the stock for every item, or throws OutOfStockError; items already reserved are kept. */
  reserve(orderId: string, items: readonly OrderItem[]): Promise<void>;
  /** Gives back what this order still holds; nothing for items it never reserved. */
  release(orderId: string, items: readonly OrderItem[]): Promise<void>;
  /** The goods have left: the reservation is final. */
  commit(orderId: string, items: readonly OrderItem[]): Promise<void>;
}

export interface OrderWorkflow {
  /** Starts the order's execution, named after it; starting it again is a no-op, not an error. */
  start(order: Order): Promise<void>;
}

export type Clock = () => Date;
export type IdGenerator = () => string;
