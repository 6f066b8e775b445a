import type { DynamoDbCall } from './dynamodb-recorder';
import type { BenchmarkSection } from './report';

// Stock under a hot SKU: what reserving, committing and releasing a line cost with 10, 1,000 and
// 10,000 orders holding the same SKU, and what `GET /catalog` reads then (the stock ledger and the
// catalog adapter on a local DynamoDB, through the recorder); and a flash sale over HTTP on the
// local stack. measure/stock.ts measures; this module holds the goal and the verdict.

export const IN_FLIGHT_LEVELS = [10, 1_000, 10_000] as const;
/** Reservations measured at each level; half are then committed, half released. */
export const PROBES = 20;
export const FLASH_SALE = { orders: 5_000, units: 1_000, inFlight: 200, sku: 'MS-002' } as const;

/** The sale as run: the issue's, or scaled down (orders and units alike) where the machine is too slow for it. */
export interface FlashSalePlan {
  readonly orders: number;
  readonly units: number;
  readonly inFlight: number;
}

/** What one kind of operation cost at one level, per operation. */
export interface OperationCost {
  readonly requests: number;
  readonly wcu: number;
  readonly rcu: number;
}

export interface LevelFigures {
  readonly inFlight: number;
  readonly reserve: OperationCost;
  readonly commit: OperationCost;
  readonly release: OperationCost;
  readonly catalog: OperationCost & { readonly itemsRead: number };
  /** The SKU's largest stock counter item and its largest hold item, as JSON (bytes). */
  readonly counterBytes: number;
  readonly holdBytes: number;
}

export interface FlashSaleFigures {
  readonly plan: FlashSalePlan;
  /** Orders in the orders table: those accepted, and those whose POST timed out after the order was written. */
  readonly placed: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly dispatched: number;
  /** FAILED orders by error, and how many of them had their money returned (VOIDED or REFUNDED). */
  readonly failed: Readonly<Record<string, number>>;
  readonly moneyReturned: number;
  readonly stuck: number;
  readonly unitsLeft: number;
  /** Holds neither committed nor released once every execution closed. */
  readonly holdsLeft: number;
  readonly seconds: number;
  readonly perOrder: OperationCost;
  /** The SKU's stock table alone: requests and WCU per order. */
  readonly stockPerOrder: OperationCost;
  /** Why the run stopped early, when it did (too slow on this machine). */
  readonly incomplete?: string;
}

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** Requests and capacity of `calls`, divided by `per` (operations or orders). */
export const costOf = (calls: readonly DynamoDbCall[], per: number): OperationCost => {
  const capacity = (write: boolean) =>
    calls
      .filter((call) => WRITE_OPERATIONS.has(call.operation) === write)
      .reduce((sum, call) => sum + call.capacityUnits, 0);
  return { requests: calls.length / per, wcu: capacity(true) / per, rcu: capacity(false) / per };
};

const figure = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const cell = ({ requests, wcu, rcu }: OperationCost) =>
  `${figure(requests)} req, ${figure(wcu)} WCU, ${figure(rcu)} RCU`;
const same = (values: readonly number[]) => values.every((value) => Math.abs(value - (values[0] as number)) < 0.05);

/** Met only by the issue's sale, run whole: a scaled run shows the behaviour, not the goal. */
export const flashSaleMet = (sale: FlashSaleFigures) =>
  !sale.incomplete &&
  sale.plan.orders === FLASH_SALE.orders &&
  sale.plan.units === FLASH_SALE.units &&
  sale.plan.inFlight === FLASH_SALE.inFlight &&
  sale.placed === FLASH_SALE.orders &&
  sale.dispatched === FLASH_SALE.units &&
  sale.moneyReturned === FLASH_SALE.orders - FLASH_SALE.units &&
  sale.stuck === 0 &&
  sale.holdsLeft === 0 &&
  sale.unitsLeft === 0;

