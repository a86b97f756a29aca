import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeployConfig } from './config';
import { renderCatalog, type RenderedService } from './services';
import { OneThingStack } from './stacks/onething-stack';

/**
 * Context the app sets itself, so that `cdk synth` and the tests behave the same:
 * CloudFormation Validate findings (schema, linting) fail synthesis instead of warning.
 */
export const APP_CONTEXT: Readonly<Record<string, unknown>> = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
};

export interface BuildOptions {
  readonly config: DeployConfig;
  /** @default renderCatalog() */
  readonly services?: readonly RenderedService[];
  /** @default new App() */
  readonly app?: App;
}

/**
 * Adds the OneThing stack to an app and registers cdk-nag's AwsSolutions pack as a
 * validation plugin: synthesis fails on any unacknowledged finding.
 *
 * @example
 * const { app, stack } = buildApp({ config: loadDeployConfig(ctx, process.env) });
 * app.synth();
 */
export function buildApp(options: BuildOptions): { app: App; stack: OneThingStack } {
  const app = options.app ?? new App();
  const { config } = options;
  for (const [key, value] of Object.entries(APP_CONTEXT)) app.node.setContext(key, value);
  const stack = new OneThingStack(app, 'OneThing', {
    env: { region: config.region, account: config.account },
    description: 'OneThing (高效办成一件事): API, workflows, data',
    terminationProtection: true,
    config,
    services: options.services ?? renderCatalog(),
  });
  Tags.of(stack).add('project', 'onething');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
