import { writeFileSync } from 'node:fs';
import { ORDER_API_TYPES_PATH, renderOrderApiTypes } from '../src/order-api-types';

// npm run generate -w @order-platform/client: renders src/generated/order-api.ts from docs/openapi.json.

void renderOrderApiTypes().then((types) => {
  writeFileSync(ORDER_API_TYPES_PATH, types);
  console.log(`Wrote ${ORDER_API_TYPES_PATH}`);
});
