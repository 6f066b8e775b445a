/**
 * What a Lambda bundle holds in place of `@smithy/core/event-streams`.
 *
 * Every SDK client's protocol imports the event-stream codec on first use of an operation that
 * streams events (Bedrock's, Kinesis's SubscribeToShard, S3's SelectObjectContent). No operation
 * these Lambdas call does (DynamoDB, Step Functions, SNS, Secrets Manager), yet esbuild bundles
 * the codec into each of them, ~15 KB. serverless.yml's esbuild `alias` puts this module in its
 * place; should a client ever reach it, the call fails here, by name. Delete the alias to bundle
 * the codec again.
 */
const leftOut = (): never => {
  throw new Error(
    "SDK event streams are not in this Lambda's bundle: delete the @smithy/core/event-streams alias in serverless.yml",
  );
};

export const eventStreamSerdeProvider = leftOut;

export class EventStreamSerde {
  constructor() {
    leftOut();
  }
}
