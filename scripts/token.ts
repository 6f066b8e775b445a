import { OPS_SCOPE } from '@order-platform/ops';
import { exitQuietlyOnBrokenPipe } from '@order-platform/ops/cli';
import { readStackFile, signLocalToken, tokenTargetLine } from '@order-platform/local-cloud';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

// npm run token -- <id> [--ops] [--data-dir DIR]   prints a bearer token the local stack accepts
// (valid 12 hours); with --ops it carries the ops scope the /ops routes require. On a terminal it
// also says which API the token is for, read from the stack file `npm start` writes (--data-dir:
// the one it was started with), so a stack on moved ports needs no looking up.
exitQuietlyOnBrokenPipe(process.stdout);

const usage = () => {
  console.error('Usage: npm run token -- <customerId> [--ops] [--data-dir DIR]');
  process.exit(2);
};
const parsed = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: { ops: { type: 'boolean' }, 'data-dir': { type: 'string' } },
      allowPositionals: true,
    });
  } catch {
    return usage();
  }
})();
const [subject, ...extra] = parsed.positionals;
if (!subject || extra.length > 0) usage();
const ops = parsed.values.ops === true;
process.stdout.write(`${signLocalToken(subject as string, ops ? { scopes: [OPS_SCOPE] } : {})}\n`);

// stderr, and only for a person: `TOKEN=$(npm run -s token -- alice)` still captures the token alone.
const dataDir = parsed.values['data-dir'];
const target =
  process.stderr.isTTY &&
  tokenTargetLine(readStackFile(dataDir && resolve(process.env.INIT_CWD ?? process.cwd(), dataDir)));
if (target) process.stderr.write(`${target}\n`);
