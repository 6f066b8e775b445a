import { randomBytes } from 'node:crypto';
import type { Params, ParamValue } from './form-encoding';
import {
  invalidParameter,
  invalidRequest,
  missingParameter,
  noSuch,
  StripeApiError,
  unexpectedState,
} from './stripe-errors';
import { TEST_PAYMENT_METHODS } from './test-payment-methods';

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

/** The fields of Stripe's PaymentIntent object that this server keeps. */
export interface PaymentIntent {
  readonly id: string;
  readonly object: 'payment_intent';
  readonly amount: number;
  amount_capturable: number;
  amount_received: number;
  readonly currency: string;
  readonly capture_method: 'automatic' | 'automatic_async' | 'manual';
  readonly confirmation_method: 'automatic';
  readonly created: number;
  readonly livemode: false;
  readonly metadata: Record<string, string>;
  readonly description: string | null;
  payment_method: string | null;
  status: PaymentIntentStatus;
  canceled_at: number | null;
  cancellation_reason: string | null;
  latest_charge: string | null;
  last_payment_error: {
    type: 'card_error';
    code: string;
    decline_code: string;
    message: string;
    payment_method: { id: string; object: 'payment_method'; type: 'card' };
  } | null;
}

export interface Refund {
  readonly id: string;
  readonly object: 'refund';
  readonly amount: number;
  readonly currency: string;
  readonly charge: string;
  readonly payment_intent: string;
  readonly created: number;
  readonly metadata: Record<string, string>;
  readonly reason: string | null;
  readonly status: 'succeeded';
}

/** Stripe's smallest chargeable amounts (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUM_AMOUNTS: Readonly<Record<string, number>> = { eur: 50, usd: 50, gbp: 30 };
const CANCELABLE: readonly PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replaceAll(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

const text = (params: Params, name: string): string | undefined => {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidParameter(name, `Invalid string: ${JSON.stringify(value)}`, 'parameter_invalid_string');
  return value;
};

const integer = (params: Params, name: string, { required }: { required: boolean }): number | undefined => {
  const value = text(params, name);
  if (value === undefined) {
    if (required) throw missingParameter(name);
    return undefined;
  }
  if (!/^\d+$/.test(value)) throw invalidParameter(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  return Number(value);
};

const metadataOf = (value: ParamValue | undefined): Record<string, string> => {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw invalidParameter('metadata', 'Invalid metadata: must be a hash of strings', 'parameter_invalid_string');
  }
  return value as Record<string, string>;
};

const oneOf = (params: Params, name: string, allowed: readonly string[]) => {
  const value = text(params, name);
  if (value !== undefined && !allowed.includes(value)) {
    throw invalidParameter(name, `Invalid ${name}: must be one of ${allowed.join(', ')}`, 'parameter_invalid_empty');
  }
  return value;
};

const isTrue = (params: Params, name: string) => text(params, name) === 'true';

/** Confirms with the intent's payment method: authorizes (or charges), or declines with 402. */
const confirm = (intent: PaymentIntent): PaymentIntent => {
  const paymentMethod = intent.payment_method as string;
  const behaviour = TEST_PAYMENT_METHODS[paymentMethod];
  if (!behaviour) {
    intent.payment_method = null;
    throw invalidRequest(`No such PaymentMethod: '${paymentMethod}'`, {
      code: 'resource_missing',
      param: 'payment_method',
    });
  }
  if (behaviour.kind === 'declines') {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = {
      type: 'card_error',
      code: behaviour.code,
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
    };
    intent.payment_method = null;
    throw new StripeApiError(402, {
      type: 'card_error',
      code: behaviour.code,
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      payment_intent: { ...intent },
    });
  }
  intent.last_payment_error = null;
  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
  } else {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = newId('ch');
  }
  return intent;
};

/** A new intent from `create`'s parameters, and whether to confirm it now. */
const newIntent = (params: Params): { intent: PaymentIntent; confirmNow: boolean } => {
  const amount = integer(params, 'amount', { required: true }) as number;
  const currency = text(params, 'currency')?.toLowerCase();
  if (!currency) throw missingParameter('currency');
  const minimum = MINIMUM_AMOUNTS[currency];
  if (minimum === undefined)
    throw invalidParameter('currency', `Invalid currency: ${currency}.`, 'parameter_invalid_empty');
  if (amount < minimum) {
    throw invalidRequest(
      `Amount must be at least ${minimum} ${currency}`,
      { code: 'amount_too_small', param: 'amount' },
      false,
    );
  }
  const captureMethod = (oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) ??
    'automatic_async') as PaymentIntent['capture_method'];
  const paymentMethod = text(params, 'payment_method') ?? null;
  const confirmNow = isTrue(params, 'confirm');
  if (confirmNow && !paymentMethod) {
    throw invalidRequest(
      'You must provide a payment method to confirm this PaymentIntent.',
      { param: 'payment_method' },
      false,
    );
  }
  const intent: PaymentIntent = {
    id: newId('pi'),
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    currency,
    capture_method: captureMethod,
    confirmation_method: 'automatic',
    created: now(),
    livemode: false,
    metadata: metadataOf(params.metadata),
    description: text(params, 'description') ?? null,
    payment_method: paymentMethod,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    canceled_at: null,
    cancellation_reason: null,
    latest_charge: null,
    last_payment_error: null,
  };
  return { intent, confirmNow };
};

