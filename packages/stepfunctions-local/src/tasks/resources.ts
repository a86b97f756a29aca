/** Parses a Task state's `Resource` into one of the integrations this engine runs. */

export const DYNAMODB_OPTIMIZED = ['getItem', 'putItem', 'updateItem', 'deleteItem'] as const;

export type TaskResource =
  | { kind: 'lambda-invoke'; arn: string; waitForToken: boolean }
  | { kind: 'lambda-function'; arn: string; functionName: string; qualifier?: string }
  | { kind: 'dynamodb'; arn: string; action: string; sdk: boolean; waitForToken: boolean };

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const INTEGRATION = new RegExp(`^arn:${PARTITION}:states:::([a-z0-9-]+):([A-Za-z0-9:]+?)(\\.waitForTaskToken|\\.sync(?::2)?)?$`);
const FUNCTION = new RegExp(`^arn:${PARTITION}:lambda:([a-z0-9-]+):(\\d{12}):function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]{1,128}))?$`);

/**
 * Returns the parsed resource, or a message saying why the engine refuses it.
 * @example parseResource('arn:aws:states:::lambda:invoke') // { kind: 'lambda-invoke', ... }
 */
export function parseResource(arn: string): TaskResource | string {
  const fn = FUNCTION.exec(arn);
  if (fn) return { kind: 'lambda-function', arn, functionName: fn[4]!, qualifier: fn[5] };
  const m = INTEGRATION.exec(arn);
  if (!m) return `The resource '${arn}' is not a supported Lambda function or service integration ARN`;
  const [, , service, action = '', suffix] = m; // service and action are mandatory groups
  if (suffix?.startsWith('.sync')) return `The '.sync' integration pattern is not supported for '${arn}'`;
  const waitForToken = suffix === '.waitForTaskToken';
  if (service === 'lambda' && action === 'invoke') return { kind: 'lambda-invoke', arn, waitForToken };
  if (service === 'dynamodb' && (DYNAMODB_OPTIMIZED as readonly string[]).includes(action)) {
    return { kind: 'dynamodb', arn, action, sdk: false, waitForToken };
  }
  if (service === 'aws-sdk' && action.startsWith('dynamodb:')) {
    const sdkAction = action.slice('dynamodb:'.length);
    if (/^[a-z][A-Za-z]+$/.test(sdkAction)) return { kind: 'dynamodb', arn, action: sdkAction, sdk: true, waitForToken };
  }
  return `The resource '${arn}' is not supported by the local engine (supported: lambda:invoke, Lambda function ARNs, dynamodb:getItem|putItem|updateItem|deleteItem, aws-sdk:dynamodb:*)`;
}

/** `resourceType` and `resource` as AWS writes them into Task* history events. */
export function eventResource(resource: TaskResource): { resourceType: string; resource: string } {
  switch (resource.kind) {
    case 'lambda-invoke':
      return { resourceType: 'lambda', resource: resource.waitForToken ? 'invoke.waitForTaskToken' : 'invoke' };
    case 'dynamodb':
      return {
        resourceType: resource.sdk ? 'aws-sdk:dynamodb' : 'dynamodb',
        resource: resource.waitForToken ? `${resource.action}.waitForTaskToken` : resource.action,
      };
    case 'lambda-function':
      return { resourceType: 'lambda', resource: resource.arn };
  }
}
