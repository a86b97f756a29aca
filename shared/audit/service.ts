/**
 * The inspectors' capability (issue 8) over injected deps: every call is read-only on the
 * applications and logs itself first (access-log.ts), so no read goes unrecorded.
 */
import type { DocumentStore } from '../aws/document-store';
import { createCursorCodec, fallbackCursorSecret } from '../applications/cursor';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { createAccessLog, type AccessLog } from './access-log';
import { listEvents, type EventFilters } from './events-query';
import { periodOf } from './period';
import type { TimingEventType } from './types';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AnchorStore } from './anchors';
import { fileAnchorStore, s3AnchorStore } from './anchor-store';
import { loadAuditConfig, type AuditConfig } from './config';
import { tamperMetricLine } from './tamper-metric';
import { findingsOf, verify, type Verification } from './verify';
import { recordFindings, storedFindings } from './tamper-findings';
import type { WorkingCalendar } from '../calendar';
import { anomaliesOf, anomalyKey, type Anomaly, type AnomalyKind, type AnomalyThresholds } from './anomalies';
import { factsOfApplications, submittedIn } from './facts-store';
import { factsFromRows, readWatermarkState, summaryFromDayRows } from './facts-rollup';
import { thresholdsFingerprint } from './thresholds';
import { anomalyPageFromIndex } from './anomaly-page';
import { reportFromSummary } from './day-summary';
import { timelinessReport, type TimelinessReport } from './timeliness';
import type { Period } from './period';
import { KMSClient } from '@aws-sdk/client-kms';
import { ValidationError } from '../errors';
import { signExport, type ExportFormat, type SignedExport } from './export';
import { kmsSigner, localEd25519Signer, type ExportSigner, type PublicKeyInfo } from './signer';
import type { InspectorEvent } from './events-query';

export interface AuditDeps {
  config: Pick<Config, 'auditTableName' | 'tableName' | 'cursorSecret'>;
  ddb: DocumentStore;
  s3: S3Client;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  calendar: WorkingCalendar;
}

/** How far before a period `resubmission` looks for the withdrawn or rejected application. */
const RESUBMISSION_LOOKBACK_DAYS = 31;

/** Replaceable parts (tests): the inspectors' config and where anchors and metric lines go. */
export interface AuditOptions {
  auditConfig?: AuditConfig;
  anchors?: AnchorStore;
  writeMetric?: (line: string) => void;
  thresholds?: AnomalyThresholds;
  signer?: ExportSigner;
  /** The largest export body (bytes); see EXPORT_MAX_BYTES. */
  exportMaxBytes?: number;
}

/**
 * Lambda returns at most 6 MB and API Gateway buffers the whole response, so an export is one
 * buffered body of at most this size; a longer period is refused (422 on `to`), to be split.
 */
export const EXPORT_MAX_BYTES = 5_000_000;
/** Events read per page while building an export. */
const EXPORT_PAGE = 100;

/** The signer the configuration names: the local Ed25519 key file, else the KMS key. */
export function signerOf(config: AuditConfig): ExportSigner {
  if (config.auditDir) return localEd25519Signer(config.auditDir);
  if (config.exportKeyArn) return kmsSigner(new KMSClient({}), config.exportKeyArn, config.exportKeySpec);
  throw new Error('audit: neither ONETHING_AUDIT_DIR (local) nor EXPORT_SIGNING_KEY_ARN (AWS) is set; exports cannot be signed');
}

/** The anchor store the configuration names: the local file, else the archive bucket. */
export function anchorStoreOf(deps: Pick<AuditDeps, 's3'>, config: AuditConfig): AnchorStore {
  if (config.auditDir) return fileAnchorStore(path.join(config.auditDir, 'anchors.ndjson'));
  if (config.archiveBucket) return s3AnchorStore(deps.s3, config.archiveBucket);
  throw new Error('audit: neither ONETHING_AUDIT_DIR (local) nor ARCHIVE_BUCKET (AWS) is set; anchors have nowhere to go');
}

export interface EventsQuery {
  applicationId?: string;
  department?: string;
  serviceId?: string;
  type?: TimingEventType;
  from?: string;
  to?: string;
  includeTests: boolean;
  limit: number;
  cursor?: string;
}

