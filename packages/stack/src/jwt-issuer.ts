// Who signs the tokens the API accepts is the one setting a deployment cannot guess: a stage
// deployed with a made-up issuer answers 401 to every authenticated request. serverless.yml
// holds UNSET_JWT_ISSUER until `--param="jwtIssuer=…"` replaces it, and packaging refuses it.

/** Stands for an issuer nobody has set: `.invalid` is reserved (RFC 2606) and never resolves. */
export const UNSET_JWT_ISSUER = 'https://jwt-issuer-not-set.invalid/';

/**
 * What packaging a stage for inspection passes (the packaging tests, the benchmark): an explicit
 * issuer under a documentation domain (RFC 2606), which no identity provider answers for.
 */
export const INSPECTION_PARAMS = ['--param=jwtIssuer=https://issuer.example.org/'];

interface HttpApiSettings {
  readonly authorizers?: Readonly<Record<string, { readonly type?: string; readonly issuerUrl?: unknown }>>;
}

/** Why the stage's JWT authorizers cannot be deployed as configured, in one line; undefined when they can. */
export const jwtIssuerProblem = (stage: string, httpApi: HttpApiSettings | undefined): string | undefined => {
  for (const [name, authorizer] of Object.entries(httpApi?.authorizers ?? {})) {
    if (authorizer.type !== 'jwt') continue;
    const issuer = String(authorizer.issuerUrl ?? '');
    const host = URL.canParse(issuer) ? new URL(issuer).hostname : '';
    if (!issuer.startsWith('https://') || host === '' || host.endsWith('.invalid')) {
      const was = issuer === UNSET_JWT_ISSUER ? 'is not set' : `is ${JSON.stringify(issuer)}, not an https URL`;
      return `The JWT issuer of authorizer ${name} ${was} for stage ${stage}: pass --param="jwtIssuer=https://<your identity provider>/" (the iss of the tokens the API accepts)`;
    }
  }
  return undefined;
};
