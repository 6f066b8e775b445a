import { validOrderRequest } from '@order-platform/domain/testing';
import { anHttpEvent } from '@order-platform/http/testing';

export const postOrderEvent = ({
  body = validOrderRequest(),
  headers = {},
  customerId = 'customer-1',
}: { body?: unknown; headers?: Record<string, string>; customerId?: string | null } = {}) =>
  anHttpEvent({
    customerId,
    routeKey: 'POST /orders',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const bodyOf = (result: { body?: string | undefined }) => JSON.parse(result.body ?? 'null');
