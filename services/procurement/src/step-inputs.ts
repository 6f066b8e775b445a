import { SkuSchema } from '@order-platform/domain';
import * as z from 'zod';

export const OrderIdInputSchema = z.object({ orderId: z.string().min(1) });

/** What the stock steps receive: the order's lines as the workflow input carries them. */
export const StockLinesInputSchema = z.object({
  orderId: z.string().min(1),
  items: z.array(z.object({ sku: SkuSchema, quantity: z.number().int().positive() })).min(1),
});
