import { orderEventJsonSchema } from '@order-platform/domain/order-event-schema';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// npm run order-event-schema: renders docs/order-events.schema.json from the events' zod schema
// (packages/domain/src/order-event-schema.ts).

const path = join(__dirname, '../docs/order-events.schema.json');
writeFileSync(path, `${JSON.stringify(orderEventJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path}`);
