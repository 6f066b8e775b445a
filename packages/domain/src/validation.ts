import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { RequestValidationError, type FieldError } from './errors';

// zod/mini ships no messages: without a locale every issue reads "Invalid input". English is set
// here, once, because every request and step input is validated through this module, so each
// bundle that validates includes it (the package is side-effect free: a module nothing imports
// from is dropped, its setup with it). zod words an issue only when it reports one, so the
// locale is built then, the first time: a valid request or step input never needs it, and no
// cold start pays for building it.
let english: z.core.$ZodErrorMap | undefined;
z.config({ localeError: (issue) => (english ??= en().localeError)(issue) });

const pointer = (path: readonly PropertyKey[]): string =>
  path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every invalid field, one entry each; an unknown field is reported at its own path. */
export const fieldErrorsOf = (error: z.core.$ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pointer([...issue.path, key]), message: 'Unknown field' }))
      : [{ path: pointer(issue.path), message: issue.message }],
  );

/** Every issue on a line of its own with its path, for a log line or a step's error. */
export const describeIssues = (error: z.core.$ZodError): string => z.prettifyError(error);

export const parseOrThrow = <S extends z.ZodMiniType>(schema: S, input: unknown, message?: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new RequestValidationError(fieldErrorsOf(result.error), message);
  return result.data;
};
