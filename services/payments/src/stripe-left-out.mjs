/**
 * What every stand-in of stripe-bundle-plugin.js builds its exports with, bundled once. A left-out
 * export can be built with `new` (the client builds every resource up front) or called
 * (`createWebhooks()` at load), and gives back an object; calling anything reached from it, or
 * from the export itself (`stripe.billing.meters.list()`), fails by name.
 */
const failing = (path) => () => {
  throw new Error(
    'stripe ' + path + ' is not in this bundle: services/payments/src/stripe-bundle-plugin.js left it out',
  );
};
const member = (path) =>
  new Proxy(function () {}, {
    apply: failing(path),
    construct: failing(path),
    get: (target, key) => (typeof key !== 'string' || key === 'then' ? undefined : member(path + '.' + key)),
  });
const leftOutObject = (name) =>
  new Proxy(
    {},
    { get: (target, key) => (typeof key !== 'string' || key === 'then' ? undefined : member(name + '.' + key)) },
  );
export const leftOut = (name) =>
  new Proxy(function () {}, {
    construct: () => leftOutObject(name),
    apply: () => leftOutObject(name),
    get: (target, key) => (typeof key !== 'string' || key in target ? target[key] : member(name + '.' + key)),
  });
