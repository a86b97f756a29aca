import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The tables of docs/DESIGN.md "Data model" for the local runtime. The CDK app declares the
 * same keys and indexes (test/synth/stacks/tables.test.ts checks that they agree).
 */
const gsi = (name: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}pk`, KeyType: 'HASH' as const },
    { AttributeName: `${name}sk`, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

const table = (TableName: string, indexes: string[]): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: ['pk', 'sk', ...indexes.flatMap((i) => [`${i}pk`, `${i}sk`])].map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S',
  })),
  GlobalSecondaryIndexes: indexes.map(gsi),
});

export const tableDefinitions = (names: { main: string; audit: string }): CreateTableCommandInput[] => [
  table(names.main, ['gsi1', 'gsi2', 'gsi3', 'gsi4']),
  table(names.audit, ['gsi1']),
];

/** Creates each table unless it exists (idempotent: a restart keeps the data). */
export async function ensureTables(client: DynamoDBClient, definitions: CreateTableCommandInput[]): Promise<void> {
  for (const definition of definitions) {
    try {
      await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(definition));
    }
  }
}
