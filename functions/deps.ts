/**
 * The composition root of a Lambda process: the platform deps, built at the first handler call
 * (cold start) from the environment and the seed catalog. Only the modules' exported `handler`s
 * use it; the local runtime and the tests build their own deps and call the handler factories.
 */
import { createPlatformDeps, type PlatformDeps } from '../shared/deps';
import { seedCatalog } from '../workflows/catalog';
import { once, type Lazy } from './lazy';

export const lambdaDeps: Lazy<PlatformDeps> = once(() => createPlatformDeps({ catalog: seedCatalog }));
