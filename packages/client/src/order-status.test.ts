import { ORDER_STATUSES, isTerminal as domainIsTerminal, CANCELLABLE_STATUSES } from '@order-platform/domain';
import { isTerminal, mayOfferCancellation } from './order-status';
import type { OrderStatus } from './types';

// The client's view of the lifecycle, held to the domain's rules.
const everyStatus: readonly OrderStatus[] = ORDER_STATUSES;

describe('the lifecycle as the client sees it', () => {
  it('has the domain’s terminal statuses', () => {
    expect(everyStatus.filter(isTerminal)).toEqual(ORDER_STATUSES.filter(domainIsTerminal));
  });

  it('offers cancelling in the statuses the domain cancels from, until a cancellation is asked for', () => {
    expect(everyStatus.filter((status) => mayOfferCancellation({ status }))).toEqual(CANCELLABLE_STATUSES);
    expect(
      mayOfferCancellation({
        status: 'PENDING',
        cancellation: { requestedAt: '2026-12-01T10:00:00.000Z', requestedBy: 'customer' },
      }),
    ).toBe(false);
  });
});
