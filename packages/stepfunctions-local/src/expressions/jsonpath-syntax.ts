/**
 * The parsed form of a JSONPath as Step Functions reads it (Jayway JsonPath dialect):
 * `$` (state input), `$$` (context object) or `$name` (a variable), followed by segments.
 */
import type { FilterExpr } from './jsonpath-filter';

export type Segment =
  | { kind: 'property'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number; step: number }
  | { kind: 'wildcard' }
  | { kind: 'scan' }
  | { kind: 'filter'; expr: FilterExpr; source: string };

export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export interface CompiledPath {
  text: string;
  root: PathRoot;
  segments: Segment[];
  /** A definite path selects at most one value; indefinite ones return an array. */
  definite: boolean;
}

/** True when a segment can select more than one value. */
export function isIndefinite(segment: Segment): boolean {
  switch (segment.kind) {
    case 'property':
      return segment.names.length > 1;
    case 'index':
      return segment.indexes.length > 1;
    default:
      return true;
  }
}

/** Jayway's rendering of a segment, used in its "No results for path: $['a'][0]" messages. */
export function segmentText(segment: Segment): string {
  switch (segment.kind) {
    case 'property':
      return `[${segment.names.map((name) => `'${name}'`).join(',')}]`;
    case 'index':
      return `[${segment.indexes.join(',')}]`;
    case 'slice':
      return `[${segment.start ?? ''}:${segment.end ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'scan':
      return '..';
    case 'filter':
      return '[?]';
  }
}

/** `$['a']['b']` for the segments of `$.a.b`. */
export function renderPath(segments: readonly Segment[]): string {
  let text = '$';
  for (const segment of segments) text += segmentText(segment);
  return text;
}
