/**
 * Problem types of the platform core (problem+json `type` = `https://onething.dev/problems/<code>`).
 * The first block are the generic codes of the error classes (shared/errors.ts,
 * functions/http/errors.ts): an error thrown with a plain English message gets its class's
 * texts in Chinese. Words from ../shared/docs/GLOSSARY.md.
 */
import { defineProblems } from '../registry';

/** The detail of every 5xx that is not exposed (the cause goes to the log, never to the client). */
export const HIDDEN_DETAIL = {
  en: 'The request could not be completed. Quote the instance when reporting the problem.',
  zh: '请求未能完成。反映问题时请提供 instance 编号。',
} as const;

/** Generic codes, one per error class. */
export const genericProblem = defineProblems({
  'malformed-request': {
    status: 400,
    title: { en: 'Malformed request', zh: '请求格式错误' },
    detail: { en: 'The request is malformed', zh: '请求格式不正确。' },
  },
  unauthorized: {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'Authentication is required', zh: '需要登录后才能办理。' },
  },
  forbidden: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权办理' },
    detail: { en: 'You may not do this', zh: '您没有办理此项操作的权限。' },
  },
  'not-found': {
    status: 404,
    title: { en: 'Not found', zh: '未找到' },
    detail: { en: 'Nothing was found here', zh: '未找到所请求的内容。' },
  },
  'method-not-allowed': {
    status: 405,
    title: { en: 'Method not allowed', zh: '不支持该请求方法' },
    detail: { en: 'This method is not allowed here', zh: '此地址不支持该请求方法。' },
  },
  conflict: {
    status: 409,
    title: { en: 'Conflict with the current state', zh: '与当前办理状态冲突' },
    detail: { en: 'The request conflicts with the current state', zh: '该操作与办件当前的办理状态冲突。' },
  },
  'payload-too-large': {
    status: 413,
    title: { en: 'Payload too large', zh: '请求内容过大' },
    detail: { en: 'The request body is too large', zh: '请求内容超过了大小限制。' },
  },
  'unsupported-media-type': {
    status: 415,
    title: { en: 'Unsupported media type', zh: '不支持的内容类型' },
    detail: { en: 'Content-Type must be application/json', zh: '请求的 Content-Type 必须为 application/json。' },
  },
  validation: {
    status: 422,
    title: { en: 'Validation failed', zh: '填写内容有误' },
    detail: { en: 'Some fields are invalid', zh: '部分内容填写有误，请按提示修改。' },
  },
  internal: {
    status: 500,
    title: { en: 'Internal error', zh: '系统内部错误' },
    detail: HIDDEN_DETAIL,
  },
  'dependency-unavailable': {
    status: 503,
    title: { en: 'Service temporarily unavailable', zh: '服务暂时不可用' },
    detail: HIDDEN_DETAIL,
  },
  'not-ready': {
    status: 503,
    title: { en: 'Not ready', zh: '系统正在启动' },
    detail: { en: 'The service is still starting', zh: '系统正在启动，请稍后重试。' },
  },
  // Internal errors of domain modules: only their titles are shown (the detail is hidden).
  'canonical-json': {
    status: 500,
    title: { en: 'Value cannot be canonicalised', zh: '数据无法规范化' },
    detail: HIDDEN_DETAIL,
  },
  'registry-data': {
    status: 500,
    title: { en: 'Registry data invalid', zh: '共享数据源数据无效' },
    detail: HIDDEN_DETAIL,
  },
  'calendar-data': {
    status: 500,
    title: { en: 'Working-day calendar error', zh: '工作日日历错误' },
    detail: HIDDEN_DETAIL,
  },
  'calendar-argument': {
    status: 500,
    title: { en: 'Working-day calendar error', zh: '工作日日历错误' },
    detail: HIDDEN_DETAIL,
  },
});

/** The request itself: body, path, headers. */
export const requestProblem = defineProblems({
  'body-required': {
    status: 400,
    title: { en: 'Malformed request', zh: '请求格式错误' },
    detail: { en: 'A JSON request body is required', zh: '请求需要 JSON 格式的内容。' },
  },
  'body-not-json': {
    status: 400,
    title: { en: 'Malformed request', zh: '请求格式错误' },
    detail: { en: 'The request body is not valid JSON', zh: '请求内容不是有效的 JSON。' },
  },
  'path-parameter-encoding': {
    status: 400,
    title: { en: 'Malformed request', zh: '请求格式错误' },
    detail: { en: 'Path parameter {name} is not valid percent-encoding', zh: '地址参数 {name} 的百分号编码无效。' },
  },
  'body-too-large': {
    status: 413,
    title: { en: 'Payload too large', zh: '请求内容过大' },
    detail: {
      en: 'The request body is {size} bytes; the limit is {limit} bytes',
      zh: '请求内容为 {size} 字节，超过了 {limit} 字节的上限。材料请通过“上传材料”单独上传。',
    },
  },
  'content-type-not-json': {
    status: 415,
    title: { en: 'Unsupported media type', zh: '不支持的内容类型' },
    detail: { en: 'Content-Type must be application/json', zh: '请求的 Content-Type 必须为 application/json。' },
  },
  'resource-not-found': {
    status: 404,
    title: { en: 'Not found', zh: '未找到' },
    detail: { en: 'No resource at {path}', zh: '地址 {path} 下没有内容。' },
  },
  'route-not-found': {
    status: 404,
    title: { en: 'Not found', zh: '未找到' },
    detail: { en: 'No route for {method} {path}', zh: '接口 {method} {path} 不存在。' },
  },
});

