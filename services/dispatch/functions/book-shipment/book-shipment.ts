import { OrderRecordMissingError, type Clock, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { BookShipmentInputSchema, ShipmentSchema, type Shipment } from '@order-platform/workflow';
import type { CarrierNetwork } from '../../src/ports';

/**
 * BookShipment: records the order PROCURED with the invoice ProcureOrder prepared, and books the
 * parcel by the order's shipping method (the carrier is chosen by destination). It answers the
 * parcel; CapturePayment, next, takes the money and records the order DISPATCHED with it, so an
 * order is never dispatched unpaid. Both parts are idempotent (the order id is the booking
 * reference), so a retry is safe. An order already DISPATCHED (by an earlier run) answers its
 * parcel and books nothing.
 */
export const bookShipmentHandler = (
  deps: {
    carriers: CarrierNetwork;
    orders: Pick<OrderRepository, 'get' | 'recordMilestone'>;
    clock: Clock;
  } & Logging,
) =>
  stepHandler(
    BookShipmentInputSchema,
    async ({ orderId, shippingMethod, shippingAddress, invoiceNumber }, logger): Promise<Shipment> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      if (stored.order.status === 'DISPATCHED' && stored.order.shipment) {
        logger.info('Already dispatched: nothing booked', { trackingNumber: stored.order.shipment.trackingNumber });
        return ShipmentSchema.parse(stored.order.shipment);
      }
      await deps.orders.recordMilestone(orderId, { kind: 'Procured', invoiceNumber }, deps.clock());
      const shipment = await deps.carriers.book({
        orderId,
        shippingMethod,
        destination: shippingAddress,
        parcels: 1,
      });
      logger.info('Shipment booked', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
      return shipment;
    },
    deps,
  );
