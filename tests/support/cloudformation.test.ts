import {
  dependencyGraph,
  errorNamesIn,
  findCycle,
  mixedIntrinsics,
  outputsNotResolvingToString,
  stateMachineDefinitions,
  type Template,
} from './cloudformation';
import { findCfnLint } from './cfn-lint';

// The packaging test relies on this detector; here it is shown to catch what CloudFormation rejects.
describe('findCycle', () => {
  it('finds a cycle hidden in Fn::Sub, Fn::GetAtt and DependsOn', () => {
    const template: Template = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { Arn: { 'Fn::Sub': 'arn:${Machine}:${AWS::Region}' } } },
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { Task: { 'Fn::GetAtt': ['Step', 'Arn'] } } },
        Step: { Type: 'AWS::Lambda::Function', DependsOn: ['Role'] },
      },
    };
    expect(findCycle(dependencyGraph(template))).toEqual(['Role', 'Machine', 'Step', 'Role']);
  });

  it('passes a template whose dependencies all point one way', () => {
    const template: Template = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        Role: { Type: 'AWS::IAM::Role', Properties: { R: { 'Fn::Sub': '${Table.Arn}/index/x' } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
          DependsOn: 'Role',
        },
      },
    };
    expect(findCycle(dependencyGraph(template))).toBeUndefined();
  });
});

describe('mixedIntrinsics', () => {
  it('finds an intrinsic that a deep merge left beside another one', () => {
    const merged = {
      Outputs: {
        Url: { Value: { 'Fn::Join': ['', ['https://', { Ref: 'Api' }]], 'Fn::Sub': 'https://${Api}' } },
      },
    };
    expect(mixedIntrinsics(merged)).toEqual(['$.Outputs.Url.Value: Fn::Join, Fn::Sub']);
  });

  it('finds a Ref beside a plain key, deep in a list', () => {
    expect(mixedIntrinsics({ Resources: { A: { Properties: { List: [{ Ref: 'B', Extra: 1 }] } } } })).toEqual([
      '$.Resources.A.Properties.List[0]: Ref, Extra',
    ]);
  });

  it('passes intrinsics that are alone in their objects, nested or not', () => {
    expect(
      mixedIntrinsics({ Value: { 'Fn::Join': ['', [{ Ref: 'A' }, { 'Fn::GetAtt': ['B', 'Arn'] }]] }, Condition: 'C' }),
    ).toEqual([]);
  });
});

describe('outputsNotResolvingToString', () => {
  const withOutputs = (Outputs: Record<string, unknown>): Template => ({ Resources: {}, Outputs });

  it('passes strings and the intrinsics that give one, Fn::If on both branches', () => {
    expect(
      outputsNotResolvingToString(
        withOutputs({
          Plain: { Value: 'x' },
          Ref: { Value: { Ref: 'Topic' } },
          Sub: { Value: { 'Fn::Sub': 'arn:${Topic}' } },
          If: { Value: { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] } },
        }),
      ),
    ).toEqual([]);
  });

  it('names an output whose value is a list, a number, a merged object or missing', () => {
    expect(
      outputsNotResolvingToString(
        withOutputs({
          List: { Value: { 'Fn::Split': [',', 'a,b'] } },
          Number: { Value: 3 },
          Merged: { Value: { 'Fn::Join': ['', []], 'Fn::Sub': 'x' } },
          Missing: { Description: 'no value' },
          BadBranch: { Value: { 'Fn::If': ['C', { Ref: 'A' }, ['a']] } },
        }),
      ),
    ).toEqual(['List', 'Number', 'Merged', 'Missing', 'BadBranch']);
  });
});

describe('findCfnLint', () => {
  it('fails, saying how to install it, when cfn-lint is neither on PATH nor in pyenv’s shims', () => {
    expect(() => findCfnLint({ path: '/nonexistent/bin', home: '/nonexistent' })).toThrow(/pip install cfn-lint/);
  });
});

describe('stateMachineDefinitions and errorNamesIn', () => {
  it('reads every ErrorEquals of a packaged definition, Parallel branches included', () => {
    const definition = {
      States: {
        Pay: { Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }], Catch: [{ ErrorEquals: ['States.ALL'] }] },
        Both: {
          Catch: [{ ErrorEquals: ['OutOfStock'] }],
          Branches: [{ States: { Reserve: { Retry: [{ ErrorEquals: ['DynamoDB.RequestLimitExceeded'] }] } } }],
        },
      },
    };
    const template: Template = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: { 'Fn::Sub': [JSON.stringify(definition), {}] } },
        },
      },
    };

    expect(Object.values(stateMachineDefinitions(template)).flatMap(errorNamesIn)).toEqual([
      { state: 'Pay', name: 'Lambda.ServiceException' },
      { state: 'Pay', name: 'States.ALL' },
      { state: 'Both', name: 'OutOfStock' },
      { state: 'Reserve', name: 'DynamoDB.RequestLimitExceeded' },
    ]);
  });
});
