import type * as z from 'zod/mini';
import type { Order } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { OrderSchema } from './responses';

// The API describes the domain's order on the wire: the two must not drift apart.

// Every order the schema accepts is an order (checked by the compiler).
const _wireIsAnOrder = (wire: z.infer<typeof OrderSchema>): Order => wire;

describe('the order on the wire', () => {
  it('is every field of the domain’s order, filled in, and nothing else', () => {
    const everyField: Required<Order> = {
      ...anOrder({ status: 'FAILED' }),
      invoiceNumber: 'INV-2026-0000000001',
      payment: { status: 'REFUNDED', authorizationId: 'auth_1', captureId: 'cap_1' },
      shipment: { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: 'EP1' },
      failure: { step: 'BookShipment', error: 'NoCarrierAvailable', cause: 'No carrier serves AQ' },
      cancellation: { requestedAt: '2026-11-21T10:01:00.000Z', requestedBy: 'customer' },
    };

    expect(OrderSchema.parse(everyField)).toEqual(everyField);
    expect(Object.keys(OrderSchema.def.shape).sort()).toEqual(Object.keys(everyField).sort());
    expect(Object.keys(OrderSchema.def.shape.payment.def.shape).sort()).toEqual(Object.keys(everyField.payment).sort());
    expect(_wireIsAnOrder).toBeInstanceOf(Function);
  });
});
