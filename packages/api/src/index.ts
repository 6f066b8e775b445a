// The request schemas each handler validates with, and the response schemas of the API, each
// route's in a module of its own: a handler imports its route's by path
// (`@order-platform/api/create-order-request`), and nothing else of the API. The routes
// themselves, which import all of them, are './routes' (`@order-platform/api/routes`).
export * from './cancel-order-path';
export * from './create-order-request';
export * from './list-executions-query';
export * from './list-orders-query';
export * from './responses';
