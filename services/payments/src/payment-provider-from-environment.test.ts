import { createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from './payment-provider-from-environment';

describe('paymentProviderFromEnvironment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('builds the sandbox provider on its ledger table', () => {
    process.env.PAYMENT_PROVIDER = 'sandbox';
    process.env.SANDBOX_PAYMENTS_TABLE = 'ledger';

    expect(paymentProviderFromEnvironment(createDocumentClient())).toEqual({
      charge: expect.any(Function),
      refund: expect.any(Function),
    });
  });

  it('fails the cold start for a provider it does not know, rather than taking no payments', () => {
    process.env.PAYMENT_PROVIDER = 'acme';

    expect(() => paymentProviderFromEnvironment(createDocumentClient())).toThrow(
      'PAYMENT_PROVIDER=acme is not a payment provider this build knows',
    );
  });
});
