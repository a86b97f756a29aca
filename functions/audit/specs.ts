import type { FunctionSpec } from '../access';

/**
 * Checks the log for tampering and seals the chain heads into an anchor in the Object Lock
 * archive (issue 8), on a schedule: reads the log and its by-day index, lists and writes only
 * `anchors/` objects, records findings under their own keys of the main table.
 */
export const sealAnchorsFunction: FunctionSpec = {
  name: 'seal-anchors',
  entry: 'functions/audit/seal-anchors.ts',
  access: ['audit:inspect', 'archive:read-anchors', 'archive:write-anchors', 'main:record-tamper'],
};

/**
 * Rolls the application fact rows up to the watermark (issue 8 "Scale"), on a schedule: reads
 * the log and its by-day index, writes only the `AUDITFACTS*` keys of the main table.
 */
export const rollUpFactsFunction: FunctionSpec = {
  name: 'roll-up-audit-facts',
  entry: 'functions/audit/roll-up-facts.ts',
  access: ['audit:inspect', 'main:read-audit-facts', 'main:write-audit-facts'],
};
