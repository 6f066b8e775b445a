import { OpsError, parseOpsArguments, runOps, USAGE, UsageError } from '@order-platform/ops/cli';

// npm run ops -- executions|history <orderId>|alerts (--local | --stage <stage>) [--json]
// Ops' view of the order workflow, the same on a deployed stage and on the local stack.

// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const main = async () => {
  let args;
  try {
    args = parseOpsArguments(process.argv.slice(2));
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
