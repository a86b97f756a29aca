/**
 * `npm run bench:audit` (issue 8 "Scale"): a city's year of timing-log events written straight
 * into the real store (the embedded runtime's dynalite on a temporary data folder), the fact
 * rows rolled up, then the inspectors' answers timed:
 *   - the timeliness report over the whole year (service path: rows + live tail), REPORT_RUNS times;
 *   - the anomaly list over the whole year, same count: kind=overdue, the UNFILTERED list (every
 *     kind, stored tamper findings merged) and kind=tamper (the stored findings only: no list
 *     re-hashes the log), each its first page of 100;
 *   - verify throughput (events/s) over a sample month of hashed chains.
 *   - the same report by the previous path (one fact row per application + tail), OLD_RUNS
 *     times interleaved with as many day-row runs (the machine is shared: compare side by side),
 *     and the two results compared (they must be equal).
 *   BENCH_EVENTS=<n> events (default 1,000,000); REPORT_RUNS=<n> (default 20); ANOMALY_RUNS
 *   (default REPORT_RUNS); OLD_RUNS (default 3, 0 skips); WRITE_PARALLEL (BatchWrites in flight, default 8).
 *   BENCH_DATA_DIR=<dir> keeps the data folder: a first run writes and rolls up there, a later
 *   run with the same folder finds `bench-audit.json` and only times the answers (a 1M year
 *   takes ~an hour to write and roll up on 2 cores; its answers can be re-timed on a quiet machine).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRuntime } from '../local/runtime';
import { hashEvent, GENESIS_HASH } from '../shared/audit/chain';
import { factsFromRows, rollUpFacts } from '../shared/audit/facts-rollup';
import { timelinessReport } from '../shared/audit/timeliness';
import type { LoggedEvent } from '../shared/audit/facts';
import { periodOf } from '../shared/audit/period';
import { createAuditService } from '../shared/audit/service';
import { DEFAULT_THRESHOLDS } from '../shared/audit/anomalies';
import { verify } from '../shared/audit/verify';
import { writeEvents } from '../test/integration/support/audit-log';
import { generate, rng } from '../test/unit/shared/audit/generated-logs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.REPORT_RUNS ?? 20);
const ANOMALY_RUNS = Number(process.env.ANOMALY_RUNS ?? RUNS);
const OLD_RUNS = Number(process.env.OLD_RUNS ?? 3);
const WRITE_PARALLEL = Number(process.env.WRITE_PARALLEL ?? 8);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const DAY_MS = 86_400_000;
const YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
/** The generator's logs start on 2026-03-02; each chain is moved to a day of 2025. */
const GENERATOR_T0 = Date.parse('2026-03-02T00:00:00.000Z');
const NOW = '2026-01-20T02:00:00.000Z';

const shiftIso = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** One chunk of chains moved into 2025, with city-sized ids and applicants, hashed as the store hashes. */
function chunk(index: number, apps: number) {
  const r = rng(1000 + index);
  const out: Array<LoggedEvent & Record<string, unknown>> = [];
  for (const chain of generate(apps, index + 1)) {
    const shift = YEAR_START - GENERATOR_T0 + Math.floor(r() * 340) * DAY_MS;
    const id = `A${String(index).padStart(6, '0')}${chain[0]!.applicationId.slice(-20)}`;
    const applicant = `citizen-${Math.floor(r() * 60_000)}`;
    let prevHash = GENESIS_HASH;
    for (const e of chain) {
      const detail =
        e.type === 'due-moved' && e.detail
          ? { ...e.detail, from: shiftIso(e.detail.from as string, shift), to: shiftIso(e.detail.to as string, shift) }
          : e.detail;
      const unhashed = {
        ...e,
        ...(detail ? { detail } : {}),
        key: `${e.type}:${e.department ?? ''}:${e.seq}`,
        applicationId: id,
        actor: e.type === 'submitted' ? { role: 'citizen', sub: applicant } : e.actor,
        at: shiftIso(e.at, shift),
        ...(e.dueAt ? { dueAt: shiftIso(e.dueAt, shift) } : {}),
        eventId: `${id}#${String(e.seq).padStart(10, '0')}`,
        prevHash,
      };
      prevHash = hashEvent(unhashed, prevHash);
      out.push({ ...unhashed, hash: prevHash });
    }
  }
  return out;
}

const pct = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]!;

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ p50: number; p99: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await work();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(pct(ms, 50)), p99: Math.round(pct(ms, 99)), last };
}

