import { describeIssues } from '@order-platform/domain';
import { OrderLineRequestSchema } from './create-order-request';

describe('describeIssues', () => {
  it('puts every issue on a line of its own with the path it is at', () => {
    const result = OrderLineRequestSchema.safeParse({ sku: 'KB 001', quantity: 'two' });

    expect(result.success || describeIssues(result.error)).toBe(
      [
        '✖ Must be 1–64 letters, digits, "-" or "_"',
        '  → at sku',
        '✖ Invalid input: expected number, received string',
        '  → at quantity',
      ].join('\n'),
    );
  });
});
