import type { Template } from './template';

// What every function's role holds besides its own statements, written once here rather than at
// the top of every iam.yml: that Lambda may assume it, and that the function may write its own
// log group. Each iam.yml keeps only what is particular to its function.

const LAMBDA_ASSUMES_ROLE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const LOG_WRITES = ['logs:CreateLogStream', 'logs:PutLogEvents'];

interface Policy {
  PolicyName: string;
  PolicyDocument: { Version: string; Statement: unknown[] };
}

/** The log group serverless writes for a function: `CreateOrderLambdaFunction` logs to `CreateOrderLogGroup`. */
const logGroupOf = (functionId: string) => functionId.replace(/LambdaFunction$/, 'LogGroup');

/**
 * Completes the role of every function in the template: Lambda may assume it, and it may write the
 * function's own log group (in the role's first policy, beside the function's own statements). A
 * function whose role is not a role of this template is refused: its grants could not be checked.
 */
export const completeFunctionRoles = (template: Template): void => {
  for (const [functionId, fn] of Object.entries(template.Resources)) {
    if (fn.Type !== 'AWS::Lambda::Function') continue;
    const roleId = (fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    const role = roleId === undefined ? undefined : template.Resources[roleId];
    if (role?.Type !== 'AWS::IAM::Role') {
      throw new Error(`${functionId} does not run with a role of this template: give it one in its iam.yml`);
    }
    const properties = (role.Properties ??= {});
    properties.AssumeRolePolicyDocument ??= LAMBDA_ASSUMES_ROLE;
    const [policy] = (properties.Policies as Policy[] | undefined) ?? [];
    if (!policy) throw new Error(`${roleId} has no policy of its own: name what ${functionId} may do in its iam.yml`);
    const logGroup = logGroupOf(functionId);
    const writesItsLogs = JSON.stringify(policy.PolicyDocument.Statement).includes(`"${logGroup}"`);
    if (!writesItsLogs) {
      policy.PolicyDocument.Statement.unshift({
        Effect: 'Allow',
        Action: LOG_WRITES,
        Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      });
    }
  }
};
