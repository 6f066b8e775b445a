import * as z from 'zod/mini';
import { COUNTRY_CODES } from './countries';

// Validated in an order request and by BookShipment (see the module comment of ./schemas).

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const AddressSchema = z
  .strictObject({
    name: text(200),
    line1: text(200),
    line2: z.optional(text(200)),
    city: text(100),
    postalCode: text(20),
    country: z
      .enum(COUNTRY_CODES)
      .register(z.globalRegistry, { description: 'ISO 3166-1 alpha-2 country code', example: 'DE' }),
  })
  .register(z.globalRegistry, { id: 'Address' });
export type Address = z.infer<typeof AddressSchema>;
