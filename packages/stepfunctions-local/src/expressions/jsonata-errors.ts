/** Causes the engine raises after a JSONata expression returned a value of the wrong type. */
import { ErrorNames, StatesError } from './errors';
import { jsonTypeName, toAwsJsonString } from './json';

/**
 * `States.QueryEvaluationError` for a result of the wrong JSON type, worded as AWS does:
 * "The JSONata expression '1' specified for the field 'Items' returned an unexpected result
 * type. Expected 'array', but was 'number' for value: 1".
 */
export function unexpectedResultType(expression: string, field: string, expected: string, value: unknown): StatesError {
  const text = expression
    .trim()
    .replace(/^\{%([\s\S]*)%\}$/, '$1')
    .trim();
  return new StatesError(
    ErrorNames.queryEvaluation,
    `The JSONata expression '${text}' specified for the field '${field}' returned an unexpected result type. ` +
      `Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${toAwsJsonString(value)}`,
  );
}
