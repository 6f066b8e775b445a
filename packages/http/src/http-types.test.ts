import { json } from './http-types';

describe('a JSON answer', () => {
  it('says it is JSON, with the body serialised', () => {
    expect(json(200, { orders: [] })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"orders":[]}',
    });
  });

  it('keeps the headers a handler adds beside its content type', () => {
    expect(json(202, {}, { location: '/orders/o-1' }).headers).toEqual({
      'content-type': 'application/json',
      location: '/orders/o-1',
    });
  });
});
