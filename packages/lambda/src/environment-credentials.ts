import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/**
 * Where every AWS SDK client in a Lambda bundle finds its credentials: the environment only.
 *
 * serverless.yml's esbuild `alias` puts this module in place of `@aws-sdk/credential-provider-node`,
 * so it is the `defaultProvider` each client's runtime config imports; no handler has to remember
 * it, and a client added later gets it too. Lambda hands a function its execution role's
 * credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, which is the first
 * place the default chain looks. The rest of that chain (SSO, ~/.aws files, credential_process,
 * web identity, ECS and EC2 metadata) is never reached in a Lambda, and it cost every bundle
 * ~135 KB and several milliseconds of cold start (docs/benchmarks.md). The README says what this
 * gives up and how to go back to the full chain.
 */
export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
