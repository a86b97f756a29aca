/**
 * Scheduled (EventBridge, every 6 hours: "at least daily" with room for a failed run): check the
 * log for tampering and record what is found (shared/audit/tamper-check.ts), then seal the chain heads.
 */
import { checkAndSeal } from '../../shared/audit/tamper-check';
import { anchorStoreOf } from '../../shared/audit/service';
import { loadAuditConfig } from '../../shared/audit/config';
import { lambdaDeps } from '../deps';

export const handler = async (): Promise<{ seq: number; chains: number; changed: number; findings: number }> => {
  const deps = lambdaDeps();
  const store = anchorStoreOf(deps, loadAuditConfig());
  const { check, anchor } = await checkAndSeal({
    ddb: deps.ddb,
    clock: deps.clock,
    auditTableName: deps.config.auditTableName,
    tableName: deps.config.tableName,
    anchors: store,
    logger: deps.logger,
  });
  deps.logger.info('tamper checked and anchor sealed', {
    seq: anchor.seq,
    chains: anchor.chains,
    changed: anchor.heads.length,
    at: store.location,
    findings: check.findings.length,
    rehashedChains: check.rehashedChains,
    rehashedEvents: check.rehashedEvents,
    headsChecked: check.headsChecked,
  });
  return { seq: anchor.seq, chains: anchor.chains, changed: anchor.heads.length, findings: check.findings.length };
};
