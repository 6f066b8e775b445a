import { NoCarrierAvailableError } from '@order-platform/domain';
import { createHash } from 'node:crypto';
import type { ShippingMethod } from '@order-platform/domain';
import type { CarrierNetwork } from './ports';

// Destinations the European carriers serve; the rest of the world goes by the global ones.
const EUROPE = new Set(
  'AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(' '),
);
// No carrier delivers here (the sandbox's way to make dispatch fail).
const UNSERVED = new Set(['AQ']);

const CARRIERS: Readonly<
  Record<'EUROPE' | 'WORLD', Readonly<Record<ShippingMethod, { name: string; prefix: string }>>>
> = {
  EUROPE: { STANDARD: { name: 'EuroParcel', prefix: 'EP' }, EXPRESS: { name: 'EuroExpress', prefix: 'EX' } },
  WORLD: { STANDARD: { name: 'GlobalPost', prefix: 'GP' }, EXPRESS: { name: 'AirCourier', prefix: 'AC' } },
};

/** The carrier that serves `country` by `shippingMethod`, or undefined where none does. */
export const carrierFor = (country: string, shippingMethod: ShippingMethod) => {
  if (UNSERVED.has(country)) return undefined;
  return CARRIERS[EUROPE.has(country) ? 'EUROPE' : 'WORLD'][shippingMethod];
};

/**
 * The carrier network of every stage: books instantly. The tracking number is derived from the
 * order id, as a carrier keys bookings by the sender's reference, so booking again for the same
 * order answers the same parcel.
 */
export const sandboxCarrierNetwork = (): CarrierNetwork => ({
  async book({ orderId, shippingMethod, destination }) {
    const carrier = carrierFor(destination.country, shippingMethod);
    if (!carrier) throw new NoCarrierAvailableError(destination.country, shippingMethod);
    const digest = createHash('sha256').update(orderId).digest('hex').slice(0, 12).toUpperCase();
    return { carrier: carrier.name, serviceLevel: shippingMethod, trackingNumber: `${carrier.prefix}${digest}` };
  },
});
