/** Parser for Step Functions JSONPath text into a `CompiledPath` (see jsonpath-syntax.ts). */
import { malformed } from './errors';
import { parseFilter } from './jsonpath-filter';
import { isIndefinite, type CompiledPath, type PathRoot, type Segment } from './jsonpath-syntax';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parses `$`, `$$`, `$name` followed by `.a`, `['a']`, `[0]`, `[*]`, `..a`, `[1:3]`, `[?(...)]`. */
export function parsePath(text: string): CompiledPath {
  const fail = (detail: string) => malformed('JSONPath', text, detail);
  if (!text.startsWith('$')) throw fail("a path must start with '$'");
  let root: PathRoot = { kind: 'input' };
  let pos = 1;
  if (text.startsWith('$$')) {
    root = { kind: 'context' };
    pos = 2;
  } else {
    const name = VARIABLE_NAME.exec(text.slice(1));
    if (name) {
      root = { kind: 'variable', name: name[0] };
      pos = 1 + name[0].length;
    }
  }
  const segments: Segment[] = [];
  while (pos < text.length) {
    const char = text[pos];
    if (char === '.') {
      if (text[pos + 1] === '.') {
        segments.push({ kind: 'scan' });
        pos += 2;
        if (text[pos] === '[') continue;
      } else {
        pos += 1;
      }
      if (text[pos] === '*') {
        segments.push({ kind: 'wildcard' });
        pos += 1;
        continue;
      }
      const end = findNameEnd(text, pos);
      if (end === pos) throw fail(`expected a property name at position ${pos}`);
      segments.push({ kind: 'property', names: [text.slice(pos, end)] });
      pos = end;
    } else if (char === '[') {
      const close = findBracketEnd(text, pos);
      if (close < 0) throw fail(`unclosed '[' at position ${pos}`);
      segments.push(parseBracket(text.slice(pos + 1, close).trim(), fail));
      pos = close + 1;
    } else {
      throw fail(`unexpected '${char}' at position ${pos}`);
    }
  }
  return { text, root, segments, definite: !segments.some(isIndefinite) };
}

function findNameEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && text[end] !== '.' && text[end] !== '[') end += 1;
  return end;
}

/** Index of the `]` closing the bracket at `start`, skipping quoted text and nested brackets. */
function findBracketEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      // A backslash protects the next character but stays part of the name: AWS resolves
      // $['a\"b'] against the key a\"b (Jayway 2.x keeps escapes in bracket names).
      if (char === '\\') i += 1;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '[' || char === '(') {
      depth += 1;
    } else if (char === ']' || char === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseBracket(body: string, fail: (detail: string) => Error): Segment {
  if (body === '*') return { kind: 'wildcard' };
  if (body.startsWith('?')) {
    const inner = body.slice(1).trim();
    if (!inner.startsWith('(') || !inner.endsWith(')')) throw fail('a filter must look like [?(...)]');
    return { kind: 'filter', expr: parseFilter(inner.slice(1, -1)), source: body };
  }
  if (body.startsWith("'") || body.startsWith('"')) return { kind: 'property', names: parseNames(body, fail) };
  if (body.includes(':')) {
    const [start, end, step] = body.split(':').map((part) => part.trim());
    return { kind: 'slice', start: toInt(start, fail), end: toInt(end, fail), step: toInt(step, fail) ?? 1 };
  }
  const indexes = body.split(',').map((part) => toInt(part.trim(), fail));
  if (indexes.some((index) => index === undefined)) throw fail(`invalid index [${body}]`);
  return { kind: 'index', indexes: indexes as number[] };
}

function parseNames(body: string, fail: (detail: string) => Error): string[] {
  const names: string[] = [];
  let pos = 0;
  while (pos < body.length) {
    const quote = body[pos];
    let end = pos + 1;
    while (end < body.length && body[end] !== quote) end += body[end] === '\\' ? 2 : 1;
    if (end >= body.length) throw fail(`unterminated name in [${body}]`);
    names.push(body.slice(pos + 1, end));
    pos = end + 1;
    while (body[pos] === ' ') pos += 1;
    if (pos < body.length && body[pos] !== ',') throw fail(`expected ',' in [${body}]`);
    pos += 1;
    while (body[pos] === ' ') pos += 1;
  }
  return names;
}

function toInt(part: string | undefined, fail: (detail: string) => Error): number | undefined {
  if (part === undefined || part === '') return undefined;
  if (!/^-?\d+$/.test(part)) throw fail(`'${part}' is not an integer index`);
  return Number(part);
}
