import type { Invoice } from '@order-platform/domain';

export interface InvoiceStore {
  /**
   * Stores the invoice unless the order has one; answers what the order ends up with, which is
   * `{ status: 'VOID', voidedAt }` alone if the order was voided before any invoice was issued.
   */
  issue(invoice: Invoice): Promise<Invoice | VoidedBeforeIssue>;
  /**
   * Marks the order's invoice VOID, or records that there must never be one; `true` when an
   * invoice was issued. Voiding twice is fine.
   */
  void(orderId: string, at: Date): Promise<boolean>;
}

export interface VoidedBeforeIssue {
  readonly orderId: string;
  readonly status: 'VOID';
  /** When the void was recorded (the first void: voiding again keeps it). */
  readonly voidedAt: string;
  readonly invoiceNumber?: undefined;
}
