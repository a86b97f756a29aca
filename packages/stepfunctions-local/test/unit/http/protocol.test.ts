import { SfnError } from '../../../src/api-types';
import { errorBody, errorType, parseBody, parseTarget } from '../../../src/http/protocol';

describe('parseTarget', () => {
  it('maps the target header to the operation', () => {
    expect(parseTarget('AWSStepFunctions.StartExecution')).toBe('StartExecution');
    expect(parseTarget('AWSStepFunctions.SendTaskHeartbeat')).toBe('SendTaskHeartbeat');
  });

  it.each([
    [undefined, 'Missing X-Amz-Target header'],
    ['AWSStepFunctions.StartSyncExecution', 'Unknown operation "AWSStepFunctions.StartSyncExecution"'],
    ['DynamoDB_20120810.PutItem', 'Unknown operation "DynamoDB_20120810.PutItem"'],
    ['AWSStepFunctions.', 'Unknown operation "AWSStepFunctions."'],
  ])('rejects %p with UnknownOperationException', (target, message) => {
    expect(() => parseTarget(target)).toThrow(expect.objectContaining({ code: 'UnknownOperationException', message, httpStatus: 400 }));
  });
});

describe('parseBody', () => {
  it('parses a JSON object and treats an empty body as {}', () => {
    expect(parseBody(Buffer.from('{"name":"a","n":[1,2]}'))).toEqual({ name: 'a', n: [1, 2] });
    expect(parseBody(Buffer.alloc(0))).toEqual({});
  });

  it.each(['{"a":', '[1]', '"text"', 'null', '42'])('rejects %p with SerializationException', (text) => {
    expect(() => parseBody(Buffer.from(text))).toThrow(expect.objectContaining({ code: 'SerializationException', httpStatus: 400 }));
  });
});

describe('errorType / errorBody', () => {
  it('puts service errors in the Step Functions model namespace', () => {
    expect(errorType('ExecutionDoesNotExist')).toBe('com.amazonaws.swf.service.model.v20120810#ExecutionDoesNotExist');
  });

  it('puts protocol errors in the coral namespace', () => {
    expect(errorType('SerializationException')).toBe('com.amazon.coral.service#SerializationException');
    expect(errorType('InternalFailure')).toBe('com.amazon.coral.service#InternalFailure');
  });

  it('writes __type and message only', () => {
    const body = JSON.parse(errorBody(new SfnError('InvalidArn', 'Invalid Arn: x')));
    expect(body).toStrictEqual({
      __type: 'com.amazonaws.swf.service.model.v20120810#InvalidArn',
      message: 'Invalid Arn: x',
    });
  });
});
