/** The key prefix of every derived inspectors' row in the main table (fact rows, day rows, anomaly index): one IAM condition covers them all. */
export const FACTS_PREFIX = 'AUDITFACTS';
