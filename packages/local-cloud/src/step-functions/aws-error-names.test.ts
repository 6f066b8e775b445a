import { AWS_ERROR_NAMES, integrationError } from './aws-error-names';

describe('integrationError', () => {
  it.each([
    ['DynamoDB', 'ConditionalCheckFailedException', 'DynamoDB.ConditionalCheckFailedException'],
    ['DynamoDB', 'RequestLimitExceeded', 'DynamoDB.RequestLimitExceededException'],
    ['DynamoDB', 'InternalServerError', 'DynamoDB.InternalServerErrorException'],
    ['DynamoDB', 'ValidationException', 'DynamoDB.AmazonDynamoDBException'],
    ['DynamoDB', 'SomethingNew', 'DynamoDB.AmazonDynamoDBException'],
    ['SNS', 'NotFound', 'SNS.NotFoundException'],
    ['SNS', 'Throttled', 'SNS.ThrottledException'],
    ['SNS', 'SomethingNew', 'SNS.AmazonSNSException'],
  ] as const)('names %s error code %s %s, as AWS does', (service, code, name) => {
    expect(integrationError(service, { code, message: 'm', statusCode: 400, requestId: 'r' }).name).toBe(name);
    expect(AWS_ERROR_NAMES).toContain(name);
  });

  it('writes the cause as the Java SDK words it', () => {
    expect(
      integrationError('DynamoDB', {
        code: 'ResourceNotFoundException',
        message: 'Requested resource not found',
        statusCode: 400,
        requestId: 'REQ1',
      }).cause,
    ).toBe(
      'Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: REQ1; Proxy: null)',
    );
  });

  it('does not list the JS SDK v3’s names, which AWS never raises', () => {
    for (const name of [
      'DynamoDB.ValidationException',
      'DynamoDB.InternalServerError',
      'DynamoDB.RequestLimitExceeded',
    ]) {
      expect(AWS_ERROR_NAMES).not.toContain(name);
    }
  });
});
