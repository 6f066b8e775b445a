import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { costSection, transitionsIn, type OrderCost } from './cost-per-order';

const entered = (id: number, type: string, name: string): HistoryEvent => ({
  id,
  type: type as HistoryEvent['type'],
  timestamp: new Date(0),
  stateEnteredEventDetails: { name },
});

describe('transitions in an execution history', () => {
  it('counts every state entered, whatever its type, and nothing else', () => {
    const events: HistoryEvent[] = [
      { id: 1, type: 'ExecutionStarted', timestamp: new Date(0) },
      entered(2, 'TaskStateEntered', 'ConfirmPayment'),
      { id: 3, type: 'LambdaFunctionScheduled', timestamp: new Date(0), previousEventId: 2 },
      { id: 4, type: 'TaskStateExited', timestamp: new Date(0) },
      entered(5, 'ChoiceStateEntered', 'IsPaymentApproved'),
      entered(6, 'ParallelStateEntered', 'ProcureOrder'),
      { id: 7, type: 'ExecutionSucceeded', timestamp: new Date(0) },
    ];

    expect(transitionsIn(events)).toEqual(['ConfirmPayment', 'IsPaymentApproved', 'ProcureOrder']);
  });
});

describe('the cost verdict', () => {
  const cost = (transitions: number): OrderCost => ({
    states: Array.from({ length: transitions }, (_, i) => `State${i}`),
    transitions,
    lambdaInvocations: 5,
    stepLambdas: ['ConfirmPayment', 'ReserveStock', 'PrepareInvoice', 'BookShipment'],
    serviceIntegrations: 0,
    dynamoDb: [],
    naive: { states: Array.from({ length: 10 }, (_, i) => `Naive${i}`), lambdaTasks: 7 },
  });

  it('is met at a third fewer transitions than the naive design, with the price of each', () => {
    const section = costSection(cost(6));

    expect(section.met).toBe(true);
    expect(section.markdown).toContain('| Standard-workflow price per 1,000 orders | $0.15 | $0.25 |');
  });

  it('is missed short of a third', () => {
    expect(costSection(cost(7)).met).toBe(false);
  });
});
