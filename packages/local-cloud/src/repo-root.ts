import { join } from 'node:path';

/**
 * The repository the local cloud runs: serverless.yml, the handlers it deploys, and `.local/` for
 * what the local stack keeps between runs (persisted tables, the local signing key).
 */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
