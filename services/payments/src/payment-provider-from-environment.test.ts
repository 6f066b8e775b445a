import { createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from './payment-provider-from-environment';

describe('paymentProviderFromEnvironment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('builds the sandbox provider on its ledger table', async () => {
    process.env.PAYMENT_PROVIDER = 'sandbox';
    process.env.SANDBOX_PAYMENTS_TABLE = 'ledger';
    const sent: { input: { TableName?: string } }[] = [];
    const documentClient = {
      send: async (command: { input: { TableName?: string } }) => {
        sent.push(command);
        return {};
      },
    } as unknown as Parameters<typeof paymentProviderFromEnvironment>[0];

    const provider = paymentProviderFromEnvironment(documentClient);
    await provider.void({ orderId: 'order-1', authorizationId: 'auth_1' });

    expect(sent.map((command) => command.input.TableName)).toEqual(['ledger']);
  });

  it('fails the cold start for a provider it does not know, rather than taking no payments', () => {
    process.env.PAYMENT_PROVIDER = 'acme';

    expect(() => paymentProviderFromEnvironment(createDocumentClient())).toThrow(
      'PAYMENT_PROVIDER=acme is not a payment provider this build knows',
    );
  });
});