const flashSaleMarkdown = (sale: FlashSaleFigures) => {
  const { plan } = sale;
  const oversold = Math.max(0, sale.dispatched - plan.units) + Math.max(0, -sale.unitsLeft);
  const scaled = plan.orders !== FLASH_SALE.orders || plan.units !== FLASH_SALE.units;
  return `### Flash sale: ${plan.orders.toLocaleString('en')} orders for ${plan.units.toLocaleString('en')} units, ${plan.inFlight} in flight

\`POST /orders\` over HTTP on the local stack (in this process, its DynamoDB behind the recorder),
${plan.inFlight} concurrent clients (each retrying a 5xx with the same Idempotency-Key, up to 3
attempts), every order one ${FLASH_SALE.sku} (its stock set to ${plan.units.toLocaleString('en')} units), each execution run to its
end by the real ASL. Orders counted from the orders table: a POST that timed out may still have
placed its order.${scaled ? ` **Scaled down from the issue's ${FLASH_SALE.orders.toLocaleString('en')} orders for ${FLASH_SALE.units.toLocaleString('en')} units (BENCH_FLASH_SALE_SCALE) for this machine.**` : ''}${sale.incomplete ? ` **Incomplete: ${sale.incomplete}.**` : ''}

| figure | value |
| --- | --- |
| orders placed | ${sale.placed} of ${plan.orders} (${sale.accepted} answered 202, ${sale.rejected} POSTs given up after 3 attempts) |
| dispatched | ${sale.dispatched} |
| failed, by error | ${
    Object.entries(sale.failed)
      .map(([error, count]) => `${error} ${count}`)
      .join(', ') || 'none'
  } |
| failed with their money returned (VOIDED or REFUNDED) | ${sale.moneyReturned} |
| oversold units | ${oversold} (units left: ${sale.unitsLeft}) |
| stuck (not terminal, or execution running) | ${sale.stuck} |
| stock holds neither committed nor released | ${sale.holdsLeft} |
| orders per second to terminal state | ${(sale.placed / sale.seconds).toFixed(1)} (${sale.seconds.toFixed(1)} s from the first POST to the last execution closed) |
| DynamoDB per order, all tables | ${cell(sale.perOrder)} |
| DynamoDB per order, the stock table (the SKU's hot partitions) | ${cell(sale.stockPerOrder)} |

dynalite charges nothing for a conditional write whose condition fails, where AWS charges 1 WCU:
on AWS each refused order adds 1 WCU on its stock shard to the figures above.

Goal: exactly ${FLASH_SALE.units.toLocaleString('en')} of ${FLASH_SALE.orders.toLocaleString('en')} dispatched, every other order failed with its money returned and its hold
released, 0 oversold, 0 stuck: ${flashSaleMet(sale) ? '**met**' : '**missed**'}.
`;
};

export const stockSection = (levels: readonly LevelFigures[], sale?: FlashSaleFigures): BenchmarkSection => {
  const constant =
    same(levels.map((level) => level.reserve.wcu)) &&
    same(levels.map((level) => level.commit.wcu)) &&
    same(levels.map((level) => level.release.wcu)) &&
    same(levels.map((level) => level.catalog.rcu)) &&
    // A counter's stock may lose a digit as orders take it: a few bytes, not growth.
    Math.max(...levels.map((level) => level.counterBytes)) - Math.min(...levels.map((level) => level.counterBytes)) <=
      8;
  const met = constant && (!sale || flashSaleMet(sale));
  const rows = levels.map(
    (level) =>
      `| ${level.inFlight.toLocaleString('en')} | ${cell(level.reserve)} | ${cell(level.commit)} | ${cell(level.release)} | ${cell(level.catalog)}, ${level.catalog.itemsRead} items | ${level.counterBytes} B / ${level.holdBytes} B |`,
  );
  return {
    goal: `a reservation costs the same at ${IN_FLIGHT_LEVELS.map((n) => n.toLocaleString('en')).join(', ')} orders holding one SKU${sale ? ', and a flash sale sells exactly its stock' : ''}`,
    met,
    markdown: `## Stock under a hot SKU

The stock ledger and the catalog adapter as the steps and \`GET /catalog\` use them, on a local
DynamoDB through the recorder (capacity as dynalite computes it: 1 WCU per 1 KB written, 0.5 RCU
per 4 KB read eventually consistent, 1 strongly), with 10, 1,000 and 10,000 orders holding one
SKU (reserved, neither committed nor released). At each level ${PROBES} more orders reserve one
line of it, then half commit and half release; figures are per operation. \`GET /catalog\` is
\`listAll\`: the catalog's Scan and one BatchGet of every SKU's stock shards.

| orders holding the SKU | reserve | commit | release | \`GET /catalog\` | largest counter / hold item |
| ---: | --- | --- | --- | --- | --- |
${rows.join('\n')}

Goal: reserve, commit, release and \`GET /catalog\` cost the same at every level, and no item grows: ${constant ? '**met**' : '**missed**'}.
When the issue was filed, one reservation cost 1, 39, 191 and 343 WCU at 10, 1,000, 5,000 and
9,000 orders in flight (the product item carried every order's marker), and failed past ~10,500.

${sale ? flashSaleMarkdown(sale) : ''}`,
  };
};
