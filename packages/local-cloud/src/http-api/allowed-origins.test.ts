import { withAllowedOrigins } from './http-api-routes';
import type { CorsConfiguration } from './http-api-cors';

const cors: CorsConfiguration = {
  allowOrigins: ['http://127.0.0.1:8086', 'https://shop.example.com'],
  allowHeaders: ['Authorization'],
  allowMethods: ['GET'],
  exposeHeaders: [],
  allowCredentials: false,
};

describe('withAllowedOrigins', () => {
  it('adds the origins the stage does not list, once each, keeping the rest of the configuration', () => {
    const api = withAllowedOrigins({ routes: [], cors }, ['http://127.0.0.1:8086', 'http://127.0.0.1:41234']);

    expect(api.cors).toEqual({
      ...cors,
      allowOrigins: ['http://127.0.0.1:8086', 'https://shop.example.com', 'http://127.0.0.1:41234'],
    });
  });

  it('leaves an API without CORS without it: no browser origin may call it', () => {
    expect(withAllowedOrigins({ routes: [], cors: undefined }, ['http://127.0.0.1:41234']).cors).toBeUndefined();
  });
});
