import { requiredEnv } from './environment';

describe('requiredEnv', () => {
  const name = 'ORDER_PLATFORM_TEST_VARIABLE';
  afterEach(() => {
    delete process.env[name];
  });

  it('reads a configured variable', () => {
    process.env[name] = 'orders-table';
    expect(requiredEnv(name)).toBe('orders-table');
  });

  it.each([undefined, ''])('fails the cold start when the variable is %p', (value) => {
    if (value !== undefined) process.env[name] = value;
    expect(() => requiredEnv(name)).toThrow(`Environment variable ${name} is not set`);
  });
});
