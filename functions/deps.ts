/**
 * The composition root of a Lambda process: the platform deps, built at the first handler call
 * (cold start) from the environment and the seed catalog. Only the modules' exported `handler`s
 * use it; the local runtime and the tests build their own deps and call the handler factories.
 */
import { rememberChainsOn } from '../shared/audit/chain-cache';
import { createPlatformDeps, type PlatformDeps } from '../shared/deps';
import { seedCatalog } from '../workflows/catalog';
import { once, type Lazy } from './lazy';

export const lambdaDeps: Lazy<PlatformDeps> = once(() => {
  const deps = createPlatformDeps({ catalog: seedCatalog });
  // A warm container appending to a chain it appended to before skips the re-read (issue 9).
  rememberChainsOn(deps.ddb);
  return deps;
});
