import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { join } from 'node:path';
import type { DynamoDbCall } from './dynamodb-recorder';
import { PRICES } from './prices';
import type { BenchmarkSection } from './report';

// Cost per order: one happy-path order placed over HTTP on the local stack (`npm start`'s, in
// this process), its execution history read back through the Step Functions API, and every
// DynamoDB request the order caused (handlers and workflow integrations) seen by a recorder in
// front of DynamoDB. The naive design (naive-order-workflow.asl.yml) runs with stub tasks, to
// count its transitions from its own execution. measure/cost-per-order.ts measures; this module
// holds the goal, the reading of an execution history, and the verdict.

/** Standard workflows, us-east-1 list price (./prices.ts). */
export const PRICE_PER_TRANSITION = PRICES.stepFunctionsTransition.usd;
export const MIN_TRANSITION_SAVING = 1 / 3;

export interface OrderCost {
  readonly states: readonly string[];
  readonly transitions: number;
  readonly lambdaInvocations: number;
  readonly stepLambdas: readonly string[];
  readonly serviceIntegrations: number;
  readonly dynamoDb: readonly DynamoDbCall[];
  readonly naive: { readonly states: readonly string[]; readonly lambdaTasks: number };
  /** HTTP API requests the client sent for the measured order. */
  readonly apiRequests: number;
  /** Each step Lambda the execution ran: its state, and how long it ran (history timestamps). */
  readonly stepDurations: readonly { readonly state: string; readonly ms: number }[];
  /** Every line the Lambdas logged during the measured order (INFO, as deployed). */
  readonly logLines: readonly string[];
}

/** The naive design the workflow is compared with, beside this module (the report names it). */
export const NAIVE_DESIGN = join(__dirname, 'naive-order-workflow.asl.yml');

/** Every state Standard workflows bill a transition for, in the order entered (retries too). */
export const transitionsIn = (events: readonly HistoryEvent[]) =>
  events
    .filter((event) => event.type?.endsWith('StateEntered'))
    .map((event) => event.stateEnteredEventDetails?.name ?? '?');

/** The state that scheduled each Lambda the execution invoked, in order. */
export const stepLambdasIn = (events: readonly HistoryEvent[]) =>
  events
    .filter((event) => event.type === 'LambdaFunctionScheduled')
    .map((event) => {
      const id = event.previousEventId;
      return events.find((candidate) => candidate.id === id)?.stateEnteredEventDetails?.name ?? '?';
    });

/** How long each Lambda the execution invoked ran: LambdaFunctionStarted to its outcome. */
export const stepDurationsIn = (events: readonly HistoryEvent[]) =>
  events
    .filter((event) => event.type === 'LambdaFunctionScheduled')
    .map((scheduled) => {
      const state = events.find((event) => event.id === scheduled.previousEventId)?.stateEnteredEventDetails?.name;
      const started = events.find(
        (event) => event.previousEventId === scheduled.id && event.type === 'LambdaFunctionStarted',
      );
      const ended = events.find(
        (event) =>
          event.previousEventId === started?.id &&
          (event.type === 'LambdaFunctionSucceeded' || event.type === 'LambdaFunctionFailed'),
      );
      const at = (event: HistoryEvent | undefined) => new Date(event?.timestamp ?? Number.NaN).getTime();
      return { state: state ?? '?', ms: at(ended) - at(started) };
    });

const dollars = (value: number) => `$${value.toFixed(2)}`;

export const costSection = (cost: OrderCost): BenchmarkSection => {
  const writes = cost.dynamoDb.filter((call) => call.itemsWritten > 0);
  const writeUnits = writes.reduce((sum, call) => sum + call.capacityUnits, 0);
  const reads = cost.dynamoDb.filter((call) => call.itemsWritten === 0 && call.status === 200);
  const readUnits = reads.reduce((sum, call) => sum + call.capacityUnits, 0);
  const byTable = new Map<string, number>();
  for (const call of writes) {
    const key = `${call.operation} ${call.tables.join(', ').replace(/^order-platform-local-/, '')}`;
    byTable.set(key, (byTable.get(key) ?? 0) + call.itemsWritten);
  }
  const refused = cost.dynamoDb.filter((call) => call.status !== 200);
  const naive = cost.naive.states.length;
  const saving = 1 - cost.transitions / naive;
  const met = saving >= MIN_TRANSITION_SAVING;
  return {
    goal: '≥ ⅓ fewer state transitions per happy-path order than the naive design',
    met,
    markdown: `## Cost per order

One happy-path order (\`tok_visa\`, standard shipping, two products in stock) placed with
\`POST /orders\` over HTTP on the local stack (after one order for the same products, so the
figures are a steady state's), run to its end by the real ASL; transitions and
Lambda invocations counted from its execution history as \`GetExecutionHistory\` returns it
(Standard workflows bill one transition per state entered, retries included), DynamoDB requests
counted by a recorder in front of DynamoDB that every handler and workflow integration goes
through (capacity as dynalite computes it). The naive design
(\`packages/bench/src/naive-order-workflow.asl.yml\`: each status update a Lambda of its own after the
step that reached it, a Choice between two shipping tasks) is run with stub tasks to count its
transitions the same way.

| per happy-path order | this workflow | naive design |
| --- | --- | --- |
| state transitions | ${cost.transitions} | ${naive} |
| Standard-workflow price per 1,000 orders | ${dollars(cost.transitions * PRICE_PER_TRANSITION * 1000)} | ${dollars(naive * PRICE_PER_TRANSITION * 1000)} |
| Lambda invocations | ${cost.lambdaInvocations}: createOrder, ${cost.stepLambdas.join(', ')} | ${cost.naive.lambdaTasks + 1}: createOrder and ${cost.naive.lambdaTasks} tasks |
| Step Functions service integrations | ${cost.serviceIntegrations} | 0 |
| DynamoDB items written | ${writes.reduce((sum, call) => sum + call.itemsWritten, 0)} in ${writes.length} requests, ${writeUnits} WCU | not run |
| DynamoDB reads | ${reads.length} requests, ${readUnits} RCU | not run |

- States this workflow entered: ${cost.states.join(' → ')}.
- States the naive design entered: ${cost.naive.states.join(' → ')}.
- DynamoDB writes by operation and table: ${[...byTable.entries()].map(([key, count]) => `${key} ×${count}`).join('; ')}.
${refused.length > 0 ? `- DynamoDB requests refused: ${refused.map((call) => `${call.operation} ${call.tables.join(', ')} (${call.status})`).join('; ')}.\n` : ''}
Goal: at least a third fewer transitions than the naive design: ${(saving * 100).toFixed(0)}% fewer, ${met ? '**met**' : '**missed**'}.
Prices are us-east-1 list prices for Standard workflows ($0.025 per 1,000 transitions, 4,000 a
month free); Lambda and DynamoDB are billed besides, per request and per capacity unit.
`,
  };
};
