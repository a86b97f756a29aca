/** Jayway JsonPath's wording for steps that cannot be followed (AWS quotes it in causes). */
import { invalidPath } from './errors';
import { renderPath, type CompiledPath } from './jsonpath-syntax';
import { toAwsJsonString } from './json';

/** Jayway's message for a property step applied to a non-object on a definite path. */
export function notAnObject(path: CompiledPath, i: number, value: unknown) {
  const at = renderPath(path.segments.slice(0, i));
  const fragment = renderPath(path.segments.slice(i, i + 1)).slice(1);
  return invalidPath(
    path.text,
    `Expected to find an object with property ${fragment} in path ${at} but found '${javaTypeName(value)}'. ` +
      "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
  );
}

/** Jayway's message for an index step applied to a non-array on a definite path. */
export function notAnArray(path: CompiledPath, i: number, value: unknown) {
  const at = renderPath(path.segments.slice(0, i));
  if (value === null || value === undefined) return invalidPath(path.text, `The path ${at} is null`);
  const fragment = renderPath(path.segments.slice(i, i + 1)).slice(1);
  return invalidPath(path.text, `Filter: ${fragment} can only be applied to arrays. Current context is: ${toAwsJsonString(value)}`);
}

/** The Java class Jayway names in its messages for a JSON value parsed by Jackson. */
function javaTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double';
  return 'java.util.LinkedHashMap';
}
