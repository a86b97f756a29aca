/**
 * Anomaly thresholds as configuration (shared/audit/thresholds.ts) on the real store: the index
 * remembers the thresholds it was built with (a watermark without a fingerprint = the defaults,
 * as in data folders built before); other configured thresholds take the exact path until the
 * rollup has rebuilt the index for them (a new generation), then the index serves them; a
 * rebuild stopped half-way leaves the old index serving its own thresholds and resumes.
 */
import { QueryCommand, UpdateCommand } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { writeEvents } from '../support/audit-log';
import { generate, NOW } from '../../unit/shared/audit/generated-logs';
import { readWatermarkState, rollUpFacts } from '../../../shared/audit/facts-rollup';
import { anomalyPartition } from '../../../shared/audit/anomaly-rows';
import { DEFAULT_THRESHOLDS, type Anomaly, type AnomalyThresholds } from '../../../shared/audit/anomalies';
import { DEFAULT_FINGERPRINT, thresholdsFingerprint } from '../../../shared/audit/thresholds';
import { createAuditService } from '../../../shared/audit/service';

const CUSTOM: AnomalyThresholds = { ...DEFAULT_THRESHOLDS, rubberStampSeconds: 3600, workdayStartMinute: 9 * 60 + 30 };
const PERIOD = { from: '2026-03-01', to: '2026-04-30' };

let t: TestRuntime;
const deps = () => ({
  ddb: t.runtime.deps.ddb,
  auditTableName: t.runtime.deps.config.auditTableName,
  tableName: t.runtime.deps.config.tableName,
  calendar: t.runtime.deps.calendar,
  clock: t.runtime.clock,
});

/** Every anomaly of the period but `tamper`, all pages, as a service configured with `thresholds` lists them. */
async function listed(thresholds: AnomalyThresholds): Promise<Anomaly[]> {
  const service = createAuditService(
    { ...t.runtime.deps, logger: { error: () => undefined } },
    { auditConfig: { auditDir: t.dataDir, anchorEveryHours: 24, exportKeySpec: 'ECC_NIST_P256', thresholds } },
  );
  const out: Anomaly[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.anomalies(
      { role: 'inspector', sub: 'ins-thresholds' },
      { ...PERIOD, includeTests: true, limit: 50, ...(cursor ? { cursor } : {}) },
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const itemsIn = async (pk: string) =>
  (
    await t.runtime.deps.ddb.send(
      new QueryCommand({ TableName: deps().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
    )
  ).Items ?? [];

let exactDefault: Anomaly[];
let exactCustom: Anomaly[];

beforeAll(async () => {
  t = await startTestRuntime({ clockStart: NOW.toISOString(), factsRollupEveryMs: 0 });
  await writeEvents(deps().ddb, deps().auditTableName, generate(80, 23).flat());
  // Before any rollup both lists are computed from the chains: the exact references.
  exactDefault = await listed(DEFAULT_THRESHOLDS);
  exactCustom = await listed(CUSTOM);
}, 300_000);
afterAll(() => t.close());

test('the thresholds matter on these logs', () => {
  const count = (xs: Anomaly[], kind: string) => xs.filter((a) => a.kind === kind).length;
  expect(count(exactCustom, 'rubber-stamp')).toBeGreaterThan(count(exactDefault, 'rubber-stamp'));
  expect(count(exactCustom, 'off-hours')).toBeGreaterThan(count(exactDefault, 'off-hours'));
});

test('an index built before thresholds were configurable (no fingerprint) serves the defaults; others take the exact path', async () => {
  await rollUpFacts(deps());
  // As a data folder of the previous version left it: a watermark without `thr`.
  await deps().ddb.send(
    new UpdateCommand({ TableName: deps().tableName, Key: { pk: 'AUDITFACTS', sk: 'WATERMARK' }, UpdateExpression: 'REMOVE thr' }),
  );
  expect(await readWatermarkState(deps())).toMatchObject({ thresholds: DEFAULT_FINGERPRINT, gen: 0 });
  expect(await listed(DEFAULT_THRESHOLDS)).toEqual(exactDefault);
  expect(await listed(CUSTOM)).toEqual(exactCustom);
});

test('the rollup rebuilds the index for the configured thresholds into a new generation, which then serves them', async () => {
  await rollUpFacts(deps(), { thresholds: CUSTOM });
  const state = await readWatermarkState(deps());
  expect(state).toMatchObject({ thresholds: thresholdsFingerprint(CUSTOM), gen: 1 });
  expect((await itemsIn(anomalyPartition(1, 'rubber-stamp', '2026-03'))).length).toBeGreaterThan(0);
  expect(await listed(CUSTOM)).toEqual(exactCustom);
  // The defaults are no longer what the index holds: exact path, same answer as before.
  expect(await listed(DEFAULT_THRESHOLDS)).toEqual(exactDefault);
});

test('a rebuild stopped half-way keeps the old generation serving, and the next run finishes it', async () => {
  let months = 0;
  await rollUpFacts(deps(), { thresholds: DEFAULT_THRESHOLDS, shouldContinue: () => months++ < 2 });
  const stopped = await readWatermarkState(deps());
  expect(stopped).toMatchObject({ thresholds: thresholdsFingerprint(CUSTOM), gen: 1 });
  expect(await listed(CUSTOM)).toEqual(exactCustom);
  expect(await listed(DEFAULT_THRESHOLDS)).toEqual(exactDefault);
  await rollUpFacts(deps(), { thresholds: DEFAULT_THRESHOLDS });
  expect(await readWatermarkState(deps())).toMatchObject({ thresholds: DEFAULT_FINGERPRINT, gen: 2 });
  expect(await listed(DEFAULT_THRESHOLDS)).toEqual(exactDefault);
  expect(await listed(CUSTOM)).toEqual(exactCustom);
});