/**
 * PaymentIntents and refunds as Stripe documents them
 * (https://docs.stripe.com/payments/paymentintents/lifecycle): a manual-capture intent confirmed
 * with a card is `requires_capture` until captured (`succeeded`) or canceled (`canceled`, the
 * hold released); a declined confirmation leaves it `requires_payment_method` and answers 402;
 * a refund gives back part or all of a succeeded intent's charge.
 */
export const createPaymentIntents = () => {
  const intents = new Map<string, PaymentIntent>();
  const refunds = new Map<string, Refund>();
  const refundedAmount = (intentId: string) =>
    [...refunds.values()].filter((refund) => refund.payment_intent === intentId).reduce((sum, r) => sum + r.amount, 0);

  const find = (id: string, param = 'intent') => {
    const intent = intents.get(id);
    if (!intent) throw noSuch('payment_intent', id, param);
    return intent;
  };

  return {
    create(params: Params): PaymentIntent {
      const { intent, confirmNow } = newIntent(params);
      intents.set(intent.id, intent);
      return confirmNow ? confirm(intent) : intent;
    },

    retrieve: (id: string): PaymentIntent => find(id),

    capture(id: string, params: Params): PaymentIntent {
      const intent = find(id);
      const amountToCapture = integer(params, 'amount_to_capture', { required: false }) ?? intent.amount_capturable;
      if (
        intent.status === 'requires_capture' &&
        TEST_PAYMENT_METHODS[intent.payment_method ?? '']?.kind === 'authorization-expires'
      ) {
        intent.status = 'canceled';
        intent.cancellation_reason = 'automatic';
        intent.canceled_at = now();
        intent.amount_capturable = 0;
      }
      if (intent.status !== 'requires_capture') {
        throw unexpectedState('captured', intent.status, ['requires_capture'], { ...intent });
      }
      if (amountToCapture > intent.amount_capturable) {
        throw invalidRequest(
          `The amount to capture (${amountToCapture}) is greater than the amount capturable (${intent.amount_capturable}).`,
          { code: 'amount_too_large', param: 'amount_to_capture' },
        );
      }
      intent.status = 'succeeded';
      intent.amount_received = amountToCapture;
      intent.amount_capturable = 0;
      intent.latest_charge = newId('ch');
      return intent;
    },

    cancel(id: string, params: Params): PaymentIntent {
      const intent = find(id);
      const reason = oneOf(params, 'cancellation_reason', CANCELLATION_REASONS);
      if (!CANCELABLE.includes(intent.status)) {
        throw unexpectedState('canceled', intent.status, CANCELABLE, { ...intent });
      }
      intent.status = 'canceled';
      intent.cancellation_reason = reason ?? null;
      intent.canceled_at = now();
      intent.amount_capturable = 0;
      return intent;
    },

    refund(params: Params): Refund {
      const intentId = text(params, 'payment_intent');
      if (!intentId) throw missingParameter('payment_intent');
      const intent = find(intentId, 'payment_intent');
      const reason = oneOf(params, 'reason', REFUND_REASONS);
      if (intent.status !== 'succeeded' || !intent.latest_charge) {
        throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
          code: 'charge_not_refundable',
          param: 'payment_intent',
        });
      }
      const remaining = intent.amount_received - refundedAmount(intent.id);
      if (remaining === 0) {
        throw invalidRequest(`Charge ${intent.latest_charge} has already been refunded.`, {
          code: 'charge_already_refunded',
        });
      }
      const amount = integer(params, 'amount', { required: false }) ?? remaining;
      if (amount > remaining) {
        throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, {
          code: 'amount_too_large',
          param: 'amount',
        });
      }
      const refund: Refund = {
        id: newId('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        created: now(),
        metadata: metadataOf(params.metadata),
        reason: reason ?? null,
        status: 'succeeded',
      };
      refunds.set(refund.id, refund);
      return refund;
    },

    /** What has been refunded on an intent, for tests. */
    refundsOf: (intentId: string): Refund[] => [...refunds.values()].filter((r) => r.payment_intent === intentId),
    /** Every intent, oldest first, for tests and the local stack's log. */
    all: (): PaymentIntent[] => [...intents.values()],
  };
};

export type PaymentIntents = ReturnType<typeof createPaymentIntents>;
