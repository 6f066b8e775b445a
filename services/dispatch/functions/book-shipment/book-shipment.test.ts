import { validOrderRequest } from '@order-platform/domain/testing';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

const items = [{ sku: 'KB-001', quantity: 1 }];
const address = (country: string) => ({ ...validOrderRequest().shippingAddress, country });

describe('BookShipment step', () => {
  it('books the parcel with the carrier for the destination and service level, then commits the stock', async () => {
    const stock = { commit: jest.fn(async () => undefined) };
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock });

    const shipment = await handler({
      orderId: 'order-1',
      serviceLevel: 'EXPRESS',
      shippingAddress: address('DE'),
      items,
    });

    expect(shipment).toEqual({
      carrier: 'EuroExpress',
      serviceLevel: 'EXPRESS',
      trackingNumber: expect.stringMatching(/^EX[0-9A-F]{12}$/),
    });
    expect(stock.commit).toHaveBeenCalledWith('order-1', items);
  });

  it('books the same parcel again when retried for the same order', async () => {
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock: { commit: jest.fn() } });
    const request = { orderId: 'order-1', serviceLevel: 'STANDARD' as const, shippingAddress: address('US'), items };

    const first = await handler(request);

    expect(first).toMatchObject({ carrier: 'GlobalPost', serviceLevel: 'STANDARD' });
    expect(await handler(request)).toEqual(first);
    expect((await handler({ ...request, orderId: 'order-2' })).trackingNumber).not.toBe(first.trackingNumber);
  });

  it('fails with NoCarrierAvailable for Antarctica, leaving the stock reserved for the compensation to release', async () => {
    const stock = { commit: jest.fn() };
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock });

    await expect(
      handler({ orderId: 'order-1', serviceLevel: 'STANDARD', shippingAddress: address('AQ'), items }),
    ).rejects.toMatchObject({ name: 'NoCarrierAvailable', message: 'No carrier serves AQ at service level STANDARD' });
    expect(stock.commit).not.toHaveBeenCalled();
  });
});
