import { OPENAPI_DOCUMENT_PATH } from '@order-platform/api/openapi';
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The client's types come from docs/openapi.json and nowhere else: openapi-typescript renders
// them into src/generated/order-api.ts (`npm run generate -w @order-platform/client`), and a test
// renders them again in memory and fails when the committed file differs.

export const ORDER_API_TYPES_PATH = join(__dirname, 'generated', 'order-api.ts');

const HEADER = [
  '// Generated from docs/openapi.json by openapi-typescript: do not edit.',
  '// Regenerate with `npm run openapi && npm run generate -w @order-platform/client`.',
  '',
].join('\n');

/** The TypeScript that openapi-typescript renders from the OpenAPI document at `documentPath`. */
export const renderOrderApiTypes = async (documentPath: string = OPENAPI_DOCUMENT_PATH): Promise<string> => {
  const document = JSON.parse(readFileSync(documentPath, 'utf8')) as Parameters<typeof openapiTS>[0];
  return `${HEADER}${astToString(await openapiTS(document))}`;
};
