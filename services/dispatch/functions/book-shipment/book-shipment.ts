import {
  DispatchNotRecordedError,
  OrderRecordMissingError,
  OrderStatusConflictError,
  type Clock,
  type OrderRepository,
  type StockLedger,
} from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { BookShipmentInputSchema, ShipmentSchema, type Shipment } from '@order-platform/workflow';
import type { CarrierNetwork } from '../../src/ports';

/**
 * BookShipment: records the order PROCURED with the invoice ProcureOrder prepared, books the
 * parcel by the order's shipping method, commits the order's stock reservation (the goods have
 * left) and records the order DISPATCHED with the parcel. Every part is idempotent, so a retry is
 * safe. Once the parcel is booked, an order that cannot be marked DISPATCHED is
 * DispatchNotRecorded: the workflow alerts ops rather than undo a sale whose goods are on their way.
 * An order already DISPATCHED (by an earlier run) answers its parcel and books nothing.
 */
export const bookShipmentHandler = (
  deps: {
    carriers: CarrierNetwork;
    stock: Pick<StockLedger, 'commit'>;
    orders: Pick<OrderRepository, 'get' | 'recordMilestone'>;
    clock: Clock;
  } & Logging,
) =>
  stepHandler(
    BookShipmentInputSchema,
    async ({ orderId, shippingMethod, shippingAddress, items, invoiceNumber }, logger): Promise<Shipment> => {
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
      await deps.stock.commit(orderId, items);
      try {
        await deps.orders.recordMilestone(orderId, { kind: 'Dispatched', shipment, captureId: 'cap_1' }, deps.clock());
      } catch (error) {
        if (error instanceof OrderStatusConflictError) {
          throw new DispatchNotRecordedError(orderId, shipment.trackingNumber, error);
        }
        throw error;
      }
      logger.info('Shipment booked', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
      return shipment;
    },
    deps,
  );
