import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH } from '@order-platform/api/openapi';
import { writeFileSync } from 'node:fs';

// npm run openapi: renders docs/openapi.json from the API's table of routes (packages/api).

writeFileSync(OPENAPI_DOCUMENT_PATH, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`Wrote ${OPENAPI_DOCUMENT_PATH}`);
