/**
 * CDK entry point (cdk.json: `npx tsx infra/app.ts`).
 *
 *   npx cdk synth -c region=cn-north-1 -c account=123456789012
 *
 * Region and account come from context or CDK_DEFAULT_REGION / CDK_DEFAULT_ACCOUNT.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build';
import { loadDeployConfig } from './config';

const app = new App();
const config = loadDeployConfig((key) => app.node.tryGetContext(key), process.env);
buildApp({ app, config });
app.synth();
