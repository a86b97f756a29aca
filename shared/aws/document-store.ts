/**
 * issue 9: the platform's DynamoDB calls in native JS values, sent as the PLAIN client's commands
 * (GetItem, PutItem, ...) through one `DynamoDBClient` built with `cacheMiddleware: true`.
 *
 * Why not lib-dynamodb's document client: it adds two middlewares to every command and refuses
 * `cacheMiddleware`, so the smithy client resolved the whole middleware stack on every send
 * (~90 µs, ~10 % of the local runtime's main thread). The plain client resolves it once per
 * command class. The call sites keep the document client's shape
 * (`ddb.send(new GetCommand({ ... }))`, same inputs, same native outputs); errors are the SDK's
 * own, unchanged (ConditionalCheckFailedException keeps `name` and `$metadata`).
 *
 * Middleware added to `client.middlewareStack` after the first send of a command class is
 * ignored (the handler is cached): pass it to `createAwsClients` at construction instead.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand as QueryItemsCommand,
  ScanCommand as ScanItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  type DeleteItemCommandInput,
  type DeleteItemCommandOutput,
  type DynamoDBClient,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  type KeysAndAttributes,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  type QueryCommandInput as QueryItemsInput,
  type QueryCommandOutput as QueryItemsOutput,
  type ScanCommandInput as ScanItemsInput,
  type ScanCommandOutput as ScanItemsOutput,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

/** An item, a key or a set of expression values in native JS values. */
export type NativeItem = Record<string, NativeAttributeValue>;
type Wire = Record<string, AttributeValue>;

// As the document client did: an attribute whose value is undefined is left out, not an error.
const toWire = (item: NativeItem): Wire => marshall(item, { removeUndefinedValues: true });
const toNative = (item: Wire): NativeItem => unmarshall(item);
/** A missing Key or Item goes to the service as missing: its ValidationException, as before. */
const wireOrAsIs = (item: NativeItem | undefined): Wire | undefined => (item === undefined ? undefined : toWire(item));
/** `{ [name]: f(value) }`, or `{}` when the value is absent: no `undefined` members in inputs or outputs. */
const present = <K extends string, A, B>(name: K, value: A | undefined, f: (a: A) => B): Partial<Record<K, B>> =>
  value === undefined ? {} : ({ [name]: f(value) } as Record<K, B>);

/**
 * The legacy parameters (AttributeUpdates, Expected, KeyConditions, QueryFilter, ScanFilter)
 * are left out of the inputs: the platform writes expressions only.
 */
type Legacy = 'AttributeUpdates' | 'Expected' | 'KeyConditions' | 'QueryFilter' | 'ScanFilter' | 'ConditionalOperator';
type WithValues = { ExpressionAttributeValues?: NativeItem };

export type GetCommandInput = Omit<GetItemCommandInput, 'Key'> & { Key: NativeItem | undefined };
export type GetCommandOutput = Omit<GetItemCommandOutput, 'Item'> & { Item?: NativeItem };
export type PutCommandInput = Omit<PutItemCommandInput, 'Item' | 'ExpressionAttributeValues' | Legacy> & {
  Item: NativeItem | undefined;
} & WithValues;
export type PutCommandOutput = Omit<PutItemCommandOutput, 'Attributes' | 'ItemCollectionMetrics'> & { Attributes?: NativeItem };
export type UpdateCommandInput = Omit<UpdateItemCommandInput, 'Key' | 'ExpressionAttributeValues' | Legacy> & {
  Key: NativeItem | undefined;
} & WithValues;
export type UpdateCommandOutput = Omit<UpdateItemCommandOutput, 'Attributes' | 'ItemCollectionMetrics'> & { Attributes?: NativeItem };
export type DeleteCommandInput = Omit<DeleteItemCommandInput, 'Key' | 'ExpressionAttributeValues' | Legacy> & {
  Key: NativeItem | undefined;
} & WithValues;
export type DeleteCommandOutput = Omit<DeleteItemCommandOutput, 'Attributes' | 'ItemCollectionMetrics'> & { Attributes?: NativeItem };
export type QueryCommandInput = Omit<QueryItemsInput, 'ExclusiveStartKey' | 'ExpressionAttributeValues' | Legacy> & {
  ExclusiveStartKey?: NativeItem;
} & WithValues;
export type QueryCommandOutput = Omit<QueryItemsOutput, 'Items' | 'LastEvaluatedKey'> & {
  Items?: NativeItem[];
  LastEvaluatedKey?: NativeItem;
};
export type ScanCommandInput = Omit<ScanItemsInput, 'ExclusiveStartKey' | 'ExpressionAttributeValues' | Legacy> & {
  ExclusiveStartKey?: NativeItem;
} & WithValues;
export type ScanCommandOutput = Omit<ScanItemsOutput, 'Items' | 'LastEvaluatedKey'> & {
  Items?: NativeItem[];
  LastEvaluatedKey?: NativeItem;
};

