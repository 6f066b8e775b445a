import {
  createOrderClient,
  mayOfferCancellation,
  OrderApiError,
  type Catalog,
  type Currency,
  type Money,
  type Order,
  type OrderClient,
  type OrderPage,
} from '@order-platform/client';
import type { StorefrontConfig, TokenResponse } from '../storefront-config';

// The storefront: a shop's page on its own origin, calling the order API across origins with
// @order-platform/client. Everything it shows comes from the API; the page keeps only the cart.

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
};

const cell = (text: string, className?: string) => {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
};

const option = (value: string, label = value) => {
  const created = document.createElement('option');
  created.value = value;
  created.textContent = label;
  return created;
};

const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount / 100);
const formatTotal = (money: Money) => formatMoney(money.amount, money.currency);

const state = {
  token: undefined as string | undefined,
  catalog: { products: [] } as Catalog,
  cart: new Map<string, number>(),
  following: undefined as AbortController | undefined,
  pages: undefined as AsyncGenerator<OrderPage, void, undefined> | undefined,
  pageNumber: 0,
};

const say = (text: string | undefined) => {
  const message = element('message');
  message.textContent = text ?? '';
  message.hidden = text === undefined;
};

/** What the shopper is told about a failed call: the API's own words when it sent some. */
const explain = (error: unknown) => {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  if (error instanceof OrderApiError) say(`${error.name}: ${error.message}`);
  else say(error instanceof Error ? error.message : String(error));
};

const currency = () => element<HTMLSelectElement>('currency').value as Currency;

const renderCatalog = () => {
  const body = element('catalog').querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren(
    ...state.catalog.products.map((product) => {
      const row = document.createElement('tr');
      row.dataset.sku = product.sku;
      const price = product.unitPrices[currency()];
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'add';
      add.textContent = 'Add';
      add.disabled = price === undefined;
      add.addEventListener('click', () => {
        state.cart.set(product.sku, (state.cart.get(product.sku) ?? 0) + 1);
        renderCart();
      });
      const action = document.createElement('td');
      action.append(add);
      row.append(
        cell(product.name),
        cell(price === undefined ? '—' : formatMoney(price, currency()), 'number price'),
        cell(String(product.stock), 'number stock'),
        action,
      );
      return row;
    }),
  );
};

const cartLine = (sku: string, quantity: number) => {
  const product = state.catalog.products.find((candidate) => candidate.sku === sku);
  const line = document.createElement('li');
  line.dataset.sku = sku;
  const input = document.createElement('input');
  input.type = 'number';
  input.min = '1';
  input.value = String(quantity);
  input.className = 'quantity';
  input.setAttribute('aria-label', `Quantity of ${product?.name ?? sku}`);
  input.addEventListener('change', () => {
    const wanted = Number(input.value);
    if (Number.isInteger(wanted) && wanted > 0) state.cart.set(sku, wanted);
    renderCart();
  });
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Remove';
  remove.addEventListener('click', () => {
    state.cart.delete(sku);
    renderCart();
  });
  line.append(`${product?.name ?? sku} × `, input, ' ', remove);
  return line;
};

function renderCart() {
  element('cart-lines').replaceChildren(...[...state.cart].map(([sku, quantity]) => cartLine(sku, quantity)));
  const total = [...state.cart].reduce(
    (sum, [sku, quantity]) =>
      sum + (state.catalog.products.find((product) => product.sku === sku)?.unitPrices[currency()] ?? 0) * quantity,
    0,
  );
  element('cart-total').textContent = state.cart.size === 0 ? '—' : formatMoney(total, currency());
  element<HTMLButtonElement>('place-order').disabled = state.cart.size === 0 || state.token === undefined;
}

const renderOrder = (order: Order) => {
  const panel = element('order');
  panel.hidden = false;
  panel.dataset.orderId = order.orderId;
  panel.dataset.status = order.status;
  element('order-id').textContent = order.orderId;
  element('order-status').textContent =
    order.cancellation && order.status !== 'CANCELLED' ? `${order.status} (cancelling)` : order.status;
  element('order-total').textContent = formatTotal(order.total);
  const failure = element('order-failure');
  failure.hidden = order.failure === undefined;
  failure.textContent = order.failure ? `Why: ${order.failure.cause} (${order.failure.step})` : '';
  element('order-timeline').replaceChildren(
    ...order.timeline.map(({ status, at }) => {
      const item = document.createElement('li');
      item.dataset.status = status;
      item.textContent = `${status} at ${at.replace('T', ' ').slice(0, 19)}`;
      return item;
    }),
  );
  element('cancel-order').hidden = !mayOfferCancellation(order);
};

