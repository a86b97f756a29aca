/** The expression layer of the embedded Step Functions engine: pure evaluation primitives. */
export { StatesError, ErrorNames } from './errors';
export type { PathContext, Variables } from './types';
export { deepClone, isJsonObject, jsonTypeName, parseJson, toAwsJsonString, type JsonTypeName } from './json';
export { applyResultPath, compilePath, readPath } from './jsonpath';
export { jsonEquals } from './json-compare';
export { evaluateIntrinsic, isIntrinsic } from './intrinsics';
export { evaluatePathField, evaluatePayloadTemplate } from './payload';
export { evaluateChoiceRule } from './choice';
export { parseTimestamp } from './timestamps';
export { evaluateJsonata, evaluateJsonataExpression, isJsonataTemplate, type JsonataBindings } from './jsonata';
export { unexpectedResultType } from './jsonata-errors';
