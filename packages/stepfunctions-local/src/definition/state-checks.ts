/** Field rules of individual state types that go beyond "which fields are allowed". */
import { checkChoiceRule } from './choice-rules';
import { checkJsonata, checkPath } from './syntax';
import type { CompiledState } from './types';

type Fail = (location: string, message: string) => void;

const JSONATA = /^\{%[\s\S]*%\}$/;

function exclusive(raw: Record<string, unknown>, fields: string[], at: string, fail: Fail, required = false): void {
  const present = fields.filter((f) => raw[f] !== undefined);
  if (present.length > 1) fail(at, `Only one of ${fields.map((f) => `'${f}'`).join(', ')} may be set`);
  if (required && present.length === 0) fail(at, `One of ${fields.map((f) => `'${f}'`).join(', ')} is required`);
}

/** A whole number within bounds, or (JSONata states) a `{% %}` expression. */
function integer(state: CompiledState, field: string, min: number, at: string, fail: Fail): void {
  const v = state.raw[field];
  if (v === undefined) return;
  if (state.lang === 'JSONata' && typeof v === 'string' && JSONATA.test(v)) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 99999999) {
    fail(`${at}/${field}`, `The value for the field '${field}' must be an integer from ${min} to 99999999`);
  }
}

function path(state: CompiledState, field: string, at: string, fail: Fail, intrinsic = false): void {
  const v = state.raw[field];
  if (v === undefined) return;
  if (typeof v === 'string' && intrinsic && v.startsWith('States.')) return;
  if (typeof v === 'string' && v.startsWith('$')) return checkPath(v, `${at}/${field}`, field, fail);
  fail(`${at}/${field}`, `The value for the field '${field}' must be a valid JSONPath${intrinsic ? ' or intrinsic function' : ''}`);
}

/** Checks one state's own rules, reporting each problem through `fail`. */
export function checkStateFields(state: CompiledState, at: string, fail: Fail): void {
  const raw = state.raw;
  if (raw.Comment !== undefined && typeof raw.Comment !== 'string')
    fail(`${at}/Comment`, "The value for the field 'Comment' must be a string");
  if (raw.Items !== undefined && !Array.isArray(raw.Items) && !(typeof raw.Items === 'string' && JSONATA.test(raw.Items))) {
    fail(`${at}/Items`, "The value for the field 'Items' must be an array or a JSONata expression");
  }
  for (const field of ['InputPath', 'OutputPath', 'ResultPath']) {
    const v = raw[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.startsWith('$')) checkPath(v, `${at}/${field}`, field, fail);
    else fail(`${at}/${field}`, `The value for the field '${field}' must be a valid JSONPath`);
  }
  if (state.lang === 'JSONata') {
    for (const [field, value] of Object.entries(raw))
      if (field !== 'Branches' && field !== 'ItemProcessor' && field !== 'Iterator') checkJsonata(value, `${at}/${field}`, fail);
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign']) {
    const v = raw[field];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v)))
      fail(`${at}/${field}`, `The value for the field '${field}' must be an object`);
  }
  switch (state.type) {
    case 'Wait':
      exclusive(raw, ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], at, fail, true);
      integer(state, 'Seconds', 0, at, fail);
      path(state, 'SecondsPath', at, fail);
      path(state, 'TimestampPath', at, fail);
      if (raw.Timestamp !== undefined && typeof raw.Timestamp !== 'string')
        fail(`${at}/Timestamp`, "The value for the field 'Timestamp' must be a string");
      break;
    case 'Task':
      exclusive(raw, ['TimeoutSeconds', 'TimeoutSecondsPath'], at, fail);
      exclusive(raw, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], at, fail);
      integer(state, 'TimeoutSeconds', 1, at, fail);
      integer(state, 'HeartbeatSeconds', 1, at, fail);
      path(state, 'TimeoutSecondsPath', at, fail);
      path(state, 'HeartbeatSecondsPath', at, fail);
      if (
        typeof raw.TimeoutSeconds === 'number' &&
        typeof raw.HeartbeatSeconds === 'number' &&
        raw.HeartbeatSeconds >= raw.TimeoutSeconds
      ) {
        fail(
          `${at}/HeartbeatSeconds`,
          "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'",
        );
      }
      break;
    case 'Fail':
      for (const field of ['Error', 'Cause']) {
        if (raw[field] !== undefined && typeof raw[field] !== 'string')
          fail(`${at}/${field}`, `The value for the field '${field}' must be a string`);
      }
      exclusive(raw, ['Error', 'ErrorPath'], at, fail);
      exclusive(raw, ['Cause', 'CausePath'], at, fail);
      path(state, 'ErrorPath', at, fail, true);
      path(state, 'CausePath', at, fail, true);
      break;
    case 'Map':
      exclusive(raw, ['MaxConcurrency', 'MaxConcurrencyPath'], at, fail);
      exclusive(raw, ['ItemSelector', 'Parameters'], at, fail);
      integer(state, 'MaxConcurrency', 0, at, fail);
      path(state, 'MaxConcurrencyPath', at, fail);
      path(state, 'ItemsPath', at, fail);
      break;
    case 'Choice':
      checkChoices(state, at, fail);
      break;
    default:
      break;
  }
}

function checkChoices(state: CompiledState, at: string, fail: Fail): void {
  const choices = state.raw.Choices;
  if (!Array.isArray(choices) || choices.length === 0) return fail(`${at}/Choices`, "The field 'Choices' must be a non-empty array");
  choices.forEach((rule, i) => {
    const where = `${at}/Choices[${i}]`;
    if (typeof rule !== 'object' || rule === null) return fail(where, 'A choice rule must be an object');
    const r = rule as Record<string, unknown>;
    if (state.lang === 'JSONata') {
      if (r.Condition === undefined) fail(`${where}/Condition`, "The field 'Condition' is required");
      for (const key of Object.keys(r)) {
        if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(key))
          fail(`${where}/${key}`, `The field '${key}' is not supported for the QueryLanguage 'JSONata'`);
      }
    } else if (r.Condition !== undefined || r.Output !== undefined) {
      fail(`${where}/${r.Condition !== undefined ? 'Condition' : 'Output'}`, "The field is not supported for the QueryLanguage 'JSONPath'");
    } else {
      checkChoiceRule(r, where, true, fail);
    }
  });
}
