/**
 * `npm start`: the whole platform on 127.0.0.1, no AWS account needed.
 * Ctrl-C stops everything cleanly; the next start resumes every open application.
 */
import { loadLocalConfig } from './config';
import { startRuntime } from './runtime';

async function main(): Promise<void> {
  const config = loadLocalConfig();
  const runtime = await startRuntime(config, {
    log: (line) => console.log(line),
    accessLog: (e) => console.log(`${e.method} ${e.route} ${e.status} ${e.ms}ms`),
  });
  const { urls } = runtime;
  console.log(
    [
      '',
      'OneThing is running (embedded runtime).',
      `  Web UI              ${urls.api}/       (built from web/ by npm start)`,
      `  HTTP API            ${urls.api}        (ONETHING_API_PORT)`,
      `  Step Functions API  ${urls.sfn}        (ONETHING_SFN_PORT)`,
      `  DynamoDB (dynalite) ${urls.dynamodb}        (ONETHING_DYNAMODB_PORT)`,
      `  S3 (s3rver)         ${urls.s3}        (ONETHING_S3_PORT)`,
      `  data folder         ${config.dataDir}   (ONETHING_DATA_DIR)`,
      `  dev clock           ${runtime.clock.now().toISOString()}`,
      ...(config.devRoutes === false ? ['  dev routes          off: /v1/dev/* answers 404   (ONETHING_DEV_ROUTES)'] : []),
      '',
      'Try it:',
      `  curl -s ${urls.api}/v1/services`,
      ...(config.devRoutes === false
        ? []
        : [
            `  TOKEN=$(curl -s -X POST ${urls.api}/v1/dev/tokens -H 'content-type: application/json' -d '{"role":"citizen","sub":"citizen-1"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')`,
            `  curl -s ${urls.api}/v1/applications -H "authorization: Bearer $TOKEN"`,
            '  npm run demo      # a school enrolment end to end, with a supplement and the dev clock',
          ]),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.close();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('OneThing failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
