import type { Address } from '@order-platform/domain';

export type ServiceLevel = 'STANDARD' | 'EXPRESS';

export interface Shipment {
  readonly carrier: string;
  readonly serviceLevel: ServiceLevel;
  readonly trackingNumber: string;
}

/**
 * A carrier network. Booking is idempotent per order (the order id is the booking reference), so
 * a retried step books one parcel. No carrier for the destination is NoCarrierAvailableError; an
 * outage is CarrierUnavailableError.
 */
export interface CarrierNetwork {
  book(request: {
    readonly orderId: string;
    readonly serviceLevel: ServiceLevel;
    readonly destination: Address;
    readonly parcels: number;
  }): Promise<Shipment>;
}
