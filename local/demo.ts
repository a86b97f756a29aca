/**
 * `npm run demo`: one school enrolment end to end. Uses the platform at ONETHING_API_PORT when
 * one is running (`npm start`), otherwise starts an embedded runtime in a temporary folder.
 * The citizen submits once; the departments decide in parallel; one asks for a supplement
 * that the citizen provides; the dev clock moves past a warning; the timeline is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError, OneThingClient, sampleFileFor } from './client';
import { loadLocalConfig } from './config';
import { startRuntime } from './runtime';

const SERVICE = 'school-enrolment';
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16) + ' CST';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function connect(): Promise<{ api: OneThingClient; stop: () => Promise<void> }> {
  const config = loadLocalConfig();
  const url = `http://127.0.0.1:${config.ports.api}`;
  const health = await fetch(`${url}/healthz`).catch(() => undefined);
  if (health?.ok) {
    console.log(`Using the running platform at ${url}.`);
    return { api: new OneThingClient(url), stop: async () => {} };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-demo-'));
  const runtime = await startRuntime({
    ...config,
    dataDir,
    ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
    clockStart: config.clockStart ?? new Date('2026-09-30T02:00:00Z'),
  });
  console.log(`No platform at ${url}: started an embedded one in ${dataDir}.`);
  return {
    api: new OneThingClient(runtime.urls.api),
    stop: async () => {
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const { api, stop } = await connect();
  try {
    const service = await api.request('GET', `/v1/services/${SERVICE}`);
    console.log(
      `\n① ${service.name.zh} (${service.name.en}), version ${service.version}: ${service.departments.map((d: any) => `${d.name.zh} ${d.timeLimitWorkingDays}个工作日`).join(' / ')}`,
    );

    const citizen = await api.login({ role: 'citizen', sub: 'demo-parent' });
    const needed = service.materials.filter((m: any) => m.required && !m.replacedBySharedData);
    const materials = [];
    for (const m of needed) materials.push({ materialId: m.id, uploadId: await citizen.upload(SERVICE, sampleFileFor(m)) });
    const replaced = service.materials.filter((m: any) => m.replacedBySharedData).map((m: any) => m.name.zh ?? m.id);
    console.log(`② uploaded ${materials.length} material(s) once; replaced by shared data (数据多跑路): ${replaced.join('、') || 'none'}`);
    const { id } = await citizen.request(
      'POST',
      '/v1/applications',
      { serviceId: SERVICE, form: service.formSchema.examples[0], materials },
      { 'idempotency-key': `demo-${Date.now()}` },
    );
    console.log(`③ submitted ONE form: application ${id}`);

    const opened = await until('branches to open', async () => {
      const app = await citizen.request('GET', `/v1/applications/${id}`);
      return app.branches.every((b: any) => b.status === 'open') ? app : undefined;
    });
    for (const b of opened.branches) console.log(`   ${b.department.padEnd(18)} open, due ${cst(b.dueAt)}`);

    const officers = new Map<string, OneThingClient>();
    for (const d of service.departments) officers.set(d.id, await api.login({ role: 'officer', sub: `demo-${d.id}`, dept: d.id }));
    const taskOf = async (dept: string) =>
      until(`task of ${dept}`, async () => {
        const inbox = await officers.get(dept)!.request('GET', `/v1/departments/${dept}/tasks?status=open`);
        return inbox.items.find((t: any) => t.applicationId === id);
      });

    const [first, ...others] = service.departments.map((d: any) => d.id as string);
    const material = service.materials[0];
    await officers.get(first)!.request('POST', `/v1/tasks/${(await taskOf(first)).taskId}/decision`, {
      decision: 'request-supplement',
      comment: '请一次性补正以下材料',
      missing: [{ materialId: material.id, reason: '材料不清晰，请重新上传' }],
    });
    console.log(`④ ${first} asked for a supplement (一次性告知); the citizen takes 2 days`);
    await api.advanceClock(2 * 86_400);
    const uploadId = await citizen.upload(SERVICE, sampleFileFor(material));
    await citizen.request('POST', `/v1/applications/${id}/supplements`, {
      department: first,
      materials: [{ materialId: material.id, uploadId }],
      note: '已补正',
    });

    const app = await citizen.request('GET', `/v1/applications/${id}`);
    const warnIn =
      Math.max(...app.branches.map((b: any) => Date.parse(b.dueAt))) - Date.parse((await api.request('GET', '/v1/dev/clock')).now);
    const advance = Math.ceil((warnIn * 0.85) / 1000);
    const now = await api.advanceClock(advance);
    console.log(`⑤ dev clock moved ${Math.round(advance / 3600)} h to ${cst(now)}: past the warning threshold of the longest branch;`);
    console.log('   shorter branches are now past their due time: flagged overdue and escalated, their tasks stay open');

    for (const dept of [first, ...others]) {
      const task = await taskOf(dept);
      await officers.get(dept)!.request('POST', `/v1/tasks/${task.taskId}/decision`, { decision: 'approve', comment: '审核通过' });
    }
    const done = await until('the combined result', async () => {
      const a = await citizen.request('GET', `/v1/applications/${id}`);
      return a.status === 'approved' ? a : undefined;
    });
    console.log(`⑥ one result: ${done.status} at ${cst(done.completedAt)}\n\nTimeline (timing log, hash-chained):`);
    for (const e of done.timeline) {
      const used = e.workingDaysUsed === undefined ? '' : `  ${e.workingDaysUsed} working day(s) used`;
      console.log(`  ${cst(e.at)}  ${e.type.padEnd(21)} ${(e.department ?? '').padEnd(18)} ${e.actor.role}${used}`);
    }
    console.log('\nPer department:');
    for (const b of done.branches) {
      const limit = service.departments.find((d: any) => d.id === b.department).timeLimitWorkingDays;
      const used = done.timeline
        .filter((e: any) => e.department === b.department && e.workingDaysUsed !== undefined)
        .at(-1)?.workingDaysUsed;
      console.log(
        `  ${b.department.padEnd(18)} ${b.status.padEnd(9)} ${used ?? '?'} of ${limit} working days${b.overdue ? '  OVERDUE' : ''}`,
      );
    }

    // Closing the loop (issue 12): the citizen's messages, an evaluation and its follow-up.
    const messages = await until('the invitation to evaluate', async () => {
      const page = await citizen.request('GET', '/v1/notifications?limit=100');
      const mine = page.items.filter((n: any) => n.applicationId === id);
      return mine.some((n: any) => n.kind === 'evaluation-invitation') ? mine.reverse() : undefined;
    });
    console.log(`\n⑦ the citizen's messages (站内信; SMS to the form's number as well, see sms-outbox.jsonl in the data folder):`);
    for (const n of messages) console.log(`  ${cst(n.at)}  ${n.title.zh}  ${n.body.zh.slice(0, 60)}${n.body.zh.length > 60 ? '…' : ''}`);
    const review = await citizen.request('POST', `/v1/applications/${id}/evaluation`, {
      level: 2,
      dimensions: { efficiency: 2, guidance: 3, convenience: 3, usability: 4 },
      comment: '补正来回两次，等待时间长',
    });
    console.log(
      `⑧ evaluation (好差评): level ${review.level} (不满意) → follow-up by the lead department due ${cst(review.followUp.dueAt)}`,
    );
    const lead = 'education'; // school-enrolment's leadDepartment (workflows/services/school-enrolment.ts)
    const answered = await officers.get(lead)!.request('POST', `/v1/evaluations/${review.id}/follow-up`, {
      note: '已电话回访，补正清单已合并为一次性告知',
    });
    console.log(`   ${lead} followed up at ${cst(answered.followUp.answeredAt)}: ${answered.followUp.note}`);
    const followUp = await until('the follow-up message', async () => {
      const page = await citizen.request('GET', '/v1/notifications?limit=5');
      return page.items.find((n: any) => n.kind === 'follow-up' && n.applicationId === id);
    });
    console.log(`   the citizen reads: ${followUp.title.zh} ${followUp.body.zh}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ApiError ? `${error.message}\n${JSON.stringify(error.problem, null, 2)}` : error);
  process.exit(1);
});
