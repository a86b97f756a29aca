import { Match } from 'aws-cdk-lib/assertions';
import { workflowFunctions } from '../../../functions/workflow/specs';
import { platformFunctionSpecs, takesCursor } from '../../../infra/specs';
import { catalog } from '../../../workflows/catalog';
import { renderStateMachine, substituteDefinition } from '../../../workflows/generator';
import { functionLogicalId, synthesize } from '../synth';

const { template } = synthesize('us-east-1');

/** Stand-in ARNs: the same value for a placeholder whether it comes from the generator or the template. */
const fakeArn = (name: string) => `arn:test:lambda:::function:onething-${name}`;

function machineOf(serviceId: string) {
  const found = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).find(
    (r) => r.Properties.StateMachineName === `onething-${serviceId}`,
  );
  if (!found) throw new Error(`no state machine onething-${serviceId}`);
  return found.Properties as { DefinitionString: string; DefinitionSubstitutions: Record<string, unknown> };
}

describe.each(catalog.map((def) => [def.id, def] as const))('state machine onething-%s', (serviceId, def) => {
  const machine = machineOf(serviceId);

  it('deploys the generator output unchanged', () => {
    expect(machine.DefinitionString).toBe(JSON.stringify(renderStateMachine(def)));
  });

  it('equals the generator output after substitution, each function ARN from its own function', () => {
    const byLogicalId = new Map(workflowFunctions.map((f) => [functionLogicalId(template, f.name), fakeArn(f.name)]));
    const deployed = Object.fromEntries(
      Object.entries(machine.DefinitionSubstitutions).map(([key, value]) => {
        if (JSON.stringify(value) === JSON.stringify({ Ref: 'AWS::Partition' })) return [key, 'aws-test'];
        const ref = (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
        return [key, byLogicalId.get(ref[0]) ?? `unknown ${ref[0]}`];
      }),
    );
    const expected = Object.fromEntries([['Partition', 'aws-test'], ...workflowFunctions.map((f) => [f.substitution, fakeArn(f.name)])]);
    const asl = JSON.stringify(renderStateMachine(def));
    expect(substituteDefinition(machine.DefinitionString, deployed)).toBe(substituteDefinition(asl, expected));
  });

  it('is STANDARD, traced, and logs ALL events without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: `onething-${serviceId}`,
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
    });
  });
});

describe('workflow functions', () => {
  it('the machines may invoke exactly the task functions, unqualified', () => {
    const invoke = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((s) => s.Action === 'lambda:InvokeFunction');
    expect(invoke).toHaveLength(1);
    const targets = (invoke[0]?.Resource as Array<{ 'Fn::GetAtt': [string, string] }>).map((r) => r['Fn::GetAtt'][0]).sort();
    expect(targets).toEqual(workflowFunctions.map((f) => functionLogicalId(template, f.name)).sort());
  });

  it('runs reconcile every 5 minutes', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId(template, 'reconcile'), 'Arn'] } })],
    });
  });

  it('every function: nodejs22.x, arm64, active tracing, JSON logs, the configuration environment', () => {
    // The platform's functions; CDK's own BucketDeployment handler (the web UI upload, its
    // runtime acknowledged in infra/constructs/web.ts) is not one of them.
    const all = Object.values(template.findResources('AWS::Lambda::Function'));
    const functions = all.filter((fn) => String(fn.Properties.FunctionName ?? '').startsWith('onething-'));
    expect(functions).toHaveLength(platformFunctionSpecs.length);
    expect(all.length - functions.length).toBeLessThanOrEqual(1);
    for (const fn of functions) {
      const isTick = fn.Properties.FunctionName === 'onething-notifications-tick';
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      });
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      // Functions granted the audit archive (issue 8's anchors) also get its name, and only they.
      const spec = platformFunctionSpecs.find((s) => fn.Properties.FunctionName === `onething-${s.name}`);
      const archive = spec?.access.some((a) => a.startsWith('archive:')) ? ['ARCHIVE_BUCKET'] : [];
      // ... and those granted the export signing key its ARN and spec.
      const signing = spec?.access.some((a) => a === 'audit:sign-export' || a === 'audit:export-public-key')
        ? ['EXPORT_SIGNING_KEY_ARN', 'EXPORT_SIGNING_KEY_SPEC']
        : [];
      expect(Object.keys(env).sort()).toEqual(
        [
          ...archive,
          ...signing,
          'AUDIT_TABLE_NAME',
          'MATERIALS_BUCKET',
          'NODE_OPTIONS',
          // The notifications tick alone hands SMS to their queue.
          ...(isTick ? ['SMS_QUEUE_URL'] : []),
          'STATE_MACHINE_ARN_PREFIX',
          'TABLE_NAME',
          // Only the functions that page with signed cursors learn their key.
          ...(spec && takesCursor(spec) ? ['CURSOR_SECRET'] : []),
        ].sort(),
      );
      if (env.CURSOR_SECRET !== undefined) expect(JSON.stringify(env.CURSOR_SECRET)).toMatch(/resolve:secretsmanager:/);
      expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(env.STATE_MACHINE_ARN_PREFIX).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:us-east-1:123456789012:stateMachine:']],
      });
    }
  });

  it('only the list routes page with signed cursors, so only they get CURSOR_SECRET', () => {
    expect(
      platformFunctionSpecs
        .filter(takesCursor)
        .map((s) => s.name)
        .sort(),
    ).toEqual(
      [
        'list-anomalies',
        'list-applications',
        'list-audit-events',
        'list-department-events',
        'list-department-tasks',
        'list-evaluations',
        'list-notifications',
        'list-walkthroughs',
      ].sort(),
    );
    // Generated at the first deployment; not in the template.
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});
