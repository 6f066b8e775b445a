import * as z from 'zod/mini';
import type * as locales from 'zod/locales';
import { en } from 'zod/locales';
import { RequestValidationError } from './errors';
import { describeIssues, parseOrThrow } from './validation';

jest.mock('zod/locales', () => {
  const actual = jest.requireActual<typeof locales>('zod/locales');
  return { ...actual, en: jest.fn(actual.en) };
});

// English messages, built the first time an input is refused and never for a valid one.

const QuantitySchema = z.strictObject({ quantity: z.number().check(z.int(), z.minimum(1)) });

describe('validation messages', () => {
  it('builds no locale for a valid input, and words the first refusal in English', () => {
    expect(parseOrThrow(QuantitySchema, { quantity: 2 })).toEqual({ quantity: 2 });
    expect(en).not.toHaveBeenCalled();

    let refusal: unknown;
    try {
      parseOrThrow(QuantitySchema, { quantity: 0, colour: 'red' });
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).errors).toEqual([
      { path: '/quantity', message: 'Too small: expected number to be >=1' },
      { path: '/colour', message: 'Unknown field' },
    ]);
    expect(en).toHaveBeenCalledTimes(1);
  });

  it('words every later refusal in English too, from the locale built once', () => {
    const result = QuantitySchema.safeParse({ quantity: 'two' });

    expect(result.success || describeIssues(result.error)).toBe(
      '✖ Invalid input: expected number, received string\n  → at quantity',
    );
    expect(en).not.toHaveBeenCalled(); // jest clears the count between tests: the first test built it
  });
});
