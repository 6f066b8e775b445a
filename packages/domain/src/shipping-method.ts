import * as z from 'zod/mini';

// How an order ships, in a module of its own: an order request and BookShipment's input both
// validate it, and a bundle builds every schema of the modules it imports.

export const SHIPPING_METHODS = ['STANDARD', 'EXPRESS'] as const;
export const ShippingMethodSchema = z.enum(SHIPPING_METHODS);
export type ShippingMethod = z.infer<typeof ShippingMethodSchema>;
