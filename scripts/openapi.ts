import {
  CatalogSchema,
  CreateOrderRequestSchema,
  OrderPageSchema,
  OrderSchema,
  ProblemSchema,
} from '@order-platform/domain';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';

// docs/openapi.json is generated from the zod schemas the handlers validate with, so the document
// cannot drift from the code: `npm run openapi` writes it, and a test fails when it is stale.

export const OPENAPI_PATH = join(__dirname, '..', 'docs', 'openapi.json');

const ref = (schema: z.core.$ZodType) => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('Schema has no id');
  return { $ref: `#/components/schemas/${id}` };
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref(ProblemSchema) } },
});

const unauthorized = problem('Missing, expired or invalid bearer token');
const jsonContent = (schema: z.core.$ZodType) => ({ 'application/json': { schema: ref(schema) } });
const limitsAndCursor = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', description: '`nextCursor` of the previous page', schema: { type: 'string' } },
];

export const buildOpenApiDocument = () => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  } as Parameters<typeof z.toJSONSchema>[1]) as { schemas: Record<string, Record<string, unknown>> };
  const components = Object.fromEntries(
    Object.entries(schemas)
      .map(([id, schema]) => {
        // Components are addressed by their place in the document, so neither $schema nor $id stays.
        const { $schema: _schema, $id: _id, ...rest } = schema;
        return [id, rest] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Order platform API',
      version: '1.0.0',
      description:
        'Place and read orders. Prices come from the catalog, never from the client. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'Local stack (npm start)' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/orders': {
        post: {
          operationId: 'createOrder',
          summary: 'Place an order',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              description: 'Retries with the same key and body return the same order; another body is a 409.',
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: jsonContent(CreateOrderRequestSchema) },
          responses: {
            '202': {
              description: 'Accepted: the order is PENDING and its workflow has started',
              headers: {
                Location: { schema: { type: 'string' }, description: '/orders/{orderId}' },
                'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } },
              },
              content: jsonContent(OrderSchema),
            },
            '400': problem('Malformed JSON, wrong types, missing or unknown fields (see `errors`)'),
            '401': unauthorized,
            '409': problem('The Idempotency-Key was used with another body'),
            '413': problem('Body over 32 KiB'),
            '415': problem('Body is not application/json'),
            '422': problem('Unknown SKU or unsupported currency'),
            '503': problem(
              'The workflow could not be started; see Retry-After. A keyed order is kept (retry with the same key); a keyless one was not placed',
            ),
          },
        },
        get: {
          operationId: 'listOrders',
          summary: "The caller's orders, newest first",
          parameters: limitsAndCursor,
          responses: {
            '200': { description: 'A page of orders', content: jsonContent(OrderPageSchema) },
            '400': problem('Bad limit or cursor'),
            '401': unauthorized,
          },
        },
      },
      '/orders/{orderId}': {
        get: {
          operationId: 'getOrder',
          summary: 'One of the caller’s orders',
          parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The order', content: jsonContent(OrderSchema) },
            '401': unauthorized,
            '404': problem('No such order for this customer'),
          },
        },
      },
      '/catalog': {
        get: {
          operationId: 'getCatalog',
          summary: 'Products and prices',
          security: [],
          responses: { '200': { description: 'The catalog', content: jsonContent(CatalogSchema) } },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: components,
    },
  };
};

if (require.main === module) {
  writeFileSync(OPENAPI_PATH, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
  console.log(`Wrote ${OPENAPI_PATH}`);
}
