import { anOrder } from '@order-platform/domain/testing';
import { allStates, AWS_ERROR_NAMES, loadServiceDefinition, renderDefinition } from '@order-platform/local-cloud';
import type * as z from 'zod/mini';
import {
  PaymentOutcomeSchema,
  PaymentReleaseSchema,
  PreparedInvoiceSchema,
  ShipmentSchema,
  StockReservationSchema,
  WorkflowInputSchema,
  workflowInputFor,
  type PaymentOutcome,
  type PaymentRelease,
  type PreparedInvoice,
  type Shipment,
  type StockReservation,
} from './contract';
import { STEPS, type StepName } from './steps';

// The ASL and the step Lambdas meet in src/contract: every state's Parameters and ResultSelector
// are evaluated here on state data built from the contract's own schemas, and must give each step
// exactly the input its schema takes. A renamed field, a moved result or a step's new input fails
// this test before any execution does.

interface State {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly ResultSelector?: Record<string, unknown>;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly { ErrorEquals: string[] }[];
  readonly Catch?: readonly { ErrorEquals: string[] }[];
  readonly Branches?: readonly { States: Record<string, State> }[];
  readonly Choices?: readonly Record<string, unknown>[];
  readonly Default?: string;
}

/** A JSONPath of the kind the definition uses: `$`, `$.a.b`, `$[0].a`, `$$.Execution.Name`. */
const read = (path: string, data: unknown, context: unknown): unknown => {
  const [root, ...steps] = path.startsWith('$$')
    ? [context, ...path.slice(2).split(/\.|(?=\[)/)]
    : [data, ...path.slice(1).split(/\.|(?=\[)/)];
  let value: unknown = root;
  for (const step of steps.filter(Boolean)) {
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    if (value === null || typeof value !== 'object' || !(key in value)) {
      throw new Error(`${path} names nothing in ${JSON.stringify(data)}`);
    }
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
};

/** The state data with a task's result at its ResultPath (`$.a.b`), as Step Functions places it. */
const placeAt = (path: string, data: object, result: unknown): object => {
  const [key, ...rest] = path.replace(/^\$\./, '').split('.');
  const inner = (data as Record<string, unknown>)[key as string];
  return {
    ...data,
    [key as string]: rest.length === 0 ? result : placeAt(`$.${rest.join('.')}`, (inner ?? {}) as object, result),
  };
};

/** A payload template (Parameters, ResultSelector) evaluated as Step Functions does, for the intrinsics used. */
const evaluate = (template: unknown, data: unknown, context: unknown): unknown => {
  if (Array.isArray(template)) return template.map((item) => evaluate(item, data, context));
  if (template === null || typeof template !== 'object') return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, evaluate(value, data, context)];
      const expression = String(value);
      const merge = /^States\.JsonMerge\((\S+), (\S+), false\)$/.exec(expression);
      const resolved = merge
        ? {
            ...(read(merge[1] as string, data, context) as object),
            ...(read(merge[2] as string, data, context) as object),
          }
        : read(expression, data, context);
      return [key.slice(0, -2), resolved];
    }),
  );
};

// What each step answers, checked against the contract's output schemas before it is used.
const answered = <T>(schema: z.ZodMiniType<T>, value: T): T => schema.parse(value);
const authorized = answered<PaymentOutcome>(PaymentOutcomeSchema, { outcome: 'AUTHORIZED', authorizationId: 'auth_1' });
const settled = answered<PaymentOutcome>(PaymentOutcomeSchema, { outcome: 'SETTLED', status: 'DISPATCHED' });
const declined = answered<PaymentOutcome>(PaymentOutcomeSchema, { outcome: 'DECLINED', reason: 'Card declined' });
const reserved = answered<StockReservation>(StockReservationSchema, { outcome: 'RESERVED', reservedItems: 2 });
const shortOfStock = answered<StockReservation>(StockReservationSchema, {
  outcome: 'OUT_OF_STOCK',
  reason: 'Not enough stock: LT-006 (requested 5, available 3)',
  shortages: [{ sku: 'LT-006', requested: 5, available: 3 }],
});
const invoice = answered<PreparedInvoice>(PreparedInvoiceSchema, {
  invoiceNumber: 'INV-2026-0000000001',
  total: { amount: 8900, currency: 'EUR' },
});

