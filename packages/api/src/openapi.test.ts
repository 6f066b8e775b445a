import { CreateOrderRequestSchema, OrderSchema } from './index';
import { validOrderRequest, anOrder } from '@order-platform/domain/testing';
import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH } from './openapi';
import { ROUTES } from './routes';

describe('docs/openapi.json', () => {
  it('is what the schemas generate today (run `npm run openapi` after changing a schema)', () => {
    expect(JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'))).toEqual(buildOpenApiDocument());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(buildOpenApiDocument()) as Parameters<typeof validate>[0]);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('would be caught if it were not (the validator is not a rubber stamp)', async () => {
    const broken = { ...buildOpenApiDocument(), paths: { '/orders': { post: { responses: { '202': {} } } } } };
    expect((await validate(broken as unknown as Parameters<typeof validate>[0])).valid).toBe(false);
  });

  it('describes every route of the table, ops routes included, with the request and order shapes', () => {
    const document = buildOpenApiDocument();
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(ROUTES.map((route) => route.path))].sort());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/ops/executions', '/ops/orders/{orderId}/execution']),
    );
    const request = document.components.schemas.CreateOrderRequest as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(request.required.sort()).toEqual(['currency', 'items', 'payment', 'shippingAddress', 'shippingMethod']);
    expect(request.additionalProperties).toBe(false);
  });

  it('takes its limits from the schemas the handlers validate with, not from a second copy', () => {
    const listOrders = buildOpenApiDocument().paths['/orders']?.get as {
      parameters: { name: string; schema: object }[];
    };
    expect(listOrders.parameters.find((parameter) => parameter.name === 'limit')?.schema).toEqual({
      default: 20,
      type: 'integer',
      minimum: 1,
      maximum: 100,
    });
  });

  it('says 401 and 403 are API Gateway’s own answers, not problem+json', () => {
    const listExecutions = buildOpenApiDocument().paths['/ops/executions']?.get as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(listExecutions.responses['401']?.content ?? {})).toEqual(['application/json']);
    expect(Object.keys(listExecutions.responses['403']?.content ?? {})).toEqual(['application/json']);
    expect(Object.keys(listExecutions.responses['400']?.content ?? {})).toEqual(['application/problem+json']);
  });

  it('documents what a JSON body is refused with: 415 with the Accept-Encoding of a refused coding, 400 for free text', () => {
    const createOrder = buildOpenApiDocument().paths['/orders']?.post as {
      responses: Record<string, { description: string; headers?: Record<string, unknown>; content: object }>;
    };
    const unsupported = createOrder.responses['415'];
    expect(unsupported?.description).toMatch(/charset other than UTF-8; or a Content-Encoding/);
    expect(Object.keys(unsupported?.headers ?? {})).toEqual(['Accept-Encoding']);
    expect(Object.keys(unsupported?.content ?? {})).toEqual(['application/problem+json']);
    expect(createOrder.responses['400']?.description).toContain('without a visible character');
    const address = buildOpenApiDocument().components.schemas.Address as {
      properties: Record<string, { description?: string }>;
    };
    expect(address.properties.line1?.description).toMatch(/^At least one visible character; no control characters/);
  });

  it('matches what the API really accepts and returns', () => {
    expect(CreateOrderRequestSchema.safeParse(validOrderRequest()).success).toBe(true);
    expect(OrderSchema.safeParse(anOrder()).success).toBe(true);
  });
});
