import { eventResource, parseResource } from '../../../src/tasks/resources';
import { functionNameOf, handlerFailure } from '../../../src/tasks/lambda';

describe('parseResource', () => {
  test('parses Lambda function ARNs with qualifiers and the optimized integrations', () => {
    expect(parseResource('arn:aws:lambda:us-east-1:111111111111:function:intake:prod')).toEqual({
      kind: 'lambda-function',
      arn: 'arn:aws:lambda:us-east-1:111111111111:function:intake:prod',
      functionName: 'intake',
      qualifier: 'prod',
    });
    expect(parseResource('arn:aws-cn:states:::lambda:invoke.waitForTaskToken')).toEqual({
      kind: 'lambda-invoke',
      arn: 'arn:aws-cn:states:::lambda:invoke.waitForTaskToken',
      waitForToken: true,
    });
    expect(parseResource('arn:aws:states:::aws-sdk:dynamodb:transactWriteItems')).toMatchObject({
      kind: 'dynamodb',
      action: 'transactWriteItems',
      sdk: true,
      waitForToken: false,
    });
    expect(parseResource('arn:aws:states:::dynamodb:query')).toMatch(/not supported by the local engine/);
  });

  test('names resources in history events like AWS', () => {
    const token = parseResource('arn:aws:states:::lambda:invoke.waitForTaskToken');
    const ddb = parseResource('arn:aws:states:::dynamodb:getItem');
    if (typeof token === 'string' || typeof ddb === 'string') throw new Error('expected parsed resources');
    expect(eventResource(token)).toEqual({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    expect(eventResource(ddb)).toEqual({ resourceType: 'dynamodb', resource: 'getItem' });
  });
});

describe('Lambda helpers', () => {
  test('functionNameOf accepts names, ARNs and partial ARNs', () => {
    expect(functionNameOf('intake')).toBe('intake');
    expect(functionNameOf('intake:live')).toBe('intake');
    expect(functionNameOf('arn:aws-cn:lambda:cn-north-1:123456789012:function:intake:3')).toBe('intake');
    expect(functionNameOf('123456789012:function:intake')).toBe('intake');
  });

  test('handlerFailure reports the error type and a Lambda error document', () => {
    const err = new TypeError('bad thing');
    const failure = handlerFailure(err);
    expect(failure.error).toBe('TypeError');
    const cause = JSON.parse(failure.causeText);
    expect(cause).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad thing' });
    expect(Array.isArray(cause.stackTrace)).toBe(true);
  });
});
