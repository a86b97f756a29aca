import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { reconcileFunction, workflowFunctions } from '../../functions/workflow/specs';
import { PLACEHOLDERS } from '../../workflows/generator/placeholders';
import { SpecError } from '../errors';
import { acknowledge } from '../nag';
import { stateMachineName } from '../naming';
import type { RenderedService } from '../services';
import type { PlatformResources } from './access-policy';
import { PlatformFunction } from './platform-function';

export interface WorkflowsProps {
  readonly resources: PlatformResources;
  /** The rendered services (`renderCatalog()`): one STANDARD state machine each. */
  readonly services: readonly RenderedService[];
  /** @default Duration.minutes(5) */
  readonly reconcileEvery?: Duration;
  /** Key of the functions' and machines' log groups (`LogsKey`). @default CloudWatch Logs' own encryption */
  readonly logsKey?: IKey;
  /**
   * Reserved concurrency of each task function and of reconcile: the machines' steps keep
   * capacity however busy the API is, and cannot outrun DynamoDB. A throttled task is
   * retried by the machine (`Lambda.TooManyRequestsException`, workflows/generator/retry.ts).
   * @default none (the account pool)
   */
  readonly reservedConcurrency?: { readonly tasks: number; readonly reconcile: number };
}

/**
 * One state machine per service from the generator's ASL, the functions they invoke, and the
 * scheduled `reconcile` function. The functions reach the machines through ARNs built from
 * names (STATE_MACHINE_ARN_PREFIX), so there is no reference cycle.
 */
export class Workflows extends Construct {
  /** The task functions by spec name (`intake`, `task-await`, ...). */
  readonly taskFunctions: ReadonlyMap<string, PlatformFunction>;
  readonly reconcile: PlatformFunction;
  readonly stateMachines: ReadonlyMap<string, StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const tasks = new Map<string, PlatformFunction>();
    const substitutions: Record<string, string> = { [PLACEHOLDERS.partition]: Stack.of(this).partition };
    for (const spec of workflowFunctions) {
      const fn = new PlatformFunction(this, spec.name, {
        spec,
        timeout: Duration.seconds(30),
        logsKey: props.logsKey,
        reservedConcurrentExecutions: props.reservedConcurrency?.tasks,
      }).bind(props.resources);
      tasks.set(spec.name, fn);
      substitutions[spec.substitution] = fn.functionArn;
    }
    this.taskFunctions = tasks;

    const role = new Role(this, 'StateMachineRole', { assumedBy: new ServicePrincipal('states.amazonaws.com') });
    // Unqualified ARNs only: the machines invoke $LATEST, never a version or alias.
    role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...tasks.values()].map((f) => f.functionArn) }));
    acknowledge(
      role,
      'IAM5[Resource::*]',
      'CloudWatch Logs delivery (logs:*LogDelivery*, DescribeResourcePolicies) and X-Ray actions that Step Functions logging and tracing need support no resource-level permissions.',
    );

    const machines = new Map<string, StateMachine>();
    for (const service of props.services) {
      const missing = service.placeholders.filter((p) => !(p in substitutions));
      if (missing.length > 0) throw new SpecError(`${service.serviceId}.definition`, `no substitution for \${${missing.join('}, ${')}}`);
      machines.set(service.serviceId, this.stateMachine(service, role, substitutions, props.logsKey));
    }
    this.stateMachines = machines;

    this.reconcile = new PlatformFunction(this, reconcileFunction.name, {
      spec: reconcileFunction,
      timeout: Duration.minutes(1),
      logsKey: props.logsKey,
      // Runs never overlap with 1: two runs would race to repair the same items.
      reservedConcurrentExecutions: props.reservedConcurrency?.reconcile,
    }).bind(props.resources);
    new Rule(this, 'ReconcileSchedule', {
      description:
        'Finishes what crashes left unfinished: executions not started, withdrawals not stopped, results not delivered (DESIGN.md "Crash consistency").',
      schedule: Schedule.rate(props.reconcileEvery ?? Duration.minutes(5)),
      targets: [new LambdaFunction(this.reconcile, { retryAttempts: 2 })],
    });
  }

  private stateMachine(service: RenderedService, role: Role, substitutions: Record<string, string>, logsKey?: IKey): StateMachine {
    const name = stateMachineName(service.serviceId);
    const logGroup = new LogGroup(this, `${service.serviceId}Logs`, {
      // The vendedlogs prefix keeps the log group resource policy small with many machines.
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: RetentionDays.SIX_MONTHS,
      encryptionKey: logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const used = Object.fromEntries(service.placeholders.map((p) => [p, substitutions[p] as string]));
    return new StateMachine(this, service.serviceId, {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(service.definition),
      definitionSubstitutions: used,
      role,
      tracingEnabled: true,
      // Every event, but never the data: inputs and outputs may hold personal data.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
  }
}
