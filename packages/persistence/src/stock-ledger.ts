import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OutOfStockError, type OrderItem, type StockLedger } from '@order-platform/domain';
import { whenConditionHolds } from './dynamodb';
import { readShardStock } from './stock-counters';
import { shardKeyOf, shardOrderFor } from './stock-shards';
import type { TableNames } from './tables';

/** Units taken from one shard by one step of a reservation; `token` names that step alone. */
interface Draw {
  readonly shard: number;
  readonly units: number;
  readonly token: string;
}

type HoldState = 'RESERVING' | 'RESERVED' | 'COMMITTED' | 'RELEASING' | 'RELEASED';

/** One order's hold on one SKU (the holds table's item). */
interface Hold {
  readonly state: HoldState;
  readonly quantity: number;
  /** Draws settled: taken from their shard and recorded here. */
  readonly draws: readonly Draw[];
  /** The draw under way, recorded before its shard is written. */
  readonly step?: Draw;
  /** How many steps were ever started: the next step's token. */
  readonly steps: number;
  /** While RELEASING: how many of `draws` were given back. */
  readonly returned?: number;
}

/** Every attribute of a hold goes by a name, as several are DynamoDB reserved words (`state`, `token`). */
const HOLD_ATTRIBUTES = ['state', 'step', 'token', 'draws', 'steps', 'returned'] as const;
const namesIn = (expressions: string) =>
  Object.fromEntries(
    HOLD_ATTRIBUTES.filter((name) => new RegExp(`#${name}\\b`).test(expressions)).map((name) => [`#${name}`, name]),
  );

export type StockTables = Pick<TableNames, 'StockTable' | 'StockHoldsTable'>;

const unitsOf = (draws: readonly Draw[]) => draws.reduce((sum, draw) => sum + draw.units, 0);
const returnTokenOf = (draw: Draw) => `${draw.token}:return`;

/** The reads and writes of counters and holds the ledger is made of (the windows below name them). */
const stockStore = (documentClient: DynamoDBDocumentClient, tables: StockTables) => {
  const holdKey = (orderId: string, sku: string) => ({ orderId, sku });

  const readHold = async (orderId: string, sku: string) =>
    (
      await documentClient.send(
        new GetCommand({ TableName: tables.StockHoldsTable, Key: holdKey(orderId, sku), ConsistentRead: true }),
      )
    ).Item as Hold | undefined;

  /** Writes the hold only if the order has none for the SKU yet; false when it had one. */
  const createHold = (orderId: string, sku: string, hold: Hold) =>
    whenConditionHolds(
      documentClient.send(
        new PutCommand({
          TableName: tables.StockHoldsTable,
          Item: { ...holdKey(orderId, sku), ...hold },
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      ),
    );

  const updateHold = (
    orderId: string,
    sku: string,
    update: { expression: string; condition: string; values?: Record<string, unknown> },
  ) =>
    whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tables.StockHoldsTable,
          Key: holdKey(orderId, sku),
          UpdateExpression: update.expression,
          ConditionExpression: update.condition,
          ExpressionAttributeNames: namesIn(`${update.expression} ${update.condition}`),
          ...(update.values ? { ExpressionAttributeValues: update.values } : {}),
        }),
      ),
    );

  const tokenOnShard = async (sku: string, shard: number, token: string) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tables.StockTable, Key: { shardKey: shardKeyOf(sku, shard) }, ConsistentRead: true }),
    );
    return (Item?.applied as Record<string, unknown> | undefined)?.[token] !== undefined;
  };

  /** Window (2): moves `delta` units on the shard once per token. Answers whether the token is applied. */
  const applyOnce = async (sku: string, shard: number, token: string, delta: number): Promise<boolean> => {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tables.StockTable,
          Key: { shardKey: shardKeyOf(sku, shard) },
          UpdateExpression: 'SET stock = stock + :delta, applied.#token = :delta',
          ConditionExpression: `attribute_not_exists(applied.#token) AND ${delta < 0 ? 'stock >= :units' : 'attribute_exists(stock)'}`,
          ExpressionAttributeNames: { '#token': token },
          ExpressionAttributeValues: { ':delta': delta, ...(delta < 0 ? { ':units': -delta } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return tokenOnShard(sku, shard, token);
    }
  };

  /** Window (4): the hold records the step, so the counter need not remember it. */
  const forgetTokens = async (sku: string, tokens: readonly { shard: number; token: string }[]) => {
    for (const { shard, token } of tokens) {
      await whenConditionHolds(
        documentClient.send(
          new UpdateCommand({
            TableName: tables.StockTable,
            Key: { shardKey: shardKeyOf(sku, shard) },
            UpdateExpression: 'REMOVE applied.#token',
            ConditionExpression: 'attribute_exists(shardKey)',
            ExpressionAttributeNames: { '#token': token },
          }),
        ),
      );
    }
  };

  /** Window (3) of a take: the step joins the draws, or is dropped when its shard was short. */
  const settleStep = async (orderId: string, sku: string, hold: Hold & { step: Draw }, taken: boolean) => {
    const complete = taken && unitsOf(hold.draws) + hold.step.units === hold.quantity;
    const settled = await updateHold(orderId, sku, {
      expression: taken
        ? `SET #draws = list_append(#draws, :step)${complete ? ', #state = :reserved' : ''} REMOVE #step`
        : 'REMOVE #step',
      condition: '#step.#token = :token',
      values: {
        ':token': hold.step.token,
        ...(taken ? { ':step': [hold.step] } : {}),
        ...(complete ? { ':reserved': 'RESERVED' } : {}),
      },
    });
    if (settled && taken) await forgetTokens(sku, [hold.step]);
    return settled && complete;
  };

  return {
    readHold,
    createHold,
    updateHold,
    tokenOnShard,
    applyOnce,
    forgetTokens,
    settleStep,
    stockTable: tables.StockTable,
    documentClient,
  };
};

