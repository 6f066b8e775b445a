import {
  DispatchNotRecordedError,
  OrderStatusConflictError,
  type Clock,
  type OrderRepository,
  type StockLedger,
} from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { BookShipmentInputSchema, type Shipment } from '@order-platform/workflow';
import type { CarrierNetwork } from '../../src/ports';

/**
 * BookShipment: records the order PROCURED with the invoice ProcureOrder prepared, books the
 * parcel by the order's shipping method, commits the order's stock reservation (the goods have
 * left) and records the order DISPATCHED with the parcel. Every part is idempotent, so a retry is
 * safe. Once the parcel is booked, an order that cannot be marked DISPATCHED is
 * DispatchNotRecorded: the workflow alerts ops rather than undo a sale whose goods are on their way.
 */
export const bookShipmentHandler = (
  deps: {
    carriers: CarrierNetwork;
    stock: Pick<StockLedger, 'commit'>;
    orders: Pick<OrderRepository, 'recordMilestone'>;
    clock: Clock;
  } & Logging,
) =>
  stepHandler(
    BookShipmentInputSchema,
    async ({ orderId, shippingMethod, shippingAddress, items, invoiceNumber }, logger): Promise<Shipment> => {
      await deps.orders.recordMilestone(orderId, { kind: 'Procured', invoiceNumber }, deps.clock());
      const shipment = await deps.carriers.book({
        orderId,
        shippingMethod,
        destination: shippingAddress,
        parcels: 1,
      });
      await deps.stock.commit(orderId, items);
      try {
        await deps.orders.recordMilestone(orderId, { kind: 'Dispatched', shipment }, deps.clock());
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
