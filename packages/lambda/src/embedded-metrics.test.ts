import { embeddedMetric, embeddedMetrics } from './embedded-metrics';

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

  it('counts several metrics in one line, each under the same dimensions', () => {
    const examined = { namespace: 'OrderPlatform', name: 'OrdersExamined', unit: 'Count' } as const;
    const started = { namespace: 'OrderPlatform', name: 'ExecutionsStarted', unit: 'Count' } as const;

    const keys = embeddedMetrics(
      [
        [examined, 3],
        [started, 0],
      ],
      { stage: 'dev' },
      new Date(0),
    );

    expect(keys).toEqual({
      _aws: {
        Timestamp: 0,
        CloudWatchMetrics: [examined, started].map(({ name }) => ({
          Namespace: 'OrderPlatform',
          Dimensions: [['stage']],
          Metrics: [{ Name: name, Unit: 'Count' }],
        })),
      },
      stage: 'dev',
      OrdersExamined: 3,
      ExecutionsStarted: 0,
    });
  });
});
