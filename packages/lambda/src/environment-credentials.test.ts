import { defaultProvider } from './environment-credentials';

describe('the credential provider of every Lambda bundle', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('returns the execution role credentials Lambda puts in the environment, session token included', async () => {
    // Prepare
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXECUTIONROLE',
      AWS_SECRET_ACCESS_KEY: 'role-secret',
      AWS_SESSION_TOKEN: 'role-session-token',
    });

    // Act
    const credentials = await defaultProvider()();

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAEXECUTIONROLE',
      secretAccessKey: 'role-secret',
      sessionToken: 'role-session-token',
    });
  });

  it('fails with the SDK credentials error, looking nowhere else, when the environment has none', async () => {
    // Prepare
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;

    // Act
    const resolving = defaultProvider()();

    // Assess
    await expect(resolving).rejects.toMatchObject({ name: 'CredentialsProviderError' });
  });
});
