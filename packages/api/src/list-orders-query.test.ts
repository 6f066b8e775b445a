import { parseOrThrow, RequestValidationError } from '@order-platform/domain';
import { ListOrdersQuerySchema } from './list-orders-query';

describe('ListOrdersQuerySchema', () => {
  it('defaults the page size and reads it from the query string', () => {
    expect(parseOrThrow(ListOrdersQuerySchema, {})).toEqual({ limit: 20 });
    expect(parseOrThrow(ListOrdersQuerySchema, { limit: '100' })).toEqual({ limit: 100 });
  });

  it.each(['0', '101', 'ten', '2.5'])('rejects limit=%s', (limit) => {
    expect(() => parseOrThrow(ListOrdersQuerySchema, { limit })).toThrow(RequestValidationError);
  });
});
