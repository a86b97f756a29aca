/**
 * Every API handler by route name (functions/routes.ts), built from one set of services: the
 * local runtime serves these, so its handlers use its deps without any process-wide state.
 */
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../http/handler';
import type { HttpResult } from '../http/responses';
import { createCreateUploadHandler } from './create-upload';
import { createDecideTaskHandler } from './decide-task';
import { createGetApplicationHandler } from './get-application';
import { createGetMaterialLinkHandler } from './get-material-link';
import { createGetOpenApiHandler } from './get-openapi';
import { createGetServiceHandler } from './get-service';
import { createGetTaskHandler } from './get-task';
import { createHealthHandler } from './health';
import { createListApplicationsHandler } from './list-applications';
import { createListDepartmentTasksHandler } from './list-department-tasks';
import { createListServicesHandler } from './list-services';
import { createProvideSupplementHandler } from './provide-supplement';
import { createSubmitApplicationHandler } from './submit-application';
import { createWithdrawApplicationHandler } from './withdraw-application';
import type { ApiServices } from './services';
import { createAnswerWalkthroughSupplementHandler } from './answer-walkthrough-supplement';
import { createCreateFindingHandler } from './create-finding';
import { createCreateWalkthroughHandler } from './create-walkthrough';
import { createGetWalkthroughHandler } from './get-walkthrough';
import { createListProbesHandler } from './list-probes';
import { createListWalkthroughsHandler } from './list-walkthroughs';
import { createPutProbeHandler } from './put-probe';
import { createRectifyFindingHandler } from './rectify-finding';
import { createEvaluateApplicationHandler } from './evaluate-application';
import { createFollowUpEvaluationHandler } from './follow-up-evaluation';
import { createListEvaluationsHandler } from './list-evaluations';
import { createListNotificationsHandler } from './list-notifications';
import { createReadNotificationHandler } from './read-notification';
import { createAcceptEventHandler } from './events/accept-event';
import { createGetEventHandler } from './events/get-event';
import { createListDepartmentEventsHandler } from './events/list-department-events';
import { createRateEventHandler } from './events/rate-event';
import { createReplyEventHandler } from './events/reply-event';
import { createReturnEventHandler } from './events/return-event';
import { createSubmitEventHandler } from './events/submit-event';
import { createGetEventPhotoHandler } from './events/get-event-photo';
import { createAuditHandlers } from './audit/handlers';
import { loggingInspectorReads } from './audit/inspector-reads';

export type ApiHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export function createApiHandlers(s: ApiServices): Readonly<Record<string, ApiHandler>> {
  return {
    health: createHealthHandler(),
    'get-openapi': createGetOpenApiHandler(),
    'list-services': createListServicesHandler(s.catalog.catalog),
    'get-service': createGetServiceHandler((id) => s.catalog.getService(id)),
    'create-upload': createCreateUploadHandler(s.uploads),
    'submit-application': createSubmitApplicationHandler(s.applications),
    'list-applications': createListApplicationsHandler(s.applications),
    'get-application': loggingInspectorReads('get-application', createGetApplicationHandler(s.applications), () => s.audit().accessLog),
    'provide-supplement': createProvideSupplementHandler(s.applications),
    'withdraw-application': createWithdrawApplicationHandler(s.applications),
    'get-material-link': loggingInspectorReads(
      'get-material-link',
      createGetMaterialLinkHandler(s.applications),
      () => s.audit().accessLog,
    ),
    'list-department-tasks': createListDepartmentTasksHandler(s.tasks),
    'get-task': createGetTaskHandler(s.tasks),
    'decide-task': createDecideTaskHandler(s.tasks),
    // Walk-throughs, findings and probes (issue 11).
    'create-walkthrough': createCreateWalkthroughHandler(s.walkthroughs),
    'list-walkthroughs': createListWalkthroughsHandler(s.walkthroughs),
    'get-walkthrough': createGetWalkthroughHandler(s.walkthroughs),
    'answer-walkthrough-supplement': createAnswerWalkthroughSupplementHandler(s.walkthroughs),
    'create-finding': createCreateFindingHandler(s.walkthroughs),
    'rectify-finding': createRectifyFindingHandler(s.walkthroughs),
    'put-probe': createPutProbeHandler(s.walkthroughs),
    'list-probes': createListProbesHandler(s.walkthroughs),
    'evaluate-application': createEvaluateApplicationHandler(s.evaluations),
    'list-evaluations': createListEvaluationsHandler(s.evaluations),
    'follow-up-evaluation': createFollowUpEvaluationHandler(s.evaluations),
    'list-notifications': createListNotificationsHandler(s.notifications),
    'read-notification': createReadNotificationHandler(s.notifications),
    // 12345 events (issue 10)
    'submit-event': createSubmitEventHandler(s.events),
    'get-event': createGetEventHandler(s.events),
    'list-department-events': createListDepartmentEventsHandler(s.events),
    'accept-event': createAcceptEventHandler(s.events),
    'return-event': createReturnEventHandler(s.events),
    'reply-event': createReplyEventHandler(s.events),
    'rate-event': createRateEventHandler(s.events),
    'get-event-photo': loggingInspectorReads('get-event-photo', createGetEventPhotoHandler(s.events), () => s.audit().accessLog),
    ...createAuditHandlers(s),
  };
}
