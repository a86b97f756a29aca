/**
 * DynamoDB integrations, run with the real @aws-sdk/client-dynamodb client against the
 * configured endpoint. Errors are named as Step Functions names them:
 * `DynamoDB.<Exception>` (optimized) and `DynamoDb.<Exception>` (aws-sdk).
 */
import * as ddb from '@aws-sdk/client-dynamodb';
import { TaskFailure } from './errors';

export interface DynamoDbOptions {
  endpoint: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /**
   * The SDK client's `requestHandler` (e.g. an in-process handler of the embedding runtime that
   * skips TCP and HTTP to a DynamoDB emulator in the same process). @default the SDK's HTTP handler
   */
  requestHandler?: ddb.DynamoDBClientConfig['requestHandler'];
}

/** The SDK command class for an action name such as `getItem`, if the SDK has one. */
function commandFor(action: string): (new (input: unknown) => object) | undefined {
  const name = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
  const command = (ddb as unknown as Record<string, unknown>)[name];
  return typeof command === 'function' ? (command as new (input: unknown) => object) : undefined;
}

/** Whether `action` is a DynamoDB API action (checked when a definition is created). */
export function isDynamoDbAction(action: string): boolean {
  return commandFor(action) !== undefined;
}

/** A DynamoDB caller whose client is created on first use, against `options.endpoint`. */
export function createDynamoDbCaller(options: DynamoDbOptions | undefined, region: string) {
  let client: ddb.DynamoDBClient | undefined;
  const getClient = () => {
    if (!options)
      throw new TaskFailure('States.Runtime', 'No DynamoDB endpoint is configured for the local engine (EngineOptions.dynamodb)');
    client ??= new ddb.DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? region,
      credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
      ...(options.requestHandler === undefined ? {} : { requestHandler: options.requestHandler }),
    });
    return client;
  };
  return {
    /** Runs `action` with the state's parameters as the request; returns the response body. */
    async call(action: string, input: unknown, sdk: boolean): Promise<unknown> {
      const Command = commandFor(action);
      if (!Command) throw new TaskFailure('States.Runtime', `Unknown DynamoDB action '${action}'`);
      try {
        const { $metadata: _metadata, ...body } = (await getClient().send(new Command(input) as never)) as unknown as Record<
          string,
          unknown
        >;
        return JSON.parse(JSON.stringify(body));
      } catch (err) {
        if (err instanceof TaskFailure) throw err;
        throw mapError(err, sdk);
      }
    },
    close(): void {
      client?.destroy();
    },
  };
}

function mapError(err: unknown, sdk: boolean): TaskFailure {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const code = e.name ?? 'UnknownError';
  const status = e.$metadata?.httpStatusCode ?? 400;
  const service = sdk ? 'DynamoDb' : 'AmazonDynamoDBv2';
  const cause = `${e.message ?? code} (Service: ${service}; Status Code: ${status}; Error Code: ${code}; Request ID: ${e.$metadata?.requestId ?? 'null'}; Proxy: null)`;
  return new TaskFailure(`${sdk ? 'DynamoDb' : 'DynamoDB'}.${code}`, cause);
}

export type DynamoDbCaller = ReturnType<typeof createDynamoDbCaller>;
