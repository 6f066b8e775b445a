// CloudWatch Embedded Metric Format: a JSON log line with an `_aws` member becomes a metric when
// CloudWatch Logs ingests it. No PutMetricData call, no IAM grant, no latency on the request.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html

export interface MetricDefinition {
  readonly namespace: string;
  readonly name: string;
  readonly unit: 'Count';
}

/**
 * The keys that make a log line count each value of its metric under `dimensions`: one line, one
 * event, several figures (e.g. what one run of a scheduled job did).
 */
export const embeddedMetrics = (
  values: readonly (readonly [MetricDefinition, number])[],
  dimensions: Readonly<Record<string, string>>,
  at: Date,
): Record<string, unknown> => ({
  _aws: {
    Timestamp: at.getTime(),
    CloudWatchMetrics: values.map(([metric]) => ({
      Namespace: metric.namespace,
      Dimensions: [Object.keys(dimensions)],
      Metrics: [{ Name: metric.name, Unit: metric.unit }],
    })),
  },
  ...dimensions,
  ...Object.fromEntries(values.map(([metric, value]) => [metric.name, value])),
});

/**
 * The keys that make a log line count `value` of `metric` under `dimensions`; merged into an
 * ordinary log line, the line is both the event and the metric.
 */
export const embeddedMetric = (
  metric: MetricDefinition,
  dimensions: Readonly<Record<string, string>>,
  at: Date,
  value = 1,
): Record<string, unknown> => embeddedMetrics([[metric, value]], dimensions, at);
