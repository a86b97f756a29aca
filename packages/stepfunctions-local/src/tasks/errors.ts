/** Failures of task integrations, carrying the AWS error name and cause a Task reports. */
export class TaskFailure extends Error {
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'TaskFailure';
  }
}
