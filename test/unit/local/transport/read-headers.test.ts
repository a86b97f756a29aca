import { withReadHeadersOnly } from '../../../../local/transport/dynamodb';

/** What crosses to the DynamoDB worker thread: the method, the body and only the headers dynalite's checks read. */
test('keeps content type, target and authorization (found case-insensitively), drops the rest', () => {
  const request = {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/x',
      'x-amz-date': '20261203T130000Z',
      'amz-sdk-invocation-id': '00000000-0000-4000-8000-000000000000',
      'amz-sdk-request': 'attempt=1; max=3',
      'content-length': '2',
      host: '127.0.0.1:8000',
    },
    body: '{}',
  };
  expect(withReadHeadersOnly(request)).toEqual({
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/x',
    },
    body: '{}',
  });
});

test('an unsigned request stays unsigned: no authorization key appears', () => {
  const slim = withReadHeadersOnly({ method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' });
  expect(slim.headers).toEqual({ 'x-amz-target': 'DynamoDB_20120810.ListTables' });
});
