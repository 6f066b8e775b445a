// Runs before `npm start` with plain Node: without `npm ci` there is no tsx to explain anything.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const missing = ['tsx', 'sls'].filter((bin) => !existsSync(new URL(`../node_modules/.bin/${bin}`, import.meta.url)));
if (missing.length > 0) {
  console.error(
    `Cannot start: the dependencies are not installed (no ${missing.join(', ')} in node_modules/.bin): run npm ci.`,
  );
  process.exit(1);
}
