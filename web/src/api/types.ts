/**
 * Names for the API's shapes, all taken from the generated `schema.d.ts` (npm run
 * web:api-types, from the server's OpenAPI document): a change of the contract fails the web
 * typecheck instead of drifting from a copy.
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

// Inspectors (issue 8).
export type TimelinessReport = S['GetTimelinessReportResponse'];
export type Figures = TimelinessReport['totals'];
export type Stats = Figures['handlingMinutes'];
export type Anomaly = S['ListAnomaliesResponse']['items'][number];
export type AnomalyKind = Anomaly['kind'];
export type VerifyResult = S['VerifyAuditResponse'];
export type AuditEvent = S['ListAuditEventsResponse']['items'][number];

// Officials' walk-throughs and probes (issue 11).
export type Walkthrough = S['GetWalkthroughResponse'];
export type WalkthroughStep = Walkthrough['steps'][number];
export type Finding = Walkthrough['findings'][number];
export type ProbeSchedule = S['ListProbesResponse']['items'][number];

// The citizen loop (issue 12).
export type Notification = S['ListNotificationsResponse']['items'][number];
export type EvaluationRequest = S['EvaluateApplicationRequest'];
