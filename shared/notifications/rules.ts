/**
 * Which timing-log events notify the applicant, and with what (docs/API.md "Notifications").
 * Pure: everything comes from the event, the application's record and its service definition,
 * so rebuilding the notices of a stored event gives the same notices again.
 */
import type { TimingEvent } from '../audit/types';
import type { WorkingCalendar } from '../calendar';
import type { ApplicationRecord, TaskRecord } from '../applications/records';
import type { LocalizedName, ServiceDefinition } from '../../workflows/types';
import type { NotificationFacts, NotificationKind } from '../../workflows/notification-templates';

export interface Notice {
  kind: NotificationKind;
  facts: NotificationFacts;
}

/** Event types that may notify; the rest are skipped without reading anything. */
export const NOTIFYING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'supplement-requested',
  'supplement-provided',
  'decided',
  'overdue',
  'withdrawn',
  'completed',
  'failed',
  'followed-up',
]);

/** The decision is expected by the end of the working day after the overdue event (the apology's promise). */
export const OVERDUE_EXPECTATION_WORKING_DAYS = 1;

export interface NoticeInput {
  event: TimingEvent;
  app: Pick<ApplicationRecord, 'id'>;
  tasks: readonly TaskRecord[];
  def: ServiceDefinition;
  calendar: WorkingCalendar;
  /** The answer of a followed-up bad review (its text is on the evaluation, not in the event). */
  followUpNote?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function noticesFor({ event, app, tasks, def, calendar, followUpNote }: NoticeInput): Notice[] {
  const deptName = (id: string | undefined): LocalizedName | undefined => def.departments.find((d) => d.id === id)?.name;
  const base: NotificationFacts = { service: def.name, applicationId: app.id };
  const detail = event.detail ?? {};
  const dept = deptName(event.department);
  const withDept = dept ? { ...base, department: dept } : base;
  switch (event.type) {
    case 'supplement-requested': {
      const missing = Array.isArray(detail.missing) ? (detail.missing as Array<Record<string, unknown>>) : [];
      return [
        {
          kind: 'supplement-requested',
          facts: {
            ...withDept,
            missing: missing.map((m) => ({ item: itemName(def, m), reason: str(m.reason) ?? '' })),
          },
        },
      ];
    }
    case 'supplement-provided':
      return [{ kind: 'supplement-received', facts: { ...withDept, ...(event.dueAt ? { dueAt: event.dueAt } : {}) } }];
    case 'decided': {
      const decision = detail.decision;
      if (decision !== 'approve' && decision !== 'reject') return [];
      const reasons = str(detail.comment);
      return [{ kind: 'department-decision', facts: { ...withDept, decision, ...(decision === 'reject' && reasons ? { reasons } : {}) } }];
    }
    case 'overdue': {
      const expectedBy = calendar.dueAt(new Date(event.at), OVERDUE_EXPECTATION_WORKING_DAYS).dueAt.toISOString();
      return [{ kind: 'overdue-apology', facts: { ...withDept, expectedBy } }];
    }
    case 'withdrawn':
      return [{ kind: 'withdrawal-confirmed', facts: base }];
    case 'failed':
      return [{ kind: 'result', facts: { ...base, outcome: 'failed' } }];
    case 'completed': {
      const outcome = detail.outcome === 'rejected' ? 'rejected' : 'approved';
      const by = str(detail.rejectedBy);
      const reasons = tasks.find((t) => t.department === by)?.comment;
      const byName = deptName(by);
      const result: Notice = {
        kind: 'result',
        facts: { ...base, outcome, ...(byName ? { department: byName } : {}), ...(outcome === 'rejected' && reasons ? { reasons } : {}) },
      };
      return [result, { kind: 'evaluation-invitation', facts: base }];
    }
    case 'followed-up':
      return [{ kind: 'follow-up', facts: { ...withDept, ...(followUpNote ? { note: followUpNote } : {}) } }];
    default:
      return [];
  }
}

/** A missing item as the applicant reads it: the material's name, or the form field's path. */
function itemName(def: ServiceDefinition, m: Record<string, unknown>): LocalizedName {
  const material = def.materials.find((x) => x.id === m.materialId);
  if (material) return material.name;
  const label = str(m.field) ?? str(m.materialId) ?? '';
  return { zh: `表单项 ${label}`, en: `form field ${label}` };
}
