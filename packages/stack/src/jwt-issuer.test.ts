import { jwtIssuerProblem, UNSET_JWT_ISSUER } from './jwt-issuer';

const withIssuer = (issuerUrl: unknown) => ({ authorizers: { customerJwt: { type: 'jwt', issuerUrl } } });

describe('jwtIssuerProblem', () => {
  it('refuses the issuer serverless.yml holds until one is given, saying which param to pass', () => {
    expect(jwtIssuerProblem('prod', withIssuer(UNSET_JWT_ISSUER))).toBe(
      'The JWT issuer of authorizer customerJwt is not set for stage prod: pass --param="jwtIssuer=https://<your identity provider>/" (the iss of the tokens the API accepts)',
    );
  });

  it.each(['http://issuer.example.org/', 'issuer.example.org', '', 'https://', 'https://pool.invalid/x'])(
    'refuses %j: API Gateway fetches the keys from an https issuer',
    (issuer) => {
      expect(jwtIssuerProblem('dev', withIssuer(issuer))).toMatch(/^The JWT issuer of authorizer customerJwt is /);
    },
  );

  it('accepts an https issuer, and a stage with no JWT authorizer', () => {
    expect(
      jwtIssuerProblem('prod', withIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC')),
    ).toBeUndefined();
    expect(jwtIssuerProblem('prod', { authorizers: { custom: { type: 'request' } } })).toBeUndefined();
    expect(jwtIssuerProblem('prod', undefined)).toBeUndefined();
  });
});