const refunded = answered<PaymentRelease>(PaymentReleaseSchema, 'REFUNDED');

const shipment = answered<Shipment>(ShipmentSchema, {
  carrier: 'EuroParcel',
  serviceLevel: 'STANDARD',
  trackingNumber: 'EP0123456789AB',
});

const context = { Execution: { Id: 'arn:aws:states:eu-west-1:0:execution:wf:order-1', Name: 'order-1' } };

describe('the workflow’s contract with its step Lambdas', () => {
  let definition: { States: Record<string, State> };
  let states: Map<string, State>;
  const stateNamed = (name: string) => states.get(name) as State;

  /** The state data after ProcureOrder, as the states after it read it. */
  const procured = (stock: StockReservation) => {
    const procureOrder = stateNamed('ProcureOrder');
    const [reserveBranch, invoiceBranch] = procureOrder.Branches ?? [];
    // The branch results in their order, each through its task's ResultSelector.
    const branchResults = [
      evaluate(reserveBranch?.States.ReserveStock?.ResultSelector, stock, context),
      evaluate(invoiceBranch?.States.PrepareInvoice?.ResultSelector, invoice, context),
    ];
    return {
      ...workflowInputFor(anOrder({ orderId: 'order-1' })),
      payment: authorized,
      [String(procureOrder.ResultPath).replace('$.', '')]: evaluate(
        procureOrder.ResultSelector,
        branchResults,
        context,
      ),
    };
  };

  /** The state data after BookShipment, as CapturePayment reads it. */
  const booked = () => ({
    ...procured(reserved),
    [String(stateNamed('BookShipment').ResultPath).replace('$.', '')]: shipment,
  });

  /** The state data compensation reads: a failure entered from a Catch. */
  const enteredFailure = () => {
    const caught = {
      ...procured(reserved),
      error: { Error: 'NoCarrierAvailable', Cause: '{"errorType":"NoCarrierAvailable","errorMessage":"No carrier"}' },
    };
    return { ...caught, failure: evaluate(stateNamed('DispatchFailed').Parameters, caught, context) };
  };
  /** The state data after compensation: VoidOrRefundPayment's answer where the ASL puts it. */
  const compensated = (data: object, released: PaymentRelease) =>
    placeAt(String(stateNamed('VoidOrRefundPayment').ResultPath), data, released);
  /** The state data MarkOrderFailed reads: the entered failure, compensated and described. */
  const describedFailure = (released = refunded) =>
    evaluate(stateNamed('DescribeFailure').Parameters, compensated(enteredFailure(), released), context);
  /** The state data MarkOrderCancelled reads: a cancellation a step noticed, the payment given back. */
  const undoneCancellation = (released = refunded) => {
    const caught = { ...procured(reserved), error: { Error: 'OrderCancellationRequested', Cause: 'asked' } };
    return compensated(
      { ...caught, failure: evaluate(stateNamed('CancellationRequested').Parameters, caught, context) },
      released,
    );
  };
  const stateDataFor = (step: StepName) => {
    if (step === 'MarkOrderFailed') return describedFailure();
    if (step === 'MarkOrderCancelled') return undoneCancellation();
    if (step === 'ReleaseStock') return enteredFailure();
    if (step === 'CapturePayment') return booked();
    return procured(reserved);
  };

  beforeAll(async () => {
    const service = await loadServiceDefinition('dev');
    definition = renderDefinition(service, service.stateMachines.orderWorkflow?.definition) as typeof definition;
    states = new Map(allStates(definition) as [string, State][]);
  }, 60_000);

  it('names every Lambda task after its step, and has a state for every step', () => {
    const lambdaTasks = [...states].filter(([, state]) => state.Resource?.startsWith('arn:aws:lambda:'));
    expect(lambdaTasks.map(([name]) => name).sort()).toEqual(Object.keys(STEPS).sort());
    for (const [name, state] of lambdaTasks) {
      const functionName = name.charAt(0).toLowerCase() + name.slice(1);
      expect(state.Resource).toMatch(new RegExp(`:function:order-platform-dev-${functionName}$`));
    }
  });

  it.each(Object.keys(STEPS) as StepName[])('passes %s exactly the input its contract takes', (name) => {
    const input = evaluate(stateNamed(name).Parameters, stateDataFor(name), context);
    const parsed = STEPS[name].input.safeParse(input);
    expect({ name, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ name, issues: [] });
  });

  it('routes on what the steps answer: the payment’s outcome, then the stock’s, the sold-out reason as the failure’s cause', () => {
    const choiceOn = (state: string) =>
      (stateNamed(state).Choices ?? []).map((choice) => [choice.Variable, choice.StringEquals]);
    expect(choiceOn('IsPaymentAuthorized')).toEqual([
      ['$.payment.outcome', authorized.outcome],
      ['$.payment.outcome', settled.outcome],
    ]);
    expect(stateNamed('IsPaymentAuthorized').Choices?.map((choice) => choice.Next)).toEqual([
      'ProcureOrder',
      'OrderAlreadySettled',
    ]);
    expect(choiceOn('IsPaymentAuthorized').map(([, outcome]) => outcome)).not.toContain(declined.outcome);
    expect(stateNamed('IsPaymentAuthorized').Default).toBe('OrderDeclined');
    const [[stockPath, soldOut] = []] = choiceOn('IsStockReserved');
    expect(soldOut).toBe('OUT_OF_STOCK');
    expect(read(String(stockPath), procured(reserved), context)).toBe('RESERVED');
    expect(read(String(stockPath), procured(shortOfStock), context)).toBe('OUT_OF_STOCK');
    expect(evaluate(stateNamed('ShortOfStock').Parameters, procured(shortOfStock), context)).toEqual({
      Error: 'OutOfStock',
      Cause: 'Not enough stock: LT-006 (requested 5, available 3)',
    });
  });

  it.each(['VOIDED', 'REFUNDED', 'FAILED'] as const)(
    'records the payment status compensation answers (%s) on the order it marks failed or cancelled',
    (answer) => {
      const released = answered<PaymentRelease>(PaymentReleaseSchema, answer);
      const failed = evaluate(stateNamed('MarkOrderFailed').Parameters, describedFailure(released), context);
      const cancelled = evaluate(stateNamed('MarkOrderCancelled').Parameters, undoneCancellation(released), context);
      expect(STEPS.MarkOrderFailed.input.parse(failed).failure.paymentStatus).toBe(answer);
      expect(STEPS.MarkOrderCancelled.input.parse(cancelled).paymentStatus).toBe(answer);
    },
  );

  it('tells ReleaseStock which step failed and how, so the order keeps why its compensation began', () => {
    expect(evaluate(stateNamed('ReleaseStock').Parameters, enteredFailure(), context)).toMatchObject({
      failed: { step: 'BookShipment', error: 'NoCarrierAvailable' },
    });
  });

  it('reads ProcureOrder’s results by name: swapping its branches changes nothing', () => {
    const procureOrder = stateNamed('ProcureOrder');
    const results = (order: 'as written' | 'swapped') => {
      const branchResults = [
        evaluate(procureOrder.Branches?.[0]?.States.ReserveStock?.ResultSelector, reserved, context),
        evaluate(procureOrder.Branches?.[1]?.States.PrepareInvoice?.ResultSelector, invoice, context),
      ];
      return evaluate(
        procureOrder.ResultSelector,
        order === 'swapped' ? branchResults.reverse() : branchResults,
        context,
      );
    };
    expect(results('swapped')).toEqual(results('as written'));
  });

  it('starts executions with only what some state reads', () => {
    const text = JSON.stringify(definition);
    for (const field of Object.keys(WorkflowInputSchema.def.shape)) {
      expect({ field, read: text.includes(`"$.${field}"`) }).toEqual({ field, read: true });
    }
  });

  it('retries and catches, on each step, only AWS’s errors and the errors that step raises', () => {
    const known = (name: StepName) => new Set<string>([...AWS_ERROR_NAMES, ...STEPS[name].errors]);
    for (const name of Object.keys(STEPS) as StepName[]) {
      const state = stateNamed(name);
      const named = [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((rule) => rule.ErrorEquals);
      expect({ name, unknown: named.filter((error) => !known(name).has(error)) }).toEqual({ name, unknown: [] });
    }
  });
});
