import { completeFunctionRoles } from './function-roles';
import type { Template } from './template';

const ownStatement = {
  Effect: 'Allow',
  Action: 'dynamodb:GetItem',
  Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
};
const stack = (): Template => ({
  Resources: {
    GetOrderLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Role: { 'Fn::GetAtt': ['GetOrderRole', 'Arn'] } },
    },
    GetOrderRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [{ PolicyName: 'get-order', PolicyDocument: { Version: '2012-10-17', Statement: [ownStatement] } }],
      },
    },
  },
});

describe('completeFunctionRoles', () => {
  it('lets Lambda assume each function’s role and the function write its own log group, once, beside its own statements', () => {
    const template = stack();

    completeFunctionRoles(template);
    completeFunctionRoles(template);

    expect(template.Resources.GetOrderRole?.Properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'get-order',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: { 'Fn::GetAtt': ['GetOrderLogGroup', 'Arn'] },
              },
              ownStatement,
            ],
          },
        },
      ],
    });
  });

  it('refuses a function whose role is not in the template, or has no policy of its own', () => {
    const foreign = stack();
    delete foreign.Resources.GetOrderRole;
    expect(() => completeFunctionRoles(foreign)).toThrow(
      /GetOrderLambdaFunction does not run with a role of this template/,
    );

    const bare = stack();
    (bare.Resources.GetOrderRole as { Properties: Record<string, unknown> }).Properties = {};
    expect(() => completeFunctionRoles(bare)).toThrow(/GetOrderRole has no policy of its own/);
  });
});
