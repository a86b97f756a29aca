import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig, type Config } from './config';
import { createAwsClients } from './aws/clients';
import { systemClock, type Clock } from './clock';
import { loadCalendar, type WorkingCalendar } from './calendar';
import { createSyntheticDataSharing, type DataSharing } from './registries';

/** Everything a service or step handler needs, built once per process. */
export interface PlatformDeps {
  config: Config;
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  sfn: SFNClient;
  clock: Clock;
  calendar: WorkingCalendar;
  dataSharing: DataSharing;
  logger: Logger;
}

let built: PlatformDeps | undefined;
let overrides: Partial<PlatformDeps> = {};

/**
 * The process-wide dependencies: built lazily on first use (Lambda cold start, or the first
 * handler call in the local runtime) from `loadConfig()` + `createAwsClients()`, then memoised.
 *
 * @example
 * const { ddb, clock } = getPlatformDeps();
 */
export function getPlatformDeps(): PlatformDeps {
  if (!built) {
    const config = overrides.config ?? loadConfig();
    // Creating clients opens no connection, so building them even when overridden costs nothing.
    const clients = createAwsClients(config);
    built = {
      config,
      ddb: overrides.ddb ?? clients.ddb,
      s3: overrides.s3 ?? clients.s3,
      sfn: overrides.sfn ?? clients.sfn,
      clock: overrides.clock ?? systemClock,
      calendar: overrides.calendar ?? loadCalendar(),
      // The only registry adapter so far; a city's real registries plug in behind the same interface.
      dataSharing: overrides.dataSharing ?? createSyntheticDataSharing(),
      logger: overrides.logger ?? new Logger({ serviceName: 'onething' }),
    };
  }
  return built;
}

/**
 * Replaces some dependencies (the local runtime installs its dev clock; tests install fakes).
 * Applies to deps already built and to deps built later.
 */
export function setPlatformDeps(partial: Partial<PlatformDeps>): void {
  overrides = { ...overrides, ...partial };
  if (built) built = { ...built, ...partial };
}

/** Forgets the memoised deps and overrides (tests only). */
export function resetPlatformDeps(): void {
  built = undefined;
  overrides = {};
}
