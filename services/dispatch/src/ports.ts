import type { Address, ShippingMethod } from '@order-platform/domain';
import type { Shipment } from '@order-platform/workflow';

/**
 * A carrier network. Booking is idempotent per order (the order id is the booking reference), so
 * a retried step books one parcel. No carrier for the destination is NoCarrierAvailableError; an
 * outage is CarrierUnavailableError.
 */
export interface CarrierNetwork {
  book(request: {
    readonly orderId: string;
    readonly shippingMethod: ShippingMethod;
    readonly destination: Address;
    readonly parcels: number;
  }): Promise<Shipment>;
}
