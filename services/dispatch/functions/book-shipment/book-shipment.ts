import {
  AddressSchema,
  DispatchNotRecordedError,
  OrderStatusConflictError,
  type Clock,
  type OrderRepository,
  type StockLedger,
} from '@order-platform/domain';
import { OrderLinesStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';
import * as z from 'zod/mini';
import type { CarrierNetwork } from '../../src/ports';

export const BookShipmentInputSchema = z.extend(OrderLinesStepInputSchema, {
  serviceLevel: z.enum(['STANDARD', 'EXPRESS']),
  shippingAddress: AddressSchema,
  invoiceNumber: z.string().check(z.minLength(1)),
});

/**
 * BookShipment: records the order PROCURED with the invoice ProcureOrder prepared, books the
 * parcel at the order's service level, commits the order's stock reservation (the goods have
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
    async ({ orderId, serviceLevel, shippingAddress, items, invoiceNumber }, logger) => {
      await deps.orders.recordMilestone(orderId, { kind: 'Procured', invoiceNumber }, deps.clock());
      const shipment = await deps.carriers.book({
        orderId,
        serviceLevel,
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