/** The query parameters of a read as logged: only those given, as text. */
const logged = (q: object): Record<string, string> =>
  Object.fromEntries(Object.entries(q).flatMap(([k, v]) => (v === undefined || k === 'cursor' ? [] : [[k, String(v)]])));

export function createAuditService(deps: AuditDeps, opts: AuditOptions = {}) {
  const tableName = deps.config.auditTableName;
  const auditConfig = opts.auditConfig ?? loadAuditConfig();
  let anchorStore = opts.anchors;
  const anchors = () => (anchorStore ??= anchorStoreOf(deps, auditConfig));
  let exportSigner = opts.signer;
  const signer = () => (exportSigner ??= signerOf(auditConfig));
  const writeMetric = opts.writeMetric ?? ((line: string) => void process.stdout.write(`${line}\n`));

  /**
   * Verifies, records what it finds as `tamper` anomalies (tamper-findings.ts) and raises the
   * tamper signal (metric + error log) when anything is found.
   */
  const verified = async (target: Parameters<typeof verify>[1]): Promise<Verification> => {
    const { firstAt, ...result } = await verify({ ddb: deps.ddb, tableName, anchors: anchors() }, target);
    if (!result.ok) {
      writeMetric(tamperMetricLine(deps.clock, result.broken.length));
      deps.logger.error('timing log tamper found', { broken: result.broken });
      await recordFindings(findingsDeps, findingsOf({ ...result, firstAt }), deps.clock.now());
    }
    return result;
  };
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));
  const accessLog: AccessLog = createAccessLog({ ddb: deps.ddb, clock: deps.clock, tableName });
  const who = (p: Principal) => ({ role: p.role, sub: p.sub });

  const auditTable = { ddb: deps.ddb, tableName };
  const findingsDeps = { ddb: deps.ddb, tableName: deps.config.tableName };
  const factsDeps = { ddb: deps.ddb, clock: deps.clock, auditTableName: tableName, tableName: deps.config.tableName };
  // The rolled-up rows plus the live tail (facts-rollup.ts); before the first rollup, every chain.
  const factsIn = async (period: Period, f: { includeTests: boolean; serviceId?: string }) =>
    (await factsFromRows(factsDeps, period, f)) ?? factsOfApplications(auditTable, await submittedIn(auditTable, period, f));

  return {
    accessLog,
    anchors,
    async timeliness(
      p: Principal,
      q: { from: string; to: string; serviceId?: string; department?: string; includeTests: boolean },
    ): Promise<TimelinessReport> {
      await accessLog.record({ who: who(p), route: 'get-timeliness-report', what: logged(q) });
      const period = periodOf(q.from, q.to)!;
      // Day rows + live tail (day-rows.ts); before the first rollup, every chain of the period.
      const summary = await summaryFromDayRows(factsDeps, period, q);
      if (summary) return reportFromSummary(summary, q, deps.clock.now());
      const apps = await factsOfApplications(auditTable, await submittedIn(auditTable, period, q));
      return timelinessReport(apps, q, deps.clock.now());
    },
    async anomalies(
      p: Principal,
      q: { from: string; to: string; kind?: AnomalyKind; department?: string; includeTests: boolean; limit: number; cursor?: string },
    ): Promise<{ items: Anomaly[]; nextCursor?: string }> {
      await accessLog.record({ who: who(p), route: 'list-anomalies', what: logged(q) });
      const list = {
        name: 'audit-anomalies',
        bindings: {
          who: p.sub,
          from: q.from,
          to: q.to,
          kind: q.kind ?? '',
          department: q.department ?? '',
          includeTests: String(q.includeTests),
        },
        partition: {},
        carried: ['k'],
      };
      const after = cursors.decode(q.cursor, list)?.k;
      const period = periodOf(q.from, q.to)!;
      const now = deps.clock.now();
      const thresholds = opts.thresholds ?? auditConfig.thresholds;
      // The index serves only the thresholds it was built with (its watermark says which); until
      // the rollup has rebuilt it for the configured ones, the list computes from the facts.
      const state = q.kind !== 'tamper' ? await readWatermarkState(factsDeps) : undefined;
      const mark = state?.thresholds === thresholdsFingerprint(thresholds) ? state : undefined;
      const watermark = mark?.upTo;
      const page = { ...q, ...(after !== undefined ? { after } : {}) };
      let found: Anomaly[];
      if (q.kind === 'tamper') found = [];
      else if (watermark !== undefined) {
        found = await anomalyPageFromIndex(
          { ...factsDeps, calendar: deps.calendar, thresholds, gen: mark!.gen },
          period,
          page,
          now,
          watermark,
        );
      } else {
        const apps = await factsIn(period, q);
        const lookback = periodOf(
          new Date(Date.parse(`${q.from}T00:00:00Z`) - RESUBMISSION_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10),
          q.to,
        )!;
        const history = q.kind === undefined || q.kind === 'resubmission' ? await factsIn(lookback, q) : [];
        found = anomaliesOf(apps, history, deps.calendar, now, thresholds);
      }
      // `tamper`: the stored findings of every verification (tamper-findings.ts); no live verify.
      if (q.kind === undefined || q.kind === 'tamper') found.push(...(await storedFindings(findingsDeps, period, page, now)));
      const matching = found
        .filter((a) => (q.kind === undefined || a.kind === q.kind) && (q.department === undefined || a.department === q.department))
        .sort((a, b) => (anomalyKey(a) < anomalyKey(b) ? -1 : anomalyKey(a) > anomalyKey(b) ? 1 : 0))
        .filter((a) => after === undefined || anomalyKey(a) > after);
      const items = matching.slice(0, q.limit);
      const more = matching.length > q.limit;
      return { items, ...(more ? { nextCursor: cursors.encode({ k: anomalyKey(items.at(-1)!) }, list) } : {}) };
    },
    async verify(p: Principal, q: { applicationId?: string; from?: string; to?: string }): Promise<Verification> {
      await accessLog.record({ who: who(p), route: 'verify-audit', what: logged(q) });
      if (q.applicationId !== undefined) return verified({ applicationId: q.applicationId });
      const period = periodOf(q.from ?? '', q.to ?? '');
      if (!period) throw new Error('verify: the edge passes an application or a valid period');
      return verified({ period });
    },
    /** Every event of the period, time-ordered, masked as in `events`, then digest + signature. */
    async export(p: Principal, q: { from: string; to: string; includeTests: boolean; format: ExportFormat }): Promise<SignedExport> {
      await accessLog.record({ who: who(p), route: 'export-audit', what: logged(q) });
      const period = periodOf(q.from, q.to)!;
      const maxBytes = opts.exportMaxBytes ?? EXPORT_MAX_BYTES;
      const events: InspectorEvent[] = [];
      let bytes = 0;
      let cursor: string | undefined;
      do {
        const page = await listEvents(
          { ddb: deps.ddb, tableName, cursors },
          p.sub,
          { includeTests: q.includeTests, period },
          {
            limit: EXPORT_PAGE,
            ...(cursor ? { cursor } : {}),
          },
        );
        for (const e of page.items) {
          bytes += Buffer.byteLength(JSON.stringify(e)) + 1;
          if (bytes > maxBytes)
            throw new ValidationError([
              { path: 'to', message: `The export would exceed ${maxBytes} bytes (${events.length}+ events): export a shorter period` },
            ]);
          events.push(e);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return signExport(events, q.format, q, signer());
    },
    async publicKey(p: Principal): Promise<PublicKeyInfo> {
      await accessLog.record({ who: who(p), route: 'get-audit-public-key', what: {} });
      return signer().publicKey();
    },
    async events(p: Principal, q: EventsQuery) {
      await accessLog.record({ who: who(p), route: 'list-audit-events', what: logged(q) });
      const period = q.from !== undefined && q.to !== undefined ? periodOf(q.from, q.to) : undefined;
      const filters: EventFilters = {
        includeTests: q.includeTests,
        ...(q.applicationId !== undefined ? { applicationId: q.applicationId } : {}),
        ...(q.department !== undefined ? { department: q.department } : {}),
        ...(q.serviceId !== undefined ? { serviceId: q.serviceId } : {}),
        ...(q.type !== undefined ? { type: q.type } : {}),
        ...(period ? { period } : {}),
      };
      return listEvents({ ddb: deps.ddb, tableName, cursors }, p.sub, filters, {
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
