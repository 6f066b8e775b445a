import { parseOrThrow, RequestValidationError } from '@order-platform/domain';
import { validOrderRequest } from '@order-platform/domain/testing';
import { CreateOrderRequestSchema } from './create-order-request';

const errorsFor = (input: unknown) => {
  try {
    parseOrThrow(CreateOrderRequestSchema, input);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  return [];
};

describe('CreateOrderRequestSchema', () => {
  it('accepts a valid order and trims free text', () => {
    const request = validOrderRequest();
    const parsed = parseOrThrow(CreateOrderRequestSchema, {
      ...request,
      shippingAddress: { ...request.shippingAddress, city: '  London ' },
    });
    expect(parsed.shippingAddress.city).toBe('London');
  });

  it('reports every invalid field with its JSON Pointer', () => {
    const request = validOrderRequest();
    const errors = errorsFor({
      ...request,
      items: [{ sku: 'KB-001', quantity: 0 }],
      shippingMethod: 'TELEPORT',
      shippingAddress: { ...request.shippingAddress, country: 'XX' },
    });
    expect(errors.map((error) => error.path)).toEqual([
      '/items/0/quantity',
      '/shippingMethod',
      '/shippingAddress/country',
    ]);
  });

  it('reports missing fields and wrong types', () => {
    expect(errorsFor({ items: 'many', currency: 978 })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/items' }),
        expect.objectContaining({ path: '/currency' }),
        expect.objectContaining({ path: '/shippingMethod' }),
        expect.objectContaining({ path: '/shippingAddress' }),
        expect.objectContaining({ path: '/payment' }),
      ]),
    );
  });

  it('explains each invalid field in English', () => {
    const request = validOrderRequest();
    expect(
      errorsFor({
        ...request,
        items: [{ sku: 'KB 001', quantity: 0 }],
        currency: 978,
        shippingMethod: 'TELEPORT',
        shippingAddress: { ...request.shippingAddress, name: 'x'.repeat(201) },
      }),
    ).toEqual([
      { path: '/items/0/sku', message: 'Must be 1–64 letters, digits, "-" or "_"' },
      { path: '/items/0/quantity', message: 'Too small: expected number to be >=1' },
      { path: '/currency', message: 'Invalid input: expected string, received number' },
      { path: '/shippingMethod', message: 'Invalid option: expected one of "STANDARD"|"EXPRESS"' },
      { path: '/shippingAddress/name', message: 'Too big: expected string to have <=200 characters' },
    ]);
  });

  it('rejects unknown fields at any depth, naming each', () => {
    const request = validOrderRequest();
    expect(
      errorsFor({
        ...request,
        price: 1,
        payment: { token: 'tok_visa', amount: 1 },
        items: [{ sku: 'KB-001', quantity: 1, unitPrice: 1 }],
      }),
    ).toEqual([
      { path: '/items/0/unitPrice', message: 'Unknown field' },
      { path: '/payment/amount', message: 'Unknown field' },
      { path: '/price', message: 'Unknown field' },
    ]);
  });

  it('bounds the number of lines and the quantity per line', () => {
    const line = (index: number) => ({ sku: `SKU-${index}`, quantity: 1 });
    expect(errorsFor(validOrderRequest({ items: [] }))).toEqual([expect.objectContaining({ path: '/items' })]);
    expect(errorsFor(validOrderRequest({ items: Array.from({ length: 51 }, (_, i) => line(i)) }))).toHaveLength(1);
    expect(errorsFor(validOrderRequest({ items: Array.from({ length: 50 }, (_, i) => line(i)) }))).toEqual([]);
    expect(errorsFor(validOrderRequest({ items: [{ sku: 'KB-001', quantity: 101 }] }))).toHaveLength(1);
    expect(errorsFor(validOrderRequest({ items: [{ sku: 'KB-001', quantity: 1.5 }] }))).toHaveLength(1);
  });

  it('rejects a SKU that appears on two lines', () => {
    const items = [
      { sku: 'KB-001', quantity: 1 },
      { sku: 'KB-001', quantity: 2 },
    ];
    expect(errorsFor(validOrderRequest({ items }))).toEqual([
      { path: '/items/1/sku', message: 'Duplicate SKU KB-001: put the whole quantity on one line' },
    ]);
  });

  it('leaves well-formed but unsupported currencies to pricing (422), and rejects malformed ones (400)', () => {
    expect(errorsFor(validOrderRequest({ currency: 'JPY' }))).toEqual([]);
    expect(errorsFor(validOrderRequest({ currency: 'euro' }))).toEqual([
      expect.objectContaining({ path: '/currency' }),
    ]);
  });

  describe('holds every free-text field to the visible-text rule, naming the field', () => {
    const request = validOrderRequest();
    const withText = (field: string, text: string) =>
      field === 'token'
        ? { ...request, payment: { token: text } }
        : { ...request, shippingAddress: { ...request.shippingAddress, [field]: text } };
    const pathOf = (field: string) => (field === 'token' ? '/payment/token' : `/shippingAddress/${field}`);

    it.each(['name', 'line1', 'line2', 'city', 'postalCode', 'token'])('%s', (field) => {
      expect(errorsFor(withText(field, '\u0000'))).toEqual([
        { path: pathOf(field), message: 'Must not contain control characters or line breaks' },
      ]);
      expect(errorsFor(withText(field, 'a\r\nb'))).toEqual([
        { path: pathOf(field), message: 'Must not contain control characters or line breaks' },
      ]);
      expect(errorsFor(withText(field, '\u200b\u200d'))).toEqual([
        { path: pathOf(field), message: 'Must contain a visible character' },
      ]);
      expect(errorsFor(withText(field, 'x\u202e'))).toEqual([
        { path: pathOf(field), message: expect.stringMatching(/^Must not contain bidirectional control/) },
      ]);
      expect(errorsFor(withText(field, 'N1\u200d9'))).toEqual([]);
    });
  });

  it('rejects blank address lines', () => {
    const request = validOrderRequest();
    expect(errorsFor({ ...request, shippingAddress: { ...request.shippingAddress, line1: '   ' } })).toEqual([
      expect.objectContaining({ path: '/shippingAddress/line1' }),
    ]);
  });
});
