/**
 * Imported first by the local runtime: handler logs go to CloudWatch on AWS, while locally
 * only warnings and errors should reach the console. Loggers read the level when their module
 * loads, so this must run before any handler module is imported.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

export {};
