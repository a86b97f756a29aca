/**
 * Every local transport (local/transport/mode.ts) runs the whole platform, and the DynamoDB and
 * Step Functions ports keep serving outside clients from the same store and engine. The other
 * integration suites run on the default (worker); this one runs each transport once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DocumentStore, GetCommand } from '../../../shared/aws/document-store';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_NAMES } from '../../../local/runtime';
import { LOCAL_TRANSPORTS } from '../../../local/transport/mode';
import { executionArn } from '../../../shared/applications/executions';
import { approveInOrder, getService, submitExample } from '../support/flows';
import { eventually, startTestRuntime } from '../support/runtime';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe.each(LOCAL_TRANSPORTS)('transport %s', (transport) => {
  test('an application is approved end to end, and the ports show what the platform stored', async () => {
    const t = await startTestRuntime({ transport });
    const raw = new DynamoDBClient({ endpoint: t.runtime.urls.dynamodb, region: 'us-east-1', credentials });
    const sfn = new SFNClient({ endpoint: t.runtime.urls.sfn, region: 'us-east-1', credentials });
    try {
      const citizen = await t.api.login({ role: 'citizen', sub: `applicant-${transport}` });
      const service = await getService(t.api, 'school-enrolment');
      const id = await submitExample(citizen, service);
      const approved = await approveInOrder(t.api, citizen, id);
      expect(approved.status).toBe('approved');

      // An outside client on the DynamoDB port reads the application the platform wrote.
      const stored = await new DocumentStore(raw).send(
        new GetCommand({ TableName: LOCAL_NAMES.main, Key: { pk: `APP#${id}`, sk: 'APP' }, ConsistentRead: true }),
      );
      expect(stored.Item).toMatchObject({ status: 'approved', serviceId: 'school-enrolment' });
      // ... and one on the Step Functions port sees its execution, started through the transport.
      // (The status is written by the last step; the execution ends just after it.)
      const arn = executionArn(t.runtime.deps.config, service.id, id);
      const status = await eventually(async () => {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        return status === 'RUNNING' ? undefined : status;
      }, 'the execution to end');
      expect(status).toBe('SUCCEEDED');
    } finally {
      raw.destroy();
      sfn.destroy();
      await t.close();
    }
  });
});