export type NativeKeysAndAttributes = Omit<KeysAndAttributes, 'Keys'> & { Keys: NativeItem[] };
export type BatchGetCommandInput = Omit<BatchGetItemCommandInput, 'RequestItems'> & {
  RequestItems: Record<string, NativeKeysAndAttributes>;
};
export type BatchGetCommandOutput = Omit<BatchGetItemCommandOutput, 'Responses' | 'UnprocessedKeys'> & {
  Responses?: Record<string, NativeItem[]>;
  UnprocessedKeys?: Record<string, NativeKeysAndAttributes>;
};
export type NativeWriteRequest = { PutRequest?: { Item: NativeItem }; DeleteRequest?: { Key: NativeItem } };
export type BatchWriteCommandInput = Omit<BatchWriteItemCommandInput, 'RequestItems'> & {
  RequestItems: Record<string, NativeWriteRequest[]>;
};
export type BatchWriteCommandOutput = Omit<BatchWriteItemCommandOutput, 'UnprocessedItems' | 'ItemCollectionMetrics'> & {
  UnprocessedItems?: Record<string, NativeWriteRequest[]>;
};

/**
 * One DynamoDB call in native values. `input` is what the caller passed (tests read it back);
 * `sendThrough` marshals it, sends the plain client's command and unmarshals the answer.
 */
export abstract class DocumentCommand<Input extends object, Output> {
  constructor(readonly input: Input) {}
  abstract sendThrough(client: DynamoDBClient): Promise<Output>;
}

export class GetCommand extends DocumentCommand<GetCommandInput, GetCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<GetCommandOutput> {
    const { Key, ...rest } = this.input;
    const { Item, ...out } = await client.send(new GetItemCommand({ ...rest, Key: wireOrAsIs(Key) }));
    return { ...out, ...present('Item', Item, toNative) };
  }
}

/** The expression values of a write or a read, to wire; absent stays absent. */
const valuesToWire = (values: NativeItem | undefined) => present('ExpressionAttributeValues', values, toWire);
/** A write's answer: the returned attributes in native values; item collection metrics are not used. */
const writeOutput = <Out extends { Attributes?: Wire; ItemCollectionMetrics?: unknown }>({
  Attributes,
  ItemCollectionMetrics: _metrics,
  ...out
}: Out) => ({ ...out, ...present('Attributes', Attributes, toNative) });
/** A Query's or Scan's input: the start key and expression values to wire. */
const pageInput = <In extends { ExclusiveStartKey?: NativeItem; ExpressionAttributeValues?: NativeItem }>({
  ExclusiveStartKey,
  ExpressionAttributeValues,
  ...rest
}: In) => ({ ...rest, ...present('ExclusiveStartKey', ExclusiveStartKey, toWire), ...valuesToWire(ExpressionAttributeValues) });
/** A Query's or Scan's page: its items and last key in native values. */
const pageOutput = <Out extends { Items?: Wire[]; LastEvaluatedKey?: Wire }>({ Items, LastEvaluatedKey, ...out }: Out) => ({
  ...out,
  ...present('Items', Items, (items) => items.map(toNative)),
  ...present('LastEvaluatedKey', LastEvaluatedKey, toNative),
});

export class PutCommand extends DocumentCommand<PutCommandInput, PutCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<PutCommandOutput> {
    const { Item, ExpressionAttributeValues, ...rest } = this.input;
    const wire = { ...rest, Item: wireOrAsIs(Item), ...valuesToWire(ExpressionAttributeValues) };
    return writeOutput(await withNativeErrorItem(client.send(new PutItemCommand(wire))));
  }
}

export class UpdateCommand extends DocumentCommand<UpdateCommandInput, UpdateCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<UpdateCommandOutput> {
    const { Key, ExpressionAttributeValues, ...rest } = this.input;
    const wire = { ...rest, Key: wireOrAsIs(Key), ...valuesToWire(ExpressionAttributeValues) };
    return writeOutput(await withNativeErrorItem(client.send(new UpdateItemCommand(wire))));
  }
}

