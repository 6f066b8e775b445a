import { AddressSchema } from './address-schema';
import { RequestValidationError } from './errors';
import { ShippingMethodSchema } from './shipping-method';
import { SkuSchema } from './sku-schema';
import * as z from 'zod/mini';
import { describeIssues, fieldErrorsOf, parseOrThrow } from './validation';

// The values an order request and the workflow's steps both validate, and how a refusal reads.

const address = { name: 'Ada', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

describe('the values orders are made of', () => {
  it('takes a SKU of letters, digits, dashes and underscores, and refuses anything else', () => {
    expect(SkuSchema.safeParse('KB-001').success).toBe(true);
    for (const sku of ['', 'KB 001', 'x'.repeat(65), 'KB/001']) expect(SkuSchema.safeParse(sku).success).toBe(false);
  });

  it('takes an address with an ISO country, trims its text, and refuses an unknown field or country', () => {
    expect(AddressSchema.parse({ ...address, city: '  London ' }).city).toBe('London');
    expect(AddressSchema.safeParse({ ...address, country: 'XX' }).success).toBe(false);
    expect(AddressSchema.safeParse({ ...address, floor: 3 }).success).toBe(false);
    expect(AddressSchema.safeParse({ ...address, name: '   ' }).success).toBe(false);
  });

  it('ships STANDARD or EXPRESS, nothing else', () => {
    expect(ShippingMethodSchema.options).toEqual(['STANDARD', 'EXPRESS']);
    expect(ShippingMethodSchema.safeParse('OVERNIGHT').success).toBe(false);
  });
});

describe('a refusal', () => {
  it('names every invalid field at its JSON pointer, an unknown one as such, in English', () => {
    const result = AddressSchema.safeParse({ ...address, country: 'XX', 'a/b': 1 });

    expect(result.success || fieldErrorsOf(result.error)).toEqual([
      { path: '/country', message: expect.stringMatching(/^Invalid option/) },
      { path: '/a~1b', message: 'Unknown field' },
    ]);
  });

  it('escapes ~ and / in a JSON pointer, and names a nested field by its whole path', () => {
    const schema = z.strictObject({ lines: z.array(z.strictObject({ quantity: z.number() })) });
    const result = schema.safeParse({ lines: [{ quantity: 1 }, { quantity: 2, 'a~b': 1 }] });

    expect(result.success || fieldErrorsOf(result.error)).toEqual([
      { path: '/lines/1/a~0b', message: 'Unknown field' },
    ]);
  });

  it('is a RequestValidationError with those fields, from parseOrThrow, which answers the parsed value otherwise', () => {
    expect(parseOrThrow(SkuSchema, 'KB-001')).toBe('KB-001');
    expect(() => parseOrThrow(SkuSchema, 'KB 001', 'Bad SKU')).toThrow(
      new RequestValidationError([{ path: '', message: expect.any(String) }], 'Bad SKU'),
    );
  });

  it('reads, in a log line or a step’s error, one issue per line with the path it is at', () => {
    const result = AddressSchema.safeParse({ ...address, city: '' });

    expect(result.success || describeIssues(result.error)).toMatch(/^✖ .+\n {2}→ at city$/);
  });
});
