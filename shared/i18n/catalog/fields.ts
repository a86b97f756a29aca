/**
 * Field messages (`errors[].code` / `errors[].message` of a 422) of the platform core.
 * Words from ../shared/docs/GLOSSARY.md; Chinese messages are written to be read next to
 * the field's label, so they do not repeat it.
 */
import { defineFieldMessages } from '../registry';

/** What zod finds (see ../zod-issues.ts for the mapping) and the fallback `invalid`. */
export const schemaField = defineFieldMessages({
  required: { en: 'Required', zh: '此项为必填项' },
  'invalid-type': { en: 'Expected {expected}', zh: '填写的内容类型不正确（应为 {expected}）' },
  'too-short': { en: 'Must be at least {minimum} characters', zh: '至少填写 {minimum} 个字符' },
  'too-long': { en: 'Must be at most {maximum} characters', zh: '最多填写 {maximum} 个字符' },
  'too-small': { en: 'Must be at least {minimum}', zh: '不能小于 {minimum}' },
  'too-big': { en: 'Must be at most {maximum}', zh: '不能大于 {maximum}' },
  'must-be-greater': { en: 'Must be greater than {minimum}', zh: '必须大于 {minimum}' },
  'must-be-less': { en: 'Must be less than {maximum}', zh: '必须小于 {maximum}' },
  'too-few-items': { en: 'Must have at least {minimum} items', zh: '至少需要 {minimum} 项' },
  'too-many-items': { en: 'Must have at most {maximum} items', zh: '最多 {maximum} 项' },
  'not-multiple-of': { en: 'Must be a multiple of {divisor}', zh: '必须是 {divisor} 的整数倍' },
  'invalid-format': { en: 'Invalid format', zh: '格式不正确' },
  'invalid-date': { en: 'Must be a date (YYYY-MM-DD)', zh: '请填写有效日期（年-月-日，如 2020-09-01）' },
  'invalid-datetime': { en: 'Must be an RFC 3339 date-time', zh: '时间格式不正确' },
  'invalid-option': { en: 'Must be one of: {options}', zh: '请从以下选项中选择：{options}' },
  'invalid-value': { en: 'Invalid value', zh: '填写的内容不正确' },
  'unknown-field': { en: 'Unknown field', zh: '不应有此字段' },
  invalid: { en: 'Invalid', zh: '填写的内容不符合要求' },
});

/** What every JSON value must be (functions/http/json-input.ts). */
export const jsonField = defineFieldMessages({
  'text-not-well-formed': {
    en: 'must be well-formed Unicode text (it has a lone UTF-16 surrogate)',
    zh: '文字中含有无法识别的字符，请删除后重新填写',
  },
  'field-name-not-well-formed': {
    en: 'field name must be well-formed Unicode text (it has a lone UTF-16 surrogate)',
    zh: '字段名中含有无法识别的字符',
  },
  'reserved-field-name': { en: 'reserved field name', zh: '不能使用此字段名' },
  'number-out-of-range': {
    en: 'number out of range (magnitude 1e-130 to 9.99e125, or 0)',
    zh: '数值超出可保存的范围',
  },
  'nesting-too-deep': { en: 'nested deeper than {maxDepth} levels', zh: '内容嵌套超过 {maxDepth} 层' },
});

/** Resident ID numbers (GB 11643) and unified social credit codes (GB 32100), shared/identity. */
export const identityField = defineFieldMessages({
  'id-number-length': {
    en: 'invalid resident ID number: must be 18 characters, got {length}',
    zh: '公民身份号码应为18位，当前为{length}位',
  },
  'id-number-format': {
    en: 'invalid resident ID number: must be 17 digits followed by a digit or X',
    zh: '公民身份号码应为17位数字加1位数字或X',
  },
  'id-number-region': {
    en: 'invalid resident ID number: region code {region} names no province',
    zh: '公民身份号码的地址码 {region} 不对应任何省份，请核对',
  },
  'id-number-birth-date': {
    en: 'invalid resident ID number: birth date {birthDate} is not a valid date',
    zh: '公民身份号码中的出生日期 {birthDate} 不是有效日期，请核对',
  },
  'id-number-birth-date-future': {
    en: 'invalid resident ID number: birth date {birthDate} is in the future',
    zh: '公民身份号码中的出生日期 {birthDate} 晚于今天，请核对',
  },
  'id-number-check-character': {
    en: 'invalid resident ID number: check character does not match: please re-check every digit',
    zh: '公民身份号码校验码不符，请逐位核对号码',
  },
  'credit-code-length': {
    en: 'invalid unified social credit code: must be 18 characters, got {length}',
    zh: '统一社会信用代码应为18位，当前为{length}位',
  },
  'credit-code-character': {
    en: 'invalid unified social credit code: character {character} is not allowed (I, O, S, V, Z are never used)',
    zh: '统一社会信用代码中不能有字符 {character}（不使用 I、O、S、V、Z）',
  },
  'credit-code-region': {
    en: 'invalid unified social credit code: characters 3-8 must be the region digits',
    zh: '统一社会信用代码第3至8位应为行政区划代码（数字）',
  },
  'credit-code-check-character': {
    en: 'invalid unified social credit code: check character does not match: please re-check every character',
    zh: '统一社会信用代码校验码不符，请逐位核对',
  },
});