const renderHistory = (page: OrderPage) => {
  const body = element('history').querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren(
    ...page.orders.map((order) => {
      const row = document.createElement('tr');
      row.dataset.orderId = order.orderId;
      row.dataset.status = order.status;
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = order.orderId.slice(0, 8);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        follow(order);
      });
      const id = document.createElement('td');
      id.append(link);
      row.append(
        id,
        cell(order.status, `status-${order.status}`),
        cell(formatTotal(order.total), 'number'),
        cell(order.createdAt.replace('T', ' ').slice(0, 19)),
      );
      return row;
    }),
  );
  element('history-page').textContent = `page ${state.pageNumber}`;
  element('older-orders').hidden = page.nextCursor === undefined;
};

const showPage = async () => {
  const pages = state.pages;
  const next = await pages?.next();
  // A newer load (another customer, a fresh first page) replaced these pages while this one was
  // on its way: drawing it would show rows that are not that customer's.
  if (!next || next.done || pages !== state.pages) return;
  state.pageNumber += 1;
  renderHistory(next.value);
};

const HISTORY_PAGE_SIZE = 5;

const loadHistory = async () => {
  state.pages = client.listOrders({ limit: HISTORY_PAGE_SIZE });
  state.pageNumber = 0;
  await showPage();
};

const loadCatalog = async () => {
  state.catalog = await client.getCatalog();
  renderCatalog();
  renderCart();
};

/** Shows the order and follows it, live, until it settles; then refreshes what it changed. */
function follow(order: Order) {
  state.following?.abort();
  const following = new AbortController();
  state.following = following;
  renderOrder(order);
  client
    .waitForOrder(order.orderId, {
      signal: following.signal,
      timeoutMs: 120_000,
      intervalMs: 400,
      onChange: renderOrder,
    })
    .then(() => Promise.all([loadHistory(), loadCatalog()]))
    .catch(explain);
}

const signIn = async (customer: string) => {
  state.following?.abort();
  element('order').hidden = true;
  const response = await fetch(`/token?customer=${encodeURIComponent(customer)}`);
  state.token = ((await response.json()) as TokenResponse).token;
  renderCart();
  await loadHistory();
  // Signed in once what the page shows is this customer's, their order history included.
  document.body.dataset.customer = customer;
};

const placeOrder = async () => {
  say(undefined);
  const placed = await client.placeOrder({
    items: [...state.cart].map(([sku, quantity]) => ({ sku, quantity })),
    currency: currency(),
    shippingMethod: element<HTMLSelectElement>('shipping').value as 'STANDARD' | 'EXPRESS',
    shippingAddress: {
      name: element<HTMLInputElement>('name').value,
      line1: element<HTMLInputElement>('line1').value,
      ...(element<HTMLInputElement>('line2').value === '' ? {} : { line2: element<HTMLInputElement>('line2').value }),
      city: element<HTMLInputElement>('city').value,
      postalCode: element<HTMLInputElement>('postal-code').value,
      country: element<HTMLSelectElement>('country').value as Order['shippingAddress']['country'],
    },
    payment: { token: element<HTMLSelectElement>('card').value },
  });
  state.cart.clear();
  renderCart();
  follow(placed);
  await loadHistory();
};

let client: OrderClient;

const start = async () => {
  const config = (await (await fetch('/config.json')).json()) as StorefrontConfig;
  client = createOrderClient({ baseUrl: config.apiUrl, token: () => state.token });
  element('customer').replaceChildren(...config.customers.map((customer) => option(customer)));
  element('currency').replaceChildren(...config.currencies.map((code) => option(code)));
  element('card').replaceChildren(...config.cards.map((card) => option(card.token, card.label)));

  element('customer').addEventListener('change', (event) => {
    signIn((event.target as HTMLSelectElement).value).catch(explain);
  });
  element('currency').addEventListener('change', () => {
    renderCatalog();
    renderCart();
  });
  element('checkout').addEventListener('submit', (event) => {
    event.preventDefault();
    placeOrder().catch(explain);
  });
  element('cancel-order').addEventListener('click', () => {
    const orderId = element('order').dataset.orderId;
    if (orderId) client.cancelOrder(orderId).then(renderOrder, explain);
  });
  element('older-orders').addEventListener('click', () => {
    showPage().catch(explain);
  });
  element('newest-orders').addEventListener('click', () => {
    loadHistory().catch(explain);
  });

  await loadCatalog();
  await signIn(config.customers[0] ?? 'alice');
  document.body.dataset.ready = 'true';
};

start().catch(explain);
