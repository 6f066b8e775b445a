import { assertRunnableLocally, UnsupportedDefinitionError } from './render-definition';

const machine = (state: Record<string, unknown>) => ({ StartAt: 'Only', States: { Only: { End: true, ...state } } });

describe('the local stack refuses what aws-local-stepfunctions would run wrongly', () => {
  it('accepts a JSONPath definition with Lambda and service integrations', () => {
    expect(() =>
      assertRunnableLocally(machine({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem' })),
    ).not.toThrow();
  });

  it.each([
    ['JSONata', { QueryLanguage: 'JSONata', States: {} }, 'JSONata'],
    ['variables', machine({ Type: 'Pass', Assign: { total: 1 } }), 'variables (Assign)'],
    [
      'task tokens',
      machine({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }),
      'task tokens',
    ],
    [
      '.sync integrations',
      machine({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2' }),
      '.sync',
    ],
  ])('refuses %s, naming where', (_, definition, named) => {
    expect(() => assertRunnableLocally(definition)).toThrow(UnsupportedDefinitionError);
    expect(() => assertRunnableLocally(definition)).toThrow(named);
  });
});
