import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderEventJsonSchema } from './order-event-schema';

describe('docs/order-events.schema.json', () => {
  it('is the schema the platform builds its events to (regenerate: npm run order-event-schema)', () => {
    const published: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../../docs/order-events.schema.json'), 'utf8'),
    );

    expect(published).toEqual(orderEventJsonSchema());
  });
});
