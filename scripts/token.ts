import { signLocalToken } from './local-identity';

// npm run token -- <customerId>   prints a bearer token the local stack accepts (valid 12 hours).
const [customerId] = process.argv.slice(2);
if (!customerId || customerId.startsWith('-')) {
  console.error('Usage: npm run token -- <customerId>');
  process.exit(2);
}
process.stdout.write(`${signLocalToken(customerId)}\n`);
