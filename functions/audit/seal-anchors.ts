/** Scheduled (EventBridge, every 6 hours: "at least daily" with room for a failed run): seal the chain heads. */
import { sealAnchor } from '../../shared/audit/anchors';
import { anchorStoreOf } from '../../shared/audit/service';
import { loadAuditConfig } from '../../shared/audit/config';
import { lambdaDeps } from '../deps';

export const handler = async (): Promise<{ seq: number; chains: number; changed: number }> => {
  const deps = lambdaDeps();
  const store = anchorStoreOf(deps, loadAuditConfig());
  const anchor = await sealAnchor({ ddb: deps.ddb, clock: deps.clock, tableName: deps.config.auditTableName, store });
  deps.logger.info('anchor sealed', { seq: anchor.seq, chains: anchor.chains, changed: anchor.heads.length, at: store.location });
  return { seq: anchor.seq, chains: anchor.chains, changed: anchor.heads.length };
};