type StockStore = ReturnType<typeof stockStore>;

const reservations = ({
  readHold,
  createHold,
  updateHold,
  applyOnce,
  forgetTokens,
  settleStep,
  ...store
}: StockStore) => {
  /** The next step of a reservation short of units: the first shard in the order's turn that has some. */
  const planStep = async (orderId: string, sku: string, hold: Hold) => {
    const needed = hold.quantity - unitsOf(hold.draws);
    const stock = await readShardStock(store.documentClient, store.stockTable, sku, { consistent: true });
    const available = stock.reduce((sum, units) => sum + units, 0);
    const shard = shardOrderFor(orderId).find((candidate) => (stock[candidate] ?? 0) > 0);
    if (shard === undefined || available < needed) {
      throw new OutOfStockError([{ sku, requested: hold.quantity, available: available + unitsOf(hold.draws) }]);
    }
    const step: Draw = { shard, units: Math.min(needed, stock[shard] ?? 0), token: `${orderId}#${hold.steps}` };
    await updateHold(orderId, sku, {
      expression: 'SET #step = :step, #steps = :next',
      condition: '#state = :reserving AND attribute_not_exists(#step) AND #steps = :steps',
      values: { ':step': step, ':next': hold.steps + 1, ':steps': hold.steps, ':reserving': 'RESERVING' },
    });
  };

  /** Windows (2) to (4) of a take; answers whether the line is now complete. */
  const takeStep = async (orderId: string, sku: string, hold: Hold & { step: Draw }) =>
    settleStep(orderId, sku, hold, await applyOnce(sku, hold.step.shard, hold.step.token, -hold.step.units));

  const reserveLine = async (orderId: string, { sku, quantity }: OrderItem): Promise<void> => {
    const firstStep: Draw = { shard: shardOrderFor(orderId)[0] ?? 0, units: quantity, token: `${orderId}#0` };
    const fresh: Hold = { state: 'RESERVING', quantity, draws: [], step: firstStep, steps: 1 };
    const created = await createHold(orderId, sku, fresh);
    let hold = created ? fresh : await readHold(orderId, sku);
    for (let round = 0; hold; round += 1, hold = await readHold(orderId, sku)) {
      if (hold.state === 'RESERVED' || hold.state === 'COMMITTED') {
        // A repeated call: window (3) may have left its tokens on the counters.
        if (!created) await forgetTokens(sku, hold.draws);
        return;
      }
      if (hold.state !== 'RESERVING' || round > 4 * hold.quantity + 8) {
        // Given back already (the order was compensated), or stock kept moving under every plan.
        throw new OutOfStockError([{ sku, requested: quantity, available: 0 }]);
      }
      if (!hold.step) await planStep(orderId, sku, hold);
      else if (await takeStep(orderId, sku, { ...hold, step: hold.step })) {
        // A resumed call: window (3) may have left the tokens of earlier draws.
        if (!created) await forgetTokens(sku, hold.draws);
        return;
      }
    }
  };

  return reserveLine;
};

