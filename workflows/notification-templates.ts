/**
 * The texts of the citizen's notifications (消息通知 / 站内信, 短信), zh first in the words of
 * the team handbook's GLOSSARY.md, en second. A service definition may replace any of them
 * (`notificationTemplates`); these are the platform's. A leaf module like defaults.ts: it
 * imports nothing but types, so shared/notifications may import it.
 */
import type { LocalizedName } from './types';

export const NOTIFICATION_KINDS = [
  'supplement-requested',
  'supplement-received',
  'department-decision',
  'result',
  'overdue-apology',
  'withdrawal-confirmed',
  'evaluation-invitation',
  'follow-up',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Kinds that also go out as SMS: what the applicant must act on or has waited for. A
 * department's own decision and the receipt of a supplement stay in-app (one SMS per
 * department of an 8-department service would be noise; the result follows anyway).
 */
export const SMS_KINDS: readonly NotificationKind[] = [
  'supplement-requested',
  'result',
  'overdue-apology',
  'withdrawal-confirmed',
  'evaluation-invitation',
  'follow-up',
];

export interface NotificationText {
  title: LocalizedName;
  body: LocalizedName;
}

/** What a template may say; each kind reads the facts its event carries. */
export interface NotificationFacts {
  service: LocalizedName;
  applicationId: string;
  department?: LocalizedName;
  decision?: 'approve' | 'reject';
  outcome?: 'approved' | 'rejected' | 'failed';
  /** The rejecting officer's reasons (审核意见), as written. */
  reasons?: string;
  /** Every missing item of a supplement request (一次性告知). */
  missing?: Array<{ item: LocalizedName; reason: string }>;
  /** A due instant (the END of a working day, docs/CALENDAR.md). */
  dueAt?: string;
  /** Overdue: the instant the platform now expects the decision by. */
  expectedBy?: string;
  /** A bad review's follow-up note. */
  note?: string;
}

export type NotificationTemplates = Record<NotificationKind, (facts: NotificationFacts) => NotificationText>;

const CST_OFFSET_MS = 8 * 3600_000;

/**
 * The CST day a due instant closes (`2026-10-13T16:00:00Z` is 10/14 00:00 CST: the day shown
 * is 10月13日, GLOSSARY.md "Dates").
 */
export function dueDay(dueAt: string): LocalizedName {
  const d = new Date(Date.parse(dueAt) - 1 + CST_OFFSET_MS);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return { zh: `${y}年${m}月${day}日`, en: `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const name = (n: LocalizedName | undefined): LocalizedName => n ?? { zh: '相关部门', en: 'the department' };

export const DEFAULT_NOTIFICATION_TEMPLATES: NotificationTemplates = {
  'supplement-requested': (f) => {
    const dept = name(f.department);
    const items = f.missing ?? [];
    return {
      title: { zh: `【${f.service.zh}】需补正材料`, en: `${f.service.en}: supplement required` },
      body: {
        zh: `${dept.zh}一次性告知您需补正以下事项（共${items.length}项）：${items.map((m, i) => `${i + 1}. ${m.item.zh}：${m.reason}`).join('；')}。补正期间不计入办理时限，请在“办理进度”中提交补正材料。`,
        en: `${dept.en} needs the following, listed all at once (${items.length}): ${items.map((m, i) => `${i + 1}. ${m.item.en}: ${m.reason}`).join('; ')}. The time limit is suspended until you provide them.`,
      },
    };
  },
  'supplement-received': (f) => {
    const dept = name(f.department);
    const due = f.dueAt ? dueDay(f.dueAt) : undefined;
    return {
      title: { zh: `【${f.service.zh}】补正材料已收到`, en: `${f.service.en}: supplement received` },
      body: {
        zh: `${dept.zh}已收到您的补正材料，继续办理${due ? `，应办结时间：${due.zh}（含）前办结` : ''}。`,
        en: `${dept.en} received your supplement and resumes the review${due ? `; due by the end of ${due.en}` : ''}.`,
      },
    };
  },
  'department-decision': (f) => {
    const dept = name(f.department);
    const approved = f.decision === 'approve';
    return {
      title: {
        zh: `【${f.service.zh}】${dept.zh}${approved ? '审核通过' : '不予通过'}`,
        en: `${f.service.en}: ${dept.en} ${approved ? 'approved' : 'did not approve'}`,
      },
      body: approved
        ? {
            zh: `${dept.zh}已审核通过您的申请，其他部门仍在并联审批中。`,
            en: `${dept.en} approved its part; the other departments are still reviewing.`,
          }
        : {
            zh: `${dept.zh}不予通过，理由：${f.reasons ?? '见办理结果'}。`,
            en: `${dept.en} did not approve. Reasons: ${f.reasons ?? 'see the result'}.`,
          },
    };
  },
  result: (f) => {
    const text = {
      approved: { zh: '已办结（准予），审批通过。', en: 'Completed: approved.' },
      rejected: {
        zh: `不予许可${f.department ? `（${f.department.zh}）` : ''}${f.reasons ? `，理由：${f.reasons}` : ''}。`,
        en: `Not approved${f.department ? ` (${f.department.en})` : ''}${f.reasons ? `. Reasons: ${f.reasons}` : ''}.`,
      },
      failed: {
        zh: '系统处理出现故障，申请已终止。请重新提交申请，或联系窗口工作人员。',
        en: 'A system fault stopped the processing; please submit again or contact the service desk.',
      },
    }[f.outcome ?? 'approved'];
    return {
      title: { zh: `【${f.service.zh}】办理结果`, en: `${f.service.en}: result` },
      body: { zh: `您的申请${text.zh}`, en: `Your application: ${text.en}` },
    };
  },
  'overdue-apology': (f) => {
    const dept = name(f.department);
    const by = f.expectedBy ? dueDay(f.expectedBy) : undefined;
    return {
      title: { zh: `【${f.service.zh}】${dept.zh}环节已超期`, en: `${f.service.en}: ${dept.en} is overdue` },
      body: {
        zh: `很抱歉，${dept.zh}未能在办理时限内办结，已督促加快办理${by ? `，预计${by.zh}（含）前办结` : ''}。`,
        en: `We apologise: ${dept.en} did not decide within the time limit. It has been urged to act${by ? `; expected by the end of ${by.en}` : ''}.`,
      },
    };
  },
  'withdrawal-confirmed': (f) => ({
    title: { zh: `【${f.service.zh}】已撤回`, en: `${f.service.en}: withdrawn` },
    body: { zh: '您的申请已撤回，各部门的办理已终止。', en: "Your application is withdrawn; every department's task has ended." },
  }),
  'evaluation-invitation': (f) => ({
    title: { zh: `【${f.service.zh}】请您评价（好差评）`, en: `${f.service.en}: please rate the service` },
    body: {
      zh: '您的事项已办结，欢迎对本次办理进行评价：非常满意、满意、基本满意、不满意、非常不满意。',
      en: 'Your matter is completed. Please rate it: very satisfied, satisfied, fairly satisfied, dissatisfied, very dissatisfied.',
    },
  }),
  'follow-up': (f) => ({
    title: { zh: `【${f.service.zh}】差评回访整改`, en: `${f.service.en}: follow-up of your review` },
    body: {
      zh: `${name(f.department).zh}对您的评价作出回复：${f.note ?? ''}`,
      en: `${name(f.department).en} answered your review: ${f.note ?? ''}`,
    },
  }),
};
