/** A request's parameters as Stripe reads them: nested objects and arrays from bracketed names. */
export type Params = { [name: string]: ParamValue };
export type ParamValue = string | Params | ParamValue[];

const decode = (text: string) => decodeURIComponent(text.replaceAll('+', ' '));

/** `metadata[order_id]` → ['metadata', 'order_id']; `expand[]` → ['expand', '']. */
const pathOf = (name: string): string[] => {
  const opening = name.indexOf('[');
  if (opening < 0) return [name];
  const rest = name.slice(opening);
  return [name.slice(0, opening), ...[...rest.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? '')];
};

/** Objects whose keys are all indices (`expand[0]`, `expand[1]`) or `[]` appends become arrays. */
const arraysOf = (value: ParamValue): ParamValue => {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysOf(value[key] as ParamValue)]));
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key] as ParamValue);
  }
  return converted;
};

/**
 * Parses `application/x-www-form-urlencoded` the way Stripe's API does (and the stripe SDK
 * writes it): `a[b]=1&a[c][]=2` is `{ a: { b: '1', c: ['2'] } }`.
 */
export const parseForm = (body: string): Params => {
  const root: Params = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = decode(separator < 0 ? pair : pair.slice(0, separator));
    const value = separator < 0 ? '' : decode(pair.slice(separator + 1));
    const path = pathOf(name);
    let node: Params = root;
    path.forEach((segment, index) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Params;
    });
  }
  return arraysOf(root) as Params;
};

/** The same parameters always give the same text, whatever order they were sent in. */
export const canonicalParams = (params: ParamValue): string =>
  JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