/** Rules of the service forms (workflows/services) and the request bodies (shared/applications/schemas.ts). */
export const formField = defineFieldMessages({
  'name-required': { en: 'name is required', zh: '请填写姓名' },
  'mobile-phone-format': { en: 'expected an 11-digit mobile number', zh: '请填写11位手机号码' },
  'upload-id-format': { en: 'not an upload id from POST /v1/uploads', zh: '不是有效的材料上传编号，请重新上传材料' },
  'sha256-format': { en: 'must be the lowercase hex SHA-256 of the bytes', zh: '文件校验值应为64位小写十六进制的 SHA-256' },
  'father-required': { en: 'required when registering with the father', zh: '登记父亲信息时此项为必填项' },
  'birth-date-mismatch': {
    en: 'does not match the ID number ({birthDate})',
    zh: '与公民身份号码中的出生日期（{birthDate}）不一致',
  },
  'utility-none-requested': { en: 'request at least one utility', zh: '请至少选择一项报装业务' },
  'material-ref-required': { en: 'name a materialId or a field', zh: '请指明需补正的材料或填写项' },
  'supplement-items-required': {
    en: 'list every missing item at once for request-supplement',
    zh: '一次性告知补正材料时，须一次列明全部需补正事项',
  },
  'rejection-reason-required': { en: 'a rejection needs its reasons in comment', zh: '不予通过须在审核意见中说明理由' },
});

/** Submissions, supplements, uploads, lists (shared/applications, shared/documents). */
export const applicationField = defineFieldMessages({
  'cursor-invalid': {
    en: 'not a cursor returned by this list for this caller and these filters',
    zh: '翻页标记无效，请从第一页重新查询',
  },
  'idempotency-key-format': {
    en: 'Must be 1-255 printable ASCII characters without spaces',
    zh: 'Idempotency-Key 应为1至255个可打印的ASCII字符（不含空格）',
  },
  'idempotency-key-reused': {
    en: 'was already used with a different request body',
    zh: '该 Idempotency-Key 已用于另一份不同的申报，请勿重复使用',
  },
  'proxy-needs-on-behalf-of': { en: 'a proxy must name the person it acts for', zh: '代办员须填写被代办人' },
  'on-behalf-of-proxy-only': { en: 'only proxy staff submit on behalf of someone', zh: '只有代办员可以代他人申报' },
  'material-required': { en: 'material {id} ({name}) is required', zh: '缺少申请材料：{name}' },
  'material-required-not-confirmed': {
    en: 'material {id} ({name}) is required: the data-sharing check did not confirm it',
    zh: '缺少申请材料：{name}（数据共享核验未能确认，须上传材料）',
  },
  'material-unknown': { en: 'unknown material {materialId}', zh: '该事项没有申请材料 {materialId}' },
  'material-duplicate': { en: 'material {materialId} is given twice', zh: '申请材料 {materialId} 重复提交' },
  'material-not-in-service': { en: 'service {serviceId} has no material {materialId}', zh: '该事项没有申请材料 {materialId}' },
  'content-type-not-accepted': { en: '{materialId} accepts {accept}', zh: '该材料只接受以下文件类型：{accept}' },
  'file-too-large': { en: '{materialId} accepts at most {maxBytes} bytes', zh: '该材料的文件不能超过 {maxBytes} 字节' },
  'department-unknown': { en: 'service {serviceId} has no department {department}', zh: '该事项不涉及部门 {department}' },
});

/** Why an upload cannot become a material (shared/documents/errors.ts); `{detail}` is English only. */
export const uploadField = defineFieldMessages({
  'upload-not-found': { en: 'not-found: {detail}', zh: '未找到上传的文件，请重新上传' },
  'upload-wrong-owner': { en: 'wrong-owner: {detail}', zh: '该文件不是您上传的' },
  'upload-wrong-material': { en: 'wrong-material: {detail}', zh: '该文件是为另一项申请材料上传的' },
  'upload-size-mismatch': { en: 'size-mismatch: {detail}', zh: '上传的文件大小与申报的不一致，请重新上传' },
  'upload-too-large': { en: 'too-large: {detail}', zh: '文件超过了该材料的大小上限' },
  'upload-checksum-mismatch': { en: 'checksum-mismatch: {detail}', zh: '文件校验值不一致，文件可能已损坏，请重新上传' },
  'upload-unrecognised-content': { en: 'unrecognised-content: {detail}', zh: '无法识别文件内容，请上传 PDF 或图片' },
  'upload-content-type-mismatch': { en: 'content-type-mismatch: {detail}', zh: '文件内容与声明的文件类型不一致' },
  'upload-type-not-accepted': { en: 'type-not-accepted: {detail}', zh: '该材料不接受此类文件' },
});
