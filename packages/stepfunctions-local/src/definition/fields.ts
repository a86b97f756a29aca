/** Which fields each state type accepts, per query language (AWS States Language spec). */
import type { QueryLanguage, StateType } from './types';

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const RECOVER = ['Retry', 'Catch'];

const JSONPATH: Record<StateType, string[]> = {
  Pass: [...FLOW, 'InputPath', 'OutputPath', 'Parameters', 'Result', 'ResultPath', 'Assign'],
  Task: [
    ...FLOW,
    ...RECOVER,
    'Resource',
    'InputPath',
    'OutputPath',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Assign',
  ],
  Choice: ['Choices', 'Default', 'InputPath', 'OutputPath', 'Assign'],
  Wait: [...FLOW, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'InputPath', 'OutputPath', 'Assign'],
  Succeed: ['InputPath', 'OutputPath'],
  Fail: ['Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [...FLOW, ...RECOVER, 'Branches', 'InputPath', 'OutputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'Assign'],
  Map: [
    ...FLOW,
    ...RECOVER,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'ItemSelector',
    'Parameters',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'InputPath',
    'OutputPath',
    'ResultSelector',
    'ResultPath',
    'Assign',
  ],
};

const JSONATA: Record<StateType, string[]> = {
  Pass: [...FLOW, 'Output', 'Assign'],
  Task: [...FLOW, ...RECOVER, 'Resource', 'Arguments', 'Output', 'Assign', 'TimeoutSeconds', 'HeartbeatSeconds'],
  Choice: ['Choices', 'Default', 'Output', 'Assign'],
  Wait: [...FLOW, 'Seconds', 'Timestamp', 'Output', 'Assign'],
  Succeed: ['Output'],
  Fail: ['Error', 'Cause'],
  Parallel: [...FLOW, ...RECOVER, 'Branches', 'Arguments', 'Output', 'Assign'],
  Map: [...FLOW, ...RECOVER, 'ItemProcessor', 'Iterator', 'Items', 'ItemSelector', 'MaxConcurrency', 'Output', 'Assign'],
};

/**
 * Fields AWS accepts but this engine cannot run faithfully (distributed Map, cross-account
 * credentials); a definition using them is refused instead of being run differently.
 */
export const UNSUPPORTED_FIELDS = new Set([
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
  'Credentials',
]);

export const STATE_TYPES = new Set<string>(Object.keys(JSONPATH));

/** The fields a state of `type` may carry in `lang`. */
export function allowedFields(type: StateType, lang: QueryLanguage): Set<string> {
  return new Set([...COMMON, ...(lang === 'JSONata' ? JSONATA : JSONPATH)[type]]);
}

/** The fields of the other language, to word the error like AWS does. */
export function otherLanguageFields(type: StateType, lang: QueryLanguage): Set<string> {
  return new Set((lang === 'JSONata' ? JSONPATH : JSONATA)[type]);
}
