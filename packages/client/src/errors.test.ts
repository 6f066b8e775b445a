import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ERROR_CLASS_BY_PROBLEM_TYPE, errorFromResponse, OrderApiError } from './errors';

// The problem types the API answers are decided in one place, packages/http problem-details.ts;
// this test reads them there so that a new type cannot reach callers untyped.
const problemTypesTheApiAnswers = (): { slug: string; status: number }[] => {
  const source = readFileSync(join(dirname(require.resolve('@order-platform/http')), 'problem-details.ts'), 'utf8');
  const known = [...source.matchAll(/known\((\d{3}), '([a-z-]+)'/g)].map(([, status, slug]) => ({
    slug: slug ?? '',
    status: Number(status),
  }));
  const internal = [...source.matchAll(/type: problemType\('([a-z-]+)'\), title: [^,]+, status: (\d{3})/g)].map(
    ([, slug, status]) => ({ slug: slug ?? '', status: Number(status) }),
  );
  return [...known, ...internal];
};

describe('errorFromResponse', () => {
  it('has a class of its own for each problem type the API answers', () => {
    const answered = problemTypesTheApiAnswers();
    expect(answered.length).toBeGreaterThanOrEqual(15);

    for (const { slug, status } of answered) {
      const problem = { type: `urn:order-platform:problem:${slug}`, title: slug, status };
      const error = errorFromResponse(status, problem);
      expect({ slug, name: error.name }).toEqual({ slug, name: ERROR_CLASS_BY_PROBLEM_TYPE.get(slug)?.name });
      expect(error).toBeInstanceOf(ERROR_CLASS_BY_PROBLEM_TYPE.get(slug) ?? Object);
      expect(error).toMatchObject({ status, problem, message: slug });
    }
    expect([...ERROR_CLASS_BY_PROBLEM_TYPE.keys()].sort()).toEqual(answered.map(({ slug }) => slug).sort());
  });

  it('falls back on the status for a problem type it does not know, then on OrderApiError', () => {
    const foreign = { type: 'https://example.org/problems/out-of-coffee', title: 'Out of coffee', status: 503 };
    expect(errorFromResponse(503, foreign).name).toBe('WorkflowUnavailableError');
    expect(errorFromResponse(418, { ...foreign, status: 418 })).toMatchObject({ name: 'OrderApiError', status: 418 });
    expect(
      errorFromResponse(404, { type: 'urn:order-platform:problem:constructor', title: 'x', status: 404 }).name,
    ).toBe('OrderApiError');
  });

  it('says the status when the body says nothing', () => {
    const error = errorFromResponse(500, undefined);
    expect(error).toBeInstanceOf(OrderApiError);
    expect(error).toMatchObject({
      name: 'InternalServerError',
      message: 'The order API answered 500',
      type: undefined,
    });
  });
});
