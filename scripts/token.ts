import { OPS_SCOPE } from '@order-platform/ops';
import { signLocalToken } from '@order-platform/local-cloud';

// npm run token -- <id> [--ops]   prints a bearer token the local stack accepts (valid 12 hours);
// with --ops it carries the ops scope the /ops routes require.
const args = process.argv.slice(2);
const ops = args.includes('--ops');
const rest = args.filter((arg) => arg !== '--ops');
const [subject] = rest;
if (!subject || subject.startsWith('-') || rest.length > 1) {
  console.error('Usage: npm run token -- <customerId> [--ops]');
  process.exit(2);
}
process.stdout.write(`${signLocalToken(subject, ops ? { scopes: [OPS_SCOPE] } : {})}\n`);