export class DeleteCommand extends DocumentCommand<DeleteCommandInput, DeleteCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<DeleteCommandOutput> {
    const { Key, ExpressionAttributeValues, ...rest } = this.input;
    const wire = { ...rest, Key: wireOrAsIs(Key), ...valuesToWire(ExpressionAttributeValues) };
    return writeOutput(await withNativeErrorItem(client.send(new DeleteItemCommand(wire))));
  }
}

export class QueryCommand extends DocumentCommand<QueryCommandInput, QueryCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<QueryCommandOutput> {
    return pageOutput(await client.send(new QueryItemsCommand(pageInput(this.input))));
  }
}

export class ScanCommand extends DocumentCommand<ScanCommandInput, ScanCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<ScanCommandOutput> {
    return pageOutput(await client.send(new ScanItemsCommand(pageInput(this.input))));
  }
}

const mapValues = <A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
const keysToWire = ({ Keys, ...rest }: NativeKeysAndAttributes): KeysAndAttributes => ({ ...rest, Keys: Keys.map(toWire) });
const keysToNative = ({ Keys, ...rest }: KeysAndAttributes): NativeKeysAndAttributes => ({ ...rest, Keys: (Keys ?? []).map(toNative) });
const writeToWire = (r: NativeWriteRequest): WriteRequest => ({
  ...(r.PutRequest ? { PutRequest: { Item: toWire(r.PutRequest.Item) } } : {}),
  ...(r.DeleteRequest ? { DeleteRequest: { Key: toWire(r.DeleteRequest.Key) } } : {}),
});
const writeToNative = (r: WriteRequest): NativeWriteRequest => ({
  ...(r.PutRequest?.Item ? { PutRequest: { Item: toNative(r.PutRequest.Item) } } : {}),
  ...(r.DeleteRequest?.Key ? { DeleteRequest: { Key: toNative(r.DeleteRequest.Key) } } : {}),
});

export class BatchGetCommand extends DocumentCommand<BatchGetCommandInput, BatchGetCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<BatchGetCommandOutput> {
    const wire = { ...this.input, RequestItems: mapValues(this.input.RequestItems, keysToWire) };
    const { Responses, UnprocessedKeys, ...out } = await client.send(new BatchGetItemCommand(wire));
    return {
      ...out,
      ...present('Responses', Responses, (r) => mapValues(r, (items) => items.map(toNative))),
      ...present('UnprocessedKeys', UnprocessedKeys, (u) => mapValues(u, keysToNative)),
    };
  }
}

export class BatchWriteCommand extends DocumentCommand<BatchWriteCommandInput, BatchWriteCommandOutput> {
  async sendThrough(client: DynamoDBClient): Promise<BatchWriteCommandOutput> {
    const wire = { ...this.input, RequestItems: mapValues(this.input.RequestItems, (rs) => rs.map(writeToWire)) };
    const { UnprocessedItems, ItemCollectionMetrics: _metrics, ...out } = await client.send(new BatchWriteItemCommand(wire));
    return { ...out, ...present('UnprocessedItems', UnprocessedItems, (u) => mapValues(u, (rs) => rs.map(writeToNative))) };
  }
}

/**
 * A failed conditional write with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` carries the
 * stored item: in native values, like every other item the caller sees. The error object itself
 * (its class, `name`, `$metadata`) is the SDK's.
 */
async function withNativeErrorItem<T>(sent: Promise<T>): Promise<T> {
  try {
    return await sent;
  } catch (error) {
    const item = (error as { name?: string; Item?: Wire }).Item;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException' && item !== undefined)
      (error as { Item?: NativeItem }).Item = toNative(item);
    throw error;
  }
}

/**
 * What `shared/` holds as `deps.ddb`: `send` one of the commands above. The plain client is
 * `client` (built by `createAwsClients` with `cacheMiddleware: true`).
 *
 * @example
 * const { Item } = await ddb.send(new GetCommand({ TableName, Key: { pk, sk } }));
 */
export class DocumentStore {
  constructor(readonly client: DynamoDBClient) {}

  send<Input extends object, Output>(command: DocumentCommand<Input, Output>): Promise<Output> {
    return command.sendThrough(this.client);
  }

  destroy(): void {
    this.client.destroy();
  }
}
