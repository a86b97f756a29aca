import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Catalog } from '../workflows/types';
import { loadConfig, type Config } from './config';
import { createAwsClients } from './aws/clients';
import type { DocumentStore } from './aws/document-store';
import { systemClock, type Clock } from './clock';
import { loadCalendar, type WorkingCalendar } from './calendar';
import { createSyntheticDataSharing, type DataSharing } from './registries';

/** Everything a service or step handler needs, built once per process by its composition root. */
export interface PlatformDeps {
  config: Config;
  ddb: DocumentStore;
  s3: S3Client;
  sfn: SFNClient;
  clock: Clock;
  calendar: WorkingCalendar;
  dataSharing: DataSharing;
  logger: Logger;
  /** The service definitions, passed in: shared/ never imports the workflows catalog module. */
  catalog: Catalog;
}

/**
 * Builds the deps from `loadConfig()` + `createAwsClients()`, with `overrides` in place of the
 * defaults. No process-wide state: the caller (functions/deps.ts on Lambda, local/runtime.ts
 * locally, a test) keeps the result and hands it to the factories.
 *
 * @example
 * const deps = createPlatformDeps({ catalog: seedCatalog, clock: devClock });
 */
export function createPlatformDeps(required: Pick<PlatformDeps, 'catalog'> & Partial<PlatformDeps>): PlatformDeps {
  const config = required.config ?? loadConfig();
  // Creating clients opens no connection, so building them even when overridden costs nothing.
  const clients = createAwsClients(config);
  return {
    config,
    ddb: required.ddb ?? clients.ddb,
    s3: required.s3 ?? clients.s3,
    sfn: required.sfn ?? clients.sfn,
    clock: required.clock ?? systemClock,
    calendar: required.calendar ?? loadCalendar(),
    // The only registry adapter so far; a city's real registries plug in behind the same interface.
    dataSharing: required.dataSharing ?? createSyntheticDataSharing(),
    logger: required.logger ?? new Logger({ serviceName: 'onething' }),
    catalog: required.catalog,
  };
}
