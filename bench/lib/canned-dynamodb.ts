/**
 * A DynamoDB request handler for the SDK clients that answers every GetItem, PutItem and Query
 * with a fixed body, without any store: what a call then costs is the client's own work
 * (issue 9, "the SDK client's own cost").
 */
import { headerOf, sdkRequestHandler, type SdkRequestHandler } from '../../local/transport/sdk-handler';

const item = (i: number) => ({
  pk: { S: `seed${i}` },
  sk: { S: 'APP' },
  gsi1pk: { S: 'seedowner' },
  gsi1sk: { S: `t${i}` },
  form: { S: 'x'.repeat(800) },
});

const BODIES: Record<string, Buffer> = {
  GetItem: Buffer.from(JSON.stringify({ Item: item(0) })),
  PutItem: Buffer.from('{}'),
  Query: Buffer.from(JSON.stringify({ Items: [0, 1, 2, 3, 4].map(item), Count: 5, ScannedCount: 5 })),
};

export function cannedDynamoDbHandler(): SdkRequestHandler {
  let sequence = 0;
  return sdkRequestHandler(async (request) => {
    const operation = String(headerOf(request.headers, 'x-amz-target')).replace(/^DynamoDB_20120810\./, '');
    const body = BODIES[operation] ?? Buffer.from('{}');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(body.length),
        'x-amzn-requestid': `CANNED${sequence++}`,
      },
      body,
    };
  });
}