async function main() {
  const keep = process.env.BENCH_DATA_DIR;
  const dataDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-audit-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const markerFile = path.join(dataDir, 'bench-audit.json');
  const prepared = fs.existsSync(markerFile)
    ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as {
        events: number;
        applications: number;
        writeS: number;
        rollS: number;
        folds: number;
      })
    : undefined;
  const runtime = await startRuntime(
    {
      dataDir,
      host: '127.0.0.1',
      ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
      clockStart: new Date(NOW),
      region: 'us-east-1',
      accountId: '000000000000',
      partition: 'aws',
    },
    // No timers: the bench's own rollup must not race the runtime's (the watermark would refuse one).
    { reconcileEveryMs: 0, factsRollupEveryMs: 0, probeEveryMs: 0, smsEveryMs: 0, evaluationCheckEveryMs: 0 },
  );
  try {
    const { deps } = runtime;
    const auditTableName = deps.config.auditTableName;
    const line = (s: string) => console.log(s);
    line(`bench:audit — ${EVENTS} events, node ${process.version}, ${os.cpus().length} cores, data in ${dataDir}`);

    if (prepared) {
      line(
        `reusing ${dataDir}: ${prepared.events} events of ${prepared.applications} applications (written in ${prepared.writeS.toFixed(0)} s, ${prepared.folds} folds rolled up in ${prepared.rollS.toFixed(0)} s by the run that prepared it)`,
      );
    } else {
      let written = 0;
      let applications = 0;
      const w0 = performance.now();
      for (let i = 0; written < EVENTS; i++) {
        const events = chunk(i, 2000).slice(0, EVENTS - written);
        applications += new Set(events.map((e) => e.applicationId)).size;
        await writeEvents(deps.ddb, auditTableName, events, WRITE_PARALLEL);
        written += events.length;
      }
      const writeS = (performance.now() - w0) / 1000;
      line(
        `write: ${written} events of ${applications} applications in ${writeS.toFixed(0)} s (${Math.round(written / writeS)} events/s, ${WRITE_PARALLEL} BatchWrites in flight), load ${load()}`,
      );

      const r0 = performance.now();
      // The runtime's rollup timer is off; should another rollup still step in (the watermark's
      // condition refuses one of two concurrent steps), the bench continues from the new watermark.
      let rolled: Awaited<ReturnType<typeof rollUpFacts>> | undefined;
      while (!rolled) {
        try {
          rolled = await rollUpFacts(
            { ddb: deps.ddb, clock: runtime.clock, calendar: deps.calendar, auditTableName, tableName: deps.config.tableName },
            { parallel: 8 },
          );
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
      const rollS = (performance.now() - r0) / 1000;
      line(`rollup: ${rolled.applications} applications folded in ${rollS.toFixed(0)} s, watermark ${rolled.upTo}, load ${load()}`);
      fs.writeFileSync(markerFile, JSON.stringify({ events: written, applications, writeS, rollS, folds: rolled.applications }));
    }

    const service = createAuditService(deps, {
      auditConfig: { auditDir: dataDir, anchorEveryHours: 24, exportKeySpec: 'ECC_NIST_P256', thresholds: DEFAULT_THRESHOLDS },
    });
    const inspector = { role: 'inspector' as const, sub: 'bench-inspector' };
    const year = { from: '2025-01-01', to: '2025-12-31', includeTests: false };
    const report = await timed(RUNS, () => service.timeliness(inspector, year));
    line(
      `report (year, ${report.last.totals.applications} applications, ${report.last.byDepartment.length} departments): p50 ${report.p50} ms, p99 ${report.p99} ms (${RUNS} runs), load ${load()}`,
    );
    if (OLD_RUNS > 0) {
      // The previous path (one fact row per application), interleaved with the day rows.
      const factsDeps = { ddb: deps.ddb, clock: runtime.clock, auditTableName, tableName: deps.config.tableName };
      const period = periodOf(year.from, year.to)!;
      const oldMs: number[] = [];
      const newMs: number[] = [];
      let same = true;
      for (let i = 0; i < OLD_RUNS; i++) {
        const t0 = performance.now();
        const fresh = await service.timeliness(inspector, year);
        const t1 = performance.now();
        const old = timelinessReport((await factsFromRows(factsDeps, period, year))!, year, runtime.clock.now());
        const t2 = performance.now();
        newMs.push(t1 - t0);
        oldMs.push(t2 - t1);
        const { generatedAt: _a, ...a } = fresh;
        const { generatedAt: _b, ...b } = old;
        same &&= JSON.stringify(a) === JSON.stringify(b);
      }
      const med = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!);
      line(
        `report side by side (${OLD_RUNS} interleaved pairs): day rows median ${med(newMs)} ms, per-application rows median ${med(oldMs)} ms, results equal: ${same}, load ${load()}`,
      );
    }
    const anomalies = await timed(ANOMALY_RUNS, () => service.anomalies(inspector, { ...year, kind: 'overdue', limit: 100 }));
    line(
      `anomalies (year, kind=overdue, first page of 100): p50 ${anomalies.p50} ms, p99 ${anomalies.p99} ms (${ANOMALY_RUNS} runs), load ${load()}`,
    );
    const unfiltered = await timed(ANOMALY_RUNS, () => service.anomalies(inspector, { ...year, limit: 100 }));
    line(
      `anomalies (year, unfiltered, first page of 100: ${unfiltered.last.items.length} items): p50 ${unfiltered.p50} ms, p99 ${unfiltered.p99} ms (${ANOMALY_RUNS} runs), load ${load()}`,
    );
    const tamper = await timed(ANOMALY_RUNS, () => service.anomalies(inspector, { ...year, kind: 'tamper', limit: 100 }));
    line(
      `anomalies (year, kind=tamper, first page of 100: ${tamper.last.items.length} stored findings): p50 ${tamper.p50} ms, p99 ${tamper.p99} ms (${ANOMALY_RUNS} runs), load ${load()}`,
    );

    const sample = periodOf('2025-06-01', '2025-06-30')!;
    const v0 = performance.now();
    const checked = await verify(
      {
        ddb: deps.ddb,
        tableName: auditTableName,
        anchors: { list: () => Promise.resolve([]), append: () => Promise.resolve(), location: 'none' },
      },
      { period: sample },
    );
    const verifyS = (performance.now() - v0) / 1000;
    line(
      `verify (sample: chains with events in June 2025, no anchors): ${checked.checked} events of ${checked.chains} chains in ${verifyS.toFixed(1)} s = ${Math.round(checked.checked / verifyS)} events/s, ok ${checked.ok}, load ${load()}`,
    );
  } finally {
    await runtime.close();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
