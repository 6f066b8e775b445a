import { AddressSchema } from '@order-platform/domain';
import { OrderLinesStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';
import * as z from 'zod';
import type { CarrierNetwork } from '../../src/ports';

export const BookShipmentInputSchema = OrderLinesStepInputSchema.extend({
  serviceLevel: z.enum(['STANDARD', 'EXPRESS']),
  shippingAddress: AddressSchema,
});

/**
 * BookShipment: books the parcel at the service level the workflow chose, then commits the
 * order's stock reservation (the goods have left). Both are idempotent, so a retry is safe.
 */
export const bookShipmentHandler = (deps: { carriers: CarrierNetwork; stock: Pick<StockLedger, 'commit'> } & Logging) =>
  stepHandler(
    BookShipmentInputSchema,
    async ({ orderId, serviceLevel, shippingAddress, items }, logger) => {
      const shipment = await deps.carriers.book({
        orderId,
        serviceLevel,
        destination: shippingAddress,
        parcels: 1,
      });
      await deps.stock.commit(orderId, items);
      logger.info('Shipment booked', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
      return shipment;
    },
    deps,
  );
