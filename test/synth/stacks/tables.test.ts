import { tableDefinitions } from '../../../local/tables';
import { synthesize } from '../synth';

/**
 * The local runtime creates its tables from `tableDefinitions()`; the CDK app declares them
 * again. Both must describe the same keys and indexes, or code that works locally (a Query on
 * an index, a projected attribute) fails after the deploy.
 */
const { template } = synthesize('us-east-1');
const deployed = Object.values(template.findResources('AWS::DynamoDB::Table')).map((r) => r.Properties as Record<string, any>);

type KeyElement = { AttributeName?: string; KeyType?: string };
type Index = { IndexName?: string; KeySchema?: KeyElement[]; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } };

/** The parts both sides declare, in a canonical order (CloudFormation does not keep ours). */
function shape(t: {
  KeySchema?: KeyElement[];
  AttributeDefinitions?: Array<{ AttributeName?: string; AttributeType?: string }>;
  GlobalSecondaryIndexes?: Index[];
  BillingMode?: string;
}) {
  const byName =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    keySchema: t.KeySchema,
    attributes: [...(t.AttributeDefinitions ?? [])].sort(byName((a) => a.AttributeName ?? '')),
    indexes: [...(t.GlobalSecondaryIndexes ?? [])]
      .map((i) => ({
        name: i.IndexName,
        keySchema: i.KeySchema,
        projection: i.Projection?.ProjectionType,
        nonKey: i.Projection?.NonKeyAttributes ?? [],
      }))
      .sort(byName((i) => i.name ?? '')),
    billingMode: t.BillingMode,
  };
}

describe.each(tableDefinitions({ main: 'onething-main', audit: 'onething-audit' }).map((d) => [d.TableName, d] as const))(
  'table %s',
  (tableName, local) => {
    const cdk = deployed.find((t) => t.TableName === tableName);

    it('is deployed under the same name', () => {
      expect(cdk).toBeDefined();
    });

    it('has the same key schema, attributes, indexes (keys and projection) and billing mode', () => {
      expect(shape(cdk ?? {})).toEqual(shape(local));
    });

    it('projects ALL attributes into every index, as the queries read whole records from them', () => {
      const indexes = shape(cdk ?? {}).indexes;
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.map((i) => i.projection)).toEqual(indexes.map(() => 'ALL'));
    });
  },
);

it('deploys no table the local runtime lacks', () => {
  const local = tableDefinitions({ main: 'onething-main', audit: 'onething-audit' }).map((d) => d.TableName);
  expect(deployed.map((t) => t.TableName).sort()).toEqual(local.sort());
});
