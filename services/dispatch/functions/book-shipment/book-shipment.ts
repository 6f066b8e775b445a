import {
  OrderRecordMissingError,
  OrderStatusConflictError,
  stopIfCancellationRequested,
  type Clock,
  type OrderRepository,
} from '@order-platform/domain';
import { noStepPause, stepHandler, type Logging, type StepPause } from '@order-platform/lambda';
import { BookShipmentInputSchema, ShipmentSchema, type Shipment } from '@order-platform/workflow';
import type { CarrierNetwork } from '../../src/ports';

/**
 * BookShipment: records the order PROCURED with the invoice ProcureOrder prepared, and books the
 * parcel by the order's shipping method (the carrier is chosen by destination). It answers the
 * parcel; CapturePayment, next, takes the money and records the order DISPATCHED with it, so an
 * order is never dispatched unpaid. Both parts are idempotent (the order id is the booking
 * reference), so a retry is safe. An order already DISPATCHED (by an earlier run) answers its
 * parcel and books nothing.
 *
 * Before booking it claims the hand-over to the carrier on the order (beginHandover), in a write
 * that holds only while no one asked to cancel it, as the cancellation holds only while no
 * hand-over was claimed: of the two, exactly one wins. An order asked to be cancelled first is
 * OrderCancellationRequested, with nothing booked, and the workflow undoes it; once the claim is
 * written, a cancel is refused (409).
 */
export const bookShipmentHandler = (
  deps: {
    carriers: CarrierNetwork;
    orders: Pick<OrderRepository, 'get' | 'recordMilestone' | 'beginHandover'>;
    clock: Clock;
    pause?: StepPause;
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
      stopIfCancellationRequested(stored.order, 'BookShipment');
      await deps.orders.recordMilestone(orderId, { kind: 'Procured', invoiceNumber }, deps.clock());
      await (deps.pause ?? noStepPause)('BookShipment', stored.order);
      if (!(await deps.orders.beginHandover(orderId, deps.clock()))) {
        const now = await deps.orders.get(orderId);
        if (!now) throw new OrderRecordMissingError(orderId);
        stopIfCancellationRequested(now.order, 'BookShipment');
        throw new OrderStatusConflictError(orderId, 'the hand-over to the carrier', 'PROCURED', now.order.status);
      }
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
