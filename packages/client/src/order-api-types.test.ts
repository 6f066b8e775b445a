import { OPENAPI_DOCUMENT_PATH } from '@order-platform/api/openapi';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORDER_API_TYPES_PATH, renderOrderApiTypes } from './order-api-types';

describe('src/generated/order-api.ts', () => {
  it('is what openapi-typescript renders from docs/openapi.json today (run `npm run generate -w @order-platform/client`)', async () => {
    expect(readFileSync(ORDER_API_TYPES_PATH, 'utf8')).toBe(await renderOrderApiTypes());
  });

  it('would be found stale after a change to the document', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'));
    document.components.schemas.Money.properties.currency.enum.push('CHF');
    const changedPath = join(mkdtempSync(join(tmpdir(), 'order-api-')), 'openapi.json');
    writeFileSync(changedPath, JSON.stringify(document));

    const rendered = await renderOrderApiTypes(changedPath);

    expect(rendered).not.toBe(readFileSync(ORDER_API_TYPES_PATH, 'utf8'));
    expect(rendered).toContain('"CHF"');
  });
});
