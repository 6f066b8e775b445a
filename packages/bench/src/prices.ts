// The one table of prices every cost figure in the bench uses: AWS list prices for us-east-1,
// on-demand, first pricing tier, no free tier, as read on PRICES_READ_ON from the pages cited.
// docs/benchmarks.md prints it with its sources; change a price here and the bench re-prices.

export const PRICES_READ_ON = '2026-12-02';

export interface Price {
  readonly line: string;
  readonly usd: number;
  /** The price as the page states it, with its unit. */
  readonly per: string;
  readonly source: string;
}

const price = (line: string, usd: number, per: string, source: string): Price => ({ line, usd, per, source });

export const PRICES = {
  httpApiRequest: price(
    'API Gateway HTTP API requests',
    1.0 / 1e6,
    '$1.00 per million requests (first 300 million a month)',
    'https://aws.amazon.com/api-gateway/pricing/ (as quoted by https://amnic.com/blogs/aws-api-gateway-pricing)',
  ),
  lambdaRequest: price(
    'Lambda requests',
    0.2 / 1e6,
    '$0.20 per million invocations',
    'https://aws.amazon.com/lambda/pricing/ (as quoted by https://cloudchipr.com/blog/aws-lambda-pricing)',
  ),
  lambdaArmGbSecond: price(
    'Lambda duration, arm64',
    0.0000133334,
    '$0.0000133334 per GB-second (first 7.5 billion a month), each invocation rounded up to 1 ms',
    'https://cloudchipr.com/blog/aws-lambda-pricing; init code is billed too: https://aws.amazon.com/lambda/pricing/',
  ),
  dynamoDbWriteRequestUnit: price(
    'DynamoDB on-demand writes',
    0.625 / 1e6,
    '$0.625 per million write request units (since the November 2024 price cut)',
    'https://airbyte.com/data-engineering-resources/dynamodb-pricing; https://www.jusdb.com/blog/dynamodb-cost-optimization-a-comprehensive-guide-by-jusdb',
  ),
  dynamoDbReadRequestUnit: price(
    'DynamoDB on-demand reads',
    0.125 / 1e6,
    '$0.125 per million read request units',
    'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
  ),
  stepFunctionsTransition: price(
    'Step Functions Standard state transitions',
    0.025 / 1000,
    '$0.025 per 1,000 transitions (retries count)',
    'https://aws.amazon.com/step-functions/pricing/',
  ),
  cloudWatchLogsGb: price(
    'CloudWatch Logs ingestion, Standard class',
    0.5,
    '$0.50 per GB ingested',
    'https://c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1, June 2026)',
  ),
} as const;
