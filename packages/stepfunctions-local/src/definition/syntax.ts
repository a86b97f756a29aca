/**
 * Syntax checks of the expressions inside a definition, so that a typo is an
 * InvalidDefinition at CreateStateMachine rather than a failed execution.
 */
import jsonata from 'jsonata';
import { compilePath } from '../expressions';

type Fail = (location: string, message: string) => void;

const TEMPLATE = /^\{%([\s\S]*)%\}$/;

/** Reports JSONPath text that does not parse (intrinsics are checked when evaluated). */
export function checkPath(value: string, location: string, field: string, fail: Fail): void {
  try {
    compilePath(value);
  } catch (err) {
    fail(location, `The value for the field '${field}' must be a valid JSONPath: ${(err as Error).message}`);
  }
}

/** Walks `value` and reports every `{% %}` JSONata expression that does not parse. */
export function checkJsonata(value: unknown, location: string, fail: Fail): void {
  if (typeof value === 'string') {
    const m = TEMPLATE.exec(value);
    if (!m) return;
    try {
      jsonata(m[1]!);
    } catch (err) {
      fail(location, `The JSONata expression '${m[1]!.trim()}' is invalid: ${(err as Error).message}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkJsonata(item, `${location}[${i}]`, fail));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkJsonata(item, `${location}/${key}`, fail);
  }
}
