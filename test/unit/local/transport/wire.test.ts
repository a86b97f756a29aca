import { decodeAnswers, decodeRequests, encodeAnswers, encodeRequests, joinFields, splitFields } from '../../../../local/transport/wire';

/** The DynamoDB worker thread's batches cross its MessagePort as one string each way. */
describe('fields', () => {
  test('any text survives, separators, digits, dashes, empty, non-ASCII and control characters included', () => {
    const fields = ['', '-', '12:34', ':', '0:', '{"S":"张三 \u{1F600}"}', '\u0000\u0001\n', '-5:x', undefined, 'tail'];
    expect(splitFields(joinFields(fields))).toEqual(fields);
  });

  test('absent stays absent and empty stays empty', () => {
    expect(joinFields([undefined, ''])).toBe('-0:');
    expect(splitFields('-0:')).toEqual([undefined, '']);
  });

  test('text it cannot have written is refused, not misread', () => {
    expect(() => splitFields('5:abc')).toThrow(/malformed/);
    expect(() => splitFields('x:abc')).toThrow(/malformed/);
    expect(() => splitFields(':abc')).toThrow(/malformed/);
  });
});

describe('requests', () => {
  test('carry the method, the body and only the headers dynalite reads (found case-insensitively)', () => {
    const request = {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/x',
        'x-amz-date': '20261203T130000Z',
        'amz-sdk-invocation-id': '00000000-0000-4000-8000-000000000000',
        'content-length': '2',
        host: '127.0.0.1:8000',
      },
      body: '{}',
    };
    expect(decodeRequests(encodeRequests([{ id: 7, request }]))).toEqual([
      {
        id: 7,
        request: {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.GetItem',
            authorization: 'AWS4-HMAC-SHA256 Credential=local/x',
          },
          body: '{}',
        },
      },
    ]);
  });

  test('an unsigned request stays unsigned (no authorization key) and an empty header stays empty', () => {
    const [decoded] = decodeRequests(
      encodeRequests([
        { id: 1, request: { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': '' }, body: '' } },
      ]),
    );
    expect(decoded!.request).toEqual({
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': '' },
      body: '',
    });
  });

  test('a batch keeps its order and each request its own id and body', () => {
    const batch = Array.from({ length: 5 }, (_, i) => ({
      id: 1000 + i,
      request: { method: 'POST', headers: { 'x-amz-target': `T${i}` }, body: JSON.stringify({ Key: { pk: { S: `名${i}:-` } } }) },
    }));
    expect(decodeRequests(encodeRequests(batch))).toEqual(batch);
  });
});

describe('answers', () => {
  test('a batch keeps status, content type and body per id, in order', () => {
    const batch = [
      { id: 3, answer: { status: 200, contentType: 'application/x-amz-json-1.0', body: '{"Item":{"n":{"N":"1"}}}' } },
      {
        id: 1,
        answer: {
          status: 400,
          contentType: 'application/json',
          body: '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"}',
        },
      },
      { id: 2, answer: { status: 500, contentType: 'application/x-amz-json-1.0', body: '' } },
    ];
    expect(decodeAnswers(encodeAnswers(batch))).toEqual(batch);
  });

  test('a batch that is not whole records is refused', () => {
    expect(() => decodeAnswers(joinFields(['1', '200', 'application/json']))).toThrow(/ends inside an answer/);
  });
});
