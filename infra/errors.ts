/**
 * Errors of the CDK app. They stop synthesis with a message that names the offending
 * context key or spec field; a retry cannot help until the input is fixed.
 */
export abstract class InfraError extends Error {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A context value (`-c key=value`, cdk.json) or CDK_DEFAULT_* variable is missing or malformed. */
export class DeployConfigError extends InfraError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Invalid deployment setting "${field}": ${detail}`);
  }
}

/** A function spec or service definition cannot be turned into resources. */
export class SpecError extends InfraError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Invalid spec "${field}": ${detail}`);
  }
}
