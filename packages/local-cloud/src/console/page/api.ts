import type {
  AlertsResponse,
  ErrorResponse,
  ExecutionDetailResponse,
  ExecutionsResponse,
  GraphResponse,
  OrderEventsResponse,
} from '../console-api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json()) as T | ErrorResponse;
  if (!response.ok) throw new ApiError(response.status, (body as ErrorResponse).message);
  return body as T;
};

export const fetchExecutions = (status: string) =>
  getJson<ExecutionsResponse>(`/api/executions${status ? `?status=${encodeURIComponent(status)}` : ''}`);

export const fetchExecution = (orderId: string) =>
  getJson<ExecutionDetailResponse>(`/api/executions/${encodeURIComponent(orderId)}`);

export const fetchGraph = () => getJson<GraphResponse>('/api/graph');

export const fetchAlerts = () => getJson<AlertsResponse>('/api/alerts');

export const fetchOrderEvents = (orderId: string) =>
  getJson<OrderEventsResponse>(`/api/executions/${encodeURIComponent(orderId)}/events`);
