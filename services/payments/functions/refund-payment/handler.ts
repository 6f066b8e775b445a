import { createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from '../../src/payment-provider-from-environment';
import { refundPaymentHandler } from './refund-payment';

export const handler = refundPaymentHandler({ provider: paymentProviderFromEnvironment(createDocumentClient()) });
