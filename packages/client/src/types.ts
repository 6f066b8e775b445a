import type { components, operations } from './generated/order-api';

// Names for the generated wire shapes, so that callers never spell `components['schemas'][…]`.

type Schemas = components['schemas'];

export type Order = Schemas['Order'];
export type OrderPage = Schemas['OrderPage'];
export type Catalog = Schemas['Catalog'];
export type Product = Catalog['products'][number];
export type CreateOrderRequest = Schemas['CreateOrderRequest'];
export type Money = Schemas['Money'];
export type Currency = Money['currency'];
export type Address = Schemas['Address'];
export type Problem = Schemas['Problem'];
export type OrderStatus = Order['status'];
export type ListOrdersQuery = NonNullable<operations['listOrders']['parameters']['query']>;
