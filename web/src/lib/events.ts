/** One timeline line in words: the event type in the glossary's terms, with its department. */
import type { TimelineEntry } from '../api/types';
import { t, type MessageKey } from '../i18n';

const KNOWN = new Set([
  'submitted',
  'branch-opened',
  'decided',
  'due-moved',
  'overdue',
  'supplement-requested',
  'supplement-provided',
  'supplement-expired',
  'cancelled',
  'completed',
  'withdrawn',
  'failed',
  'evaluated',
  'followed-up',
]);

export function eventText(e: TimelineEntry, deptName: (id: string) => string): string {
  const what = KNOWN.has(e.type) ? t(`event.${e.type}` as MessageKey) : e.type;
  const decision =
    e.type === 'decided' && typeof e.detail?.decision === 'string' ? `（${t(`decision.${e.detail.decision as 'approve'}`)}）` : '';
  return `${e.department ? `${deptName(e.department)} ` : ''}${what}${decision}`;
}
