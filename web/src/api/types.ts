/**
 * Names for the API's shapes. Those the API serves today come from the generated
 * `schema.d.ts` (npm run web:api-types). The inspector, official, evaluation and notification
 * endpoints are being built in parallel against ../shared/docs/HTTP-API.md; their shapes below
 * are that contract's, and move to generated aliases once those endpoints are in the contract.
 */
import type { components } from './schema';

type S = components['schemas'];
export type ServiceSummary = S['ServiceSummary'];
export type ServiceDetail = S['ServiceDetail'];
export type Material = ServiceDetail['materials'][number];
export type ApplicationSummary = S['ApplicationSummary'];
export type ApplicationView = S['ApplicationView'];
export type ApplicationStatus = ApplicationView['status'];
export type BranchView = S['BranchView'];
export type BranchStatus = BranchView['status'];
export type TimelineEntry = S['TimelineEntry'];
export type MissingItem = S['MissingItem'];
export type TaskSummary = S['TaskSummary'];
export type TaskDetail = S['TaskDetail'];
export type DecisionRequest = S['DecisionRequest'];
export type ApplicationAccepted = S['ApplicationAccepted'];
export type LocalizedName = S['LocalizedName'];

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

// ---- From HTTP-API.md, not yet in the generated contract (see the header). ----

export interface Stats {
  avg: number | null;
  p50: number | null;
  p90: number | null;
}
export interface Figures {
  applications: number;
  completed: number;
  withdrawn: number;
  inProgress: number;
  completionRate: number | null;
  completedOnTime: number;
  onTimeRate: number | null;
  handlingMinutes: Stats;
  evaluations: number;
  badReviews: number;
  satisfactionRate: number | null;
}
export interface TimelinessReport {
  from: string;
  to: string;
  generatedAt: string;
  includeTests: boolean;
  totals: Figures;
  byService: Array<{ serviceId: string } & Figures>;
  byDepartment: Array<{
    department: string;
    tasks: number;
    decided: number;
    decidedOnTime: number;
    overdueOpen: number;
    onTimeRate: number | null;
    handlingMinutes: Stats;
    workingDaysUsed: Stats;
  }>;
}
export type AnomalyKind =
  'overdue' | 'repeated-supplement' | 'rubber-stamp' | 'off-hours' | 'resubmission' | 'bad-review-unanswered' | 'tamper';
export interface Anomaly {
  kind: AnomalyKind;
  applicationId: string;
  department?: string;
  at: string;
  detail: Record<string, unknown>;
}
export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: Array<{ applicationId: string; seq?: number; reason: string }>;
}
export interface AuditEvent {
  applicationId: string;
  seq: number;
  at: string;
  type: string;
  department?: string;
  actor: { role: string; sub: string };
  dueAt?: string;
  workingDaysUsed?: number;
  detail?: Record<string, unknown>;
  walkthrough: boolean;
  hash: string;
}
export interface Finding {
  id: string;
  text: string;
  severity: 'low' | 'medium' | 'high';
  department?: string;
  createdAt: string;
  rectifiedAt?: string;
  rectification?: string;
}
export interface WalkthroughStep {
  department: string;
  openedAt: string;
  decidedAt?: string;
  limitWorkingDays: number;
  workingDaysUsed: number;
  elapsedMinutes: number;
  withinLimit: boolean;
  supplementRounds: number;
}
export interface Walkthrough {
  id: string;
  serviceId: string;
  mode: 'live' | 'probe';
  status: string;
  startedAt: string;
  completedAt?: string;
  applicationId: string;
  burden: { formFields: number; requiredMaterials: number; replacedBySharedData: number; uploadsNeeded: number };
  steps: WalkthroughStep[];
  findings: Finding[];
}
export interface ProbeSchedule {
  serviceId: string;
  everyHours: number;
  enabled: boolean;
  lastRun?: { walkthroughId: string; status: string; at: string };
}
export interface Notification {
  id: string;
  at: string;
  kind: string;
  applicationId: string;
  title: LocalizedName;
  body: LocalizedName;
  read: boolean;
}
export interface EvaluationRequest {
  level: 1 | 2 | 3 | 4 | 5;
  dimensions?: { efficiency: number; guidance: number; convenience: number; usability: number };
  comment?: string;
}
