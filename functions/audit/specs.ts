import type { FunctionSpec } from '../access';

/**
 * Seals the chain heads into an anchor in the Object Lock archive (issue 8), on a schedule:
 * reads the by-day index of the audit table, lists and writes only `anchors/` objects.
 */
export const sealAnchorsFunction: FunctionSpec = {
  name: 'seal-anchors',
  entry: 'functions/audit/seal-anchors.ts',
  access: ['audit:inspect', 'archive:read-anchors', 'archive:write-anchors'],
};
