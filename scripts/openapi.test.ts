import { CreateOrderRequestSchema, OrderSchema } from '@order-platform/domain';
import { validOrderRequest, anOrder } from '@order-platform/domain/testing';
import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi';

describe('docs/openapi.json', () => {
  it('is what the schemas generate today (run `npm run openapi` after changing a schema)', () => {
    expect(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))).toEqual(buildOpenApiDocument());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(buildOpenApiDocument()) as Parameters<typeof validate>[0]);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('would be caught if it were not (the validator is not a rubber stamp)', async () => {
    const broken = { ...buildOpenApiDocument(), paths: { '/orders': { post: { responses: { '202': {} } } } } };
    expect((await validate(broken as unknown as Parameters<typeof validate>[0])).valid).toBe(false);
  });

  it('describes every route with the request and order shapes', () => {
    const document = buildOpenApiDocument();
    expect(Object.keys(document.paths).sort()).toEqual(['/catalog', '/orders', '/orders/{orderId}']);
    const request = document.components.schemas.CreateOrderRequest as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(request.required.sort()).toEqual(['currency', 'items', 'payment', 'shippingAddress', 'shippingMethod']);
    expect(request.additionalProperties).toBe(false);
  });

  it('matches what the API really accepts and returns', () => {
    expect(CreateOrderRequestSchema.safeParse(validOrderRequest()).success).toBe(true);
    expect(OrderSchema.safeParse(anOrder()).success).toBe(true);
  });
});
