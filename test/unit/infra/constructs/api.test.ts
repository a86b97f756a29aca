import { App, Duration, Stack } from 'aws-cdk-lib';
import { Api } from '../../../../infra/constructs/api';
import { Data } from '../../../../infra/constructs/data';
import { Identity } from '../../../../infra/constructs/identity';
import { PlatformFunction } from '../../../../infra/constructs/platform-function';
import { SpecError } from '../../../../infra/errors';
import type { RouteSpec } from '../../../../functions/routes';

function setup() {
  const stack = new Stack(new App(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const data = new Data(stack, 'Data', { webOrigin: 'https://onething.test.gov.cn', auditRetention: Duration.days(1) });
  return { stack, resources: data.resources(['school-enrolment']), jwt: new Identity(stack, 'Identity').jwt };
}

const devRoute: RouteSpec = {
  name: 'dev-tokens',
  method: 'POST',
  path: '/v1/dev/tokens',
  auth: 'public',
  entry: 'functions/api/health.ts',
  access: [],
};

describe('Api', () => {
  it('refuses a local-only /v1/dev/* route, naming it', () => {
    const { stack, resources, jwt } = setup();
    const build = () => new Api(stack, 'Api', { resources, jwt, webOrigin: 'https://x.gov.cn', routes: [devRoute] });
    let error: unknown;
    try {
      build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(/routes\.dev-tokens\.path.*local-only/);
  });
});

describe('PlatformFunction', () => {
  it('binds once: a second bind would duplicate grants', () => {
    const { stack, resources } = setup();
    const fn = new PlatformFunction(stack, 'Health', { spec: { name: 'health', entry: 'functions/api/health.ts', access: [] } });
    fn.bind(resources);
    expect(() => fn.bind(resources)).toThrow(SpecError);
    expect(() => fn.bind(resources)).toThrow(/"health".*bind\(\) was already called/);
  });

  it('names a missing entry file', () => {
    const { stack } = setup();
    const spec = { name: 'ghost', entry: 'functions/api/does-not-exist.ts', access: [] };
    expect(() => new PlatformFunction(stack, 'Ghost', { spec })).toThrow(/does-not-exist\.ts/);
  });
});
