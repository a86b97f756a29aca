/** Once per run of the web tier: build web/dist if its sources changed (the tests serve it). */
import { ensureWebBuilt } from '../../../web/scripts/ensure-built';

export default function globalSetup(): void {
  ensureWebBuilt();
}
