import { App, Duration, Stack } from 'aws-cdk-lib';
import { Data } from '../../../../infra/constructs/data';
import { Workflows } from '../../../../infra/constructs/workflows';
import { SpecError } from '../../../../infra/errors';
import type { RenderedService } from '../../../../infra/services';

// No bundling: these tests are about the construct's checks, not the code.
const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

describe('Workflows', () => {
  it('refuses a definition with a placeholder it cannot substitute, naming service and placeholder', () => {
    const stack = new Stack(app(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
    const data = new Data(stack, 'Data', { webOrigin: 'https://onething.test.gov.cn', auditRetention: Duration.days(1) });
    const service: RenderedService = {
      serviceId: 'newborn',
      definition: '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${NotifyFunctionArn}","End":true}}}',
      placeholders: ['NotifyFunctionArn'],
      departments: ['health'],
      kind: 'one-thing',
    };
    let error: unknown;
    try {
      new Workflows(stack, 'Workflows', { resources: data.resources(['newborn']), services: [service] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(/"newborn\.definition".*\$\{NotifyFunctionArn\}/);
  });
});
