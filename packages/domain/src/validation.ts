import type * as z from 'zod';
import { RequestValidationError, type FieldError } from './errors';

const pointer = (path: readonly PropertyKey[]): string =>
  path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every invalid field, one entry each; an unknown field is reported at its own path. */
export const fieldErrorsOf = (error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pointer([...issue.path, key]), message: 'Unknown field' }))
      : [{ path: pointer(issue.path), message: issue.message }],
  );

export const parseOrThrow = <S extends z.ZodType>(schema: S, input: unknown, message?: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new RequestValidationError(fieldErrorsOf(result.error), message);
  return result.data;
};
