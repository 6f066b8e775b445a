import { readStackFile } from '@order-platform/local-cloud';
import {
  exitQuietlyOnBrokenPipe,
  OpsError,
  parseOpsArguments,
  runOps,
  USAGE,
  UsageError,
} from '@order-platform/ops/cli';
import { resolve } from 'node:path';

// npm run ops -- executions|history <orderId>|alerts (--local [--data-dir DIR] | --stage <stage>) [--json]
// Ops' view of the order workflow, the same on a deployed stage and on the local stack.

// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

exitQuietlyOnBrokenPipe(process.stdout);

// --local finds the stack in the stack file `npm start` writes under its data directory; a relative
// --data-dir means where it was typed (npm runs scripts from the repository's root).
const findLocalStack = (dataDir: string | undefined) =>
  readStackFile(dataDir === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), dataDir));

const main = async () => {
  let args;
  try {
    args = parseOpsArguments(process.argv.slice(2), { findLocalStack });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const progressIsLive = process.stderr.isTTY;
  try {
    await runOps(args, {
      out: (text) => {
        if (progressIsLive) process.stderr.write('\r\x1b[K');
        process.stdout.write(`${text}\n`);
      },
      progress: (text) => process.stderr.write(progressIsLive ? `\r\x1b[K${text}` : `${text}\n`),
    });
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};

void main();
