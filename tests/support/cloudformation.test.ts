import { dependencyGraph, findCycle, type Template } from './cloudformation';

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