const releases = ({
  readHold,
  createHold,
  updateHold,
  tokenOnShard,
  applyOnce,
  forgetTokens,
  settleStep,
}: StockStore) => {
  /** A step a crashed reserve left pending: settled by what the counter says, never taken now. */
  const settleLeftoverStep = async (orderId: string, sku: string, hold: Hold & { step: Draw }) =>
    settleStep(orderId, sku, hold, await tokenOnShard(sku, hold.step.shard, hold.step.token));

  const giveBack = async (orderId: string, sku: string, hold: Hold) => {
    const index = hold.returned ?? 0;
    const draw = hold.draws[index];
    if (draw) await applyOnce(sku, draw.shard, returnTokenOf(draw), draw.units);
    const done = index + 1 >= hold.draws.length;
    const recorded = await updateHold(orderId, sku, {
      expression: `SET #returned = :next${done ? ', #state = :released' : ''}`,
      condition: '#state = :releasing AND #returned = :index',
      values: {
        ':next': index + 1,
        ':index': index,
        ':releasing': 'RELEASING',
        ...(done ? { ':released': 'RELEASED' } : {}),
      },
    });
    if (recorded && draw) await forgetTokens(sku, [{ shard: draw.shard, token: returnTokenOf(draw) }]);
  };

  const releaseLine = async (orderId: string, { sku, quantity }: OrderItem): Promise<void> => {
    let hold = await readHold(orderId, sku);
    if (!hold) {
      // Never reserved: a tombstone, so that a late reserve of this order takes nothing.
      if (await createHold(orderId, sku, { state: 'RELEASED', quantity, draws: [], steps: 0 })) return;
      hold = await readHold(orderId, sku);
    }
    // A call that finds a release under way or done may meet tokens window (3) left behind.
    const resumed = hold?.state === 'RELEASING' || hold?.state === 'RELEASED';
    for (; hold; hold = await readHold(orderId, sku)) {
      if (hold.state === 'COMMITTED') return;
      if (hold.state === 'RELEASED') {
        if (resumed)
          await forgetTokens(
            sku,
            hold.draws.map((draw) => ({ shard: draw.shard, token: returnTokenOf(draw) })),
          );
        return;
      }
      if (hold.step) await settleLeftoverStep(orderId, sku, { ...hold, step: hold.step });
      else if (hold.state === 'RELEASING') await giveBack(orderId, sku, hold);
      else {
        await updateHold(orderId, sku, {
          expression: 'SET #state = :releasing, #returned = :zero',
          condition: '#state = :current AND attribute_not_exists(#step)',
          values: { ':releasing': 'RELEASING', ':zero': 0, ':current': hold.state },
        });
      }
    }
  };

  return releaseLine;
};

/**
 * The stock ledger: counters that hold the units on hand (split across shards, stock-shards.ts)
 * and one hold item per order and SKU that records what the order took. No item grows with the
 * orders in flight, so a reservation costs the same whether 10 or 10,000 orders hold the SKU.
 *
 * Without transactions only a single-item write is atomic, so each change of a counter is made
 * once per order like this: (1) the hold records the step it is about to take (shard, units and a
 * token naming that step); (2) the counter applies it and, in the same write, keeps the token
 * (`applied.<token>`), conditional on the token being absent (and, for a take, on enough stock);
 * (3) the hold records the step as done; (4) the counter forgets the token. A crash leaves one of
 * these windows, and the next call (the step's retry or a redrive) resumes from the hold:
 *   - after (1): the step is pending and the token absent: the write is made now;
 *   - after (2): the step is pending and the token present: it was applied, only recorded now;
 *   - after (3): the token lingers on the counter: a repeated call removes the tokens of its hold.
 * So a counter keeps only the tokens of steps under way (a few bytes each), and no retry takes or
 * gives back a unit twice or loses one. Oversell is impossible: every take is conditional on the
 * shard's own stock. This relies on one operation per order at a time, which the workflow
 * guarantees (each step's Lambda times out before its task does, so a retry never overlaps it).
 *
 * Per order on the happy path: reserve writes its hold twice and one shard twice, commit writes
 * the hold only, release (on a failure) writes the hold three times and each drawn shard twice.
 */
export const buildStockLedger = (documentClient: DynamoDBDocumentClient, tables: StockTables): StockLedger => {
  const store = stockStore(documentClient, tables);
  const reserveLine = reservations(store);
  const releaseLine = releases(store);
  const { updateHold } = store;
  return {
    async reserve(orderId, items) {
      // One line at a time: a shortage stops the rest, and the workflow's compensation releases
      // whatever this order already holds.
      for (const item of items) await reserveLine(orderId, item);
    },
    async release(orderId, items) {
      for (const item of items) await releaseLine(orderId, item);
    },
    async commit(orderId, items) {
      // The units left with the goods: only the hold changes, no counter is written.
      for (const { sku } of items) {
        await updateHold(orderId, sku, {
          expression: 'SET #state = :committed',
          condition: '#state = :reserved',
          values: { ':committed': 'COMMITTED', ':reserved': 'RESERVED' },
        });
      }
    },
  };
};
