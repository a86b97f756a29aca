/** Parser for JSONPath filter predicates, the `...` of `[?(...)]` (Jayway operators). */
import { malformed } from './errors';
import { parsePath } from './jsonpath-parse';
import type { CompiledPath } from './jsonpath-syntax';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | 'in' | 'nin';

export type Operand =
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp }
  /** `@...` reads from the current item, `$...` from the document root. */
  | { kind: 'path'; relative: boolean; path: CompiledPath };

export type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'exists'; operand: Operand };

const TOKEN =
  /\s*(?:(&&|\|\||==|!=|<=|>=|=~|<|>|!|\(|\))|('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|(\/(?:\\.|[^/\\])*\/[a-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)\b|(\b(?:nin|in)\b)|([@$](?:\[[^\]]*\]|[^\s()=!<>&|\]])*)|(\[[^\]]*\]))/y;

interface Token {
  type: 'op' | 'literal' | 'regex' | 'path';
  text: string;
  value?: unknown;
}

/** Parses a predicate such as `@.status == 0 && @.name =~ /^a/i` into a `FilterExpr`. */
export function parseFilter(source: string): FilterExpr {
  const tokens = tokenize(source);
  let pos = 0;
  const fail = (detail: string) => malformed('JSONPath filter', source, detail);
  const peek = () => tokens[pos];
  const isOp = (text: string) => peek()?.type === 'op' && peek()?.text === text;

  const operand = (): Operand => {
    const token = tokens[pos++];
    if (!token) throw fail('unexpected end of filter');
    if (token.type === 'regex') {
      const slash = token.text.lastIndexOf('/');
      // A global/sticky regex would keep state between items, so those flags are dropped.
      return { kind: 'regex', regex: new RegExp(token.text.slice(1, slash), token.text.slice(slash + 1).replace(/[gy]/g, '')) };
    }
    if (token.type === 'literal') return { kind: 'literal', value: token.value };
    if (token.type === 'path') {
      const relative = token.text.startsWith('@');
      return { kind: 'path', relative, path: parsePath(relative ? `$${token.text.slice(1)}` : token.text) };
    }
    throw fail(`unexpected '${token.text}'`);
  };
  const primary = (): FilterExpr => {
    if (isOp('!')) {
      pos += 1;
      return { kind: 'not', expr: primary() };
    }
    if (isOp('(')) {
      pos += 1;
      const inner = or();
      if (!isOp(')')) throw fail("missing ')'");
      pos += 1;
      return inner;
    }
    const left = operand();
    const next = peek();
    if (next?.type === 'op' && COMPARE_OPS.has(next.text)) {
      pos += 1;
      return { kind: 'compare', op: next.text as CompareOp, left, right: operand() };
    }
    return { kind: 'exists', operand: left };
  };
  const and = (): FilterExpr => {
    let left = primary();
    while (isOp('&&')) {
      pos += 1;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): FilterExpr => {
    let left = and();
    while (isOp('||')) {
      pos += 1;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const expr = or();
  if (pos < tokens.length) throw fail(`unexpected '${tokens[pos]!.text}'`);
  return expr;
}

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', 'in', 'nin']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw malformed('JSONPath filter', source, `unexpected text at position ${at}`);
    const [, op, str, regex, num, keyword, word, path, list] = match;
    if (op !== undefined || word !== undefined) tokens.push({ type: 'op', text: (op ?? word)! });
    else if (str !== undefined) tokens.push({ type: 'literal', text: str, value: unquote(str) });
    else if (regex !== undefined) tokens.push({ type: 'regex', text: regex });
    else if (num !== undefined) tokens.push({ type: 'literal', text: num, value: Number(num) });
    else if (keyword !== undefined) tokens.push({ type: 'literal', text: keyword, value: JSON.parse(keyword) });
    else if (path !== undefined) tokens.push({ type: 'path', text: path });
    else if (list !== undefined) tokens.push({ type: 'literal', text: list, value: JSON.parse(list.replace(/'/g, '"')) });
  }
  return tokens;
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}
