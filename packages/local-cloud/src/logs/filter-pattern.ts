// CloudWatch Logs' filter pattern syntax, the part a reader of JSON events uses: terms that must
// all appear (`OrderFailed`, `"order 42"`, `-OrderPlaced` for one that must not), and JSON
// selectors joined by `&&` (`{ $.detail.orderId = "abc" }`, `{ $.detail.total.amount > 1000 }`,
// `*` as a wildcard in a string). Anything else is refused by name, never matched loosely.

type Comparison = '=' | '!=' | '>' | '<' | '>=' | '<=';

interface Selector {
  readonly path: readonly string[];
  readonly comparison: Comparison;
  readonly value: string | number;
}

const SELECTOR = /^\(?\s*\$((?:\.[A-Za-z0-9_-]+)+)\s*(=|!=|>=|<=|>|<)\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*\)?$/;

const unsupported = (pattern: string, why: string) =>
  new Error(`The local CloudWatch Logs cannot read the filter pattern ${pattern}: ${why}.`);

const selectorsOf = (pattern: string): Selector[] =>
  pattern
    .slice(1, -1)
    .split('&&')
    .map((part) => {
      const match = SELECTOR.exec(part.trim());
      if (!match)
        throw unsupported(pattern, `it takes $.path = "text" or $.path > number, joined by &&, not ${part.trim()}`);
      const [, path = '', comparison, raw = ''] = match;
      const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw);
      if (typeof value === 'string' && comparison !== '=' && comparison !== '!=') {
        throw unsupported(pattern, `${comparison} compares numbers, not "${value}"`);
      }
      return { path: path.slice(1).split('.'), comparison: comparison as Comparison, value };
    });

const valueAt = (document: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    document,
  );

const wildcard = (text: string) =>
  new RegExp(
    `^${text
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

const holds = ({ path, comparison, value }: Selector, document: unknown): boolean => {
  const actual = valueAt(document, path);
  if (typeof value === 'string') {
    const equal = (typeof actual === 'string' || typeof actual === 'number') && wildcard(value).test(String(actual));
    return comparison === '=' ? equal : !equal && actual !== undefined;
  }
  if (typeof actual !== 'number') return false;
  switch (comparison) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '>':
      return actual > value;
    case '<':
      return actual < value;
    case '>=':
      return actual >= value;
    case '<=':
      return actual <= value;
  }
};

const termsOf = (pattern: string): { term: string; wanted: boolean }[] =>
  (pattern.match(/-?"(?:[^"\\]|\\.)*"|\S+/g) ?? []).map((token) => {
    if (token.startsWith('?')) throw unsupported(pattern, 'it takes terms that must all appear, not ?-alternatives');
    const wanted = !token.startsWith('-');
    const bare = wanted ? token : token.slice(1);
    return { term: bare.startsWith('"') ? (JSON.parse(bare) as string) : bare, wanted };
  });

/** Whether a log event's message matches a filter pattern; throws on syntax it does not read. */
export const matchesFilterPattern = (pattern: string, message: string): boolean => {
  const trimmed = pattern.trim();
  if (trimmed === '') return true;
  if (trimmed.startsWith('{')) {
    if (!trimmed.endsWith('}')) throw unsupported(pattern, 'a JSON pattern ends with }');
    const selectors = selectorsOf(trimmed);
    let document: unknown;
    try {
      document = JSON.parse(message);
    } catch {
      return false;
    }
    return selectors.every((selector) => holds(selector, document));
  }
  return termsOf(trimmed).every(({ term, wanted }) => message.includes(term) === wanted);
};
