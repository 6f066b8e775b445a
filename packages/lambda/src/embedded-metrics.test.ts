import { embeddedMetric } from './embedded-metrics';

describe('embeddedMetric', () => {
  it('declares the metric, its dimensions and its value as CloudWatch Embedded Metric Format reads them', () => {
    const keys = embeddedMetric(
      { namespace: 'OrderPlatform', name: 'OrdersAccepted', unit: 'Count' },
      { stage: 'prod' },
      new Date('2026-11-21T10:00:00.000Z'),
    );

    expect(keys).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-11-21T10:00:00.000Z'),
        CloudWatchMetrics: [
          {
            Namespace: 'OrderPlatform',
            Dimensions: [['stage']],
            Metrics: [{ Name: 'OrdersAccepted', Unit: 'Count' }],
          },
        ],
      },
      stage: 'prod',
      OrdersAccepted: 1,
    });
  });
});
