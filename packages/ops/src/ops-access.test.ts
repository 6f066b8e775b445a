import { RequestValidationError } from '@order-platform/domain';
import { parseSince } from './ops-access';

describe('parseSince', () => {
  const now = new Date('2026-11-21T12:00:00.000Z');

  it.each([
    ['90s', '2026-11-21T11:58:30.000Z'],
    ['15m', '2026-11-21T11:45:00.000Z'],
    ['2h', '2026-11-21T10:00:00.000Z'],
    ['7d', '2026-11-14T12:00:00.000Z'],
    ['2026-11-20T08:30:00Z', '2026-11-20T08:30:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
  ])('reads %s as %s', (value, instant) => {
    expect(parseSince(value, now).toISOString()).toBe(instant);
  });

  it.each(['', 'yesterday', '15', '-5m', '2026-13-45', '5w'])('refuses %p as a bad request', (value) => {
    expect(() => parseSince(value, now)).toThrow(RequestValidationError);
  });
});