/** Who is calling: tokens and roles. */
export const authProblem = defineProblems({
  'token-missing': {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'Send Authorization: Bearer <token>', zh: '请先登录：请求需携带 Authorization: Bearer <令牌>。' },
  },
  'token-invalid': {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'The bearer token is invalid or expired', zh: '登录凭证无效或已过期，请重新登录。' },
  },
  'token-claims-missing': {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'no verified token claims on the request', zh: '请求未携带经过验证的登录信息，请重新登录。' },
  },
  'token-claim-invalid': {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'token claim {claim} is missing or invalid', zh: '登录凭证中的 {claim} 缺失或无效，请重新登录。' },
  },
  'token-department-missing': {
    status: 401,
    title: { en: 'Authentication required', zh: '请先登录' },
    detail: { en: 'token claim dept is required for officers', zh: '审批人员的登录凭证必须注明所属部门（dept）。' },
  },
  'role-not-allowed': {
    status: 403,
    title: { en: 'Forbidden', zh: '无权办理' },
    detail: { en: "The role '{role}' may not call this endpoint", zh: '当前身份（{role}）无权使用此功能。' },
  },
  'department-not-yours': {
    status: 403,
    title: { en: 'Forbidden', zh: '无权办理' },
    detail: { en: 'officers of {dept} may not read the inbox of {inbox}', zh: '{dept} 的审批人员不能查看 {inbox} 的待办事项。' },
  },
});

/** Applications, tasks (a department's branch), materials, services. */
export const applicationProblem = defineProblems({
  'application-not-found': {
    status: 404,
    title: { en: 'Application not found', zh: '办件不存在' },
    detail: { en: 'application {id} not found', zh: '未找到办件 {id}。' },
  },
  'task-not-found': {
    status: 404,
    title: { en: 'Task not found', zh: '部门环节不存在' },
    detail: { en: 'task {taskId} not found', zh: '未找到部门环节 {taskId}。' },
  },
  'material-not-found': {
    status: 404,
    title: { en: 'Material not found', zh: '申请材料不存在' },
    detail: { en: 'material {materialId} not found on application {id}', zh: '办件 {id} 中没有申请材料 {materialId}。' },
  },
  'service-not-found': {
    status: 404,
    title: { en: 'Service not found', zh: '事项不存在' },
    detail: { en: 'Unknown service "{serviceId}"', zh: '未找到事项“{serviceId}”。' },
  },
  'service-version-not-found': {
    status: 404,
    title: { en: 'Service version not found', zh: '事项版本不存在' },
    detail: { en: 'Service "{serviceId}" has no version {version}', zh: '事项“{serviceId}”没有第 {version} 版。' },
  },
  'decision-conflict': {
    status: 409,
    title: { en: 'Already decided', zh: '已作出审核决定' },
    detail: { en: 'task {taskId} was already decided: {decision}', zh: '该部门环节已作出审核决定，不能重复审核。' },
  },
  'task-cancelled': {
    status: 409,
    title: { en: 'Task cancelled', zh: '部门环节已终止' },
    detail: { en: 'task {taskId} was cancelled ({reason})', zh: '该部门环节已终止，无需再审核。' },
  },
  'application-closed': {
    status: 409,
    title: { en: 'Application already closed', zh: '办件已结束' },
    detail: { en: 'application {id} is already {status}', zh: '办件 {id} 已办结、已终止或已撤回，不能再撤回。' },
  },
  'application-not-in-review': {
    status: 409,
    title: { en: 'Application not in review', zh: '办件不在审核中' },
    detail: { en: 'application {id} is {status}', zh: '办件 {id} 当前不在审核中，不能补正。' },
  },
  'application-finished': {
    status: 409,
    title: { en: 'Application already closed', zh: '办件已结束' },
    detail: { en: 'application {id} is finished', zh: '办件 {id} 已结束办理。' },
  },
  'supplement-not-requested': {
    status: 409,
    title: { en: 'No supplement requested', zh: '无需补正' },
    detail: { en: 'department {department} is not waiting for a supplement', zh: '部门 {department} 没有要求补正材料。' },
  },
});
