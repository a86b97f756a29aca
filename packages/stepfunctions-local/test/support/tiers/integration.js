// The integration tier's per-test timeout: engines on disk, child processes, the AWS CLI.
jest.setTimeout(60_000);
