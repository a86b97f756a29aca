/** Parser for intrinsic function calls such as `States.Format('{} {}', $.a, States.UUID())`. */
import { malformed } from './errors';

export type IntrinsicArg =
  /** `placeholders` lists where an unescaped `{}` sits in `value` (States.Format templates). */
  | { kind: 'string'; value: string; placeholders: number[] }
  | { kind: 'literal'; value: number | boolean | null }
  | { kind: 'path'; text: string }
  | { kind: 'call'; name: string; args: IntrinsicArg[] };

export type IntrinsicCall = Extract<IntrinsicArg, { kind: 'call' }>;

const CALL_START = /^States\.[A-Za-z0-9]+\(/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/** True for a string that is an intrinsic call, e.g. `States.Array($.a)`. */
export function isIntrinsicText(value: string): boolean {
  return CALL_START.test(value) && value.trimEnd().endsWith(')');
}

/** Parses one complete intrinsic call; throws `States.Runtime` naming the bad text. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const fail = (detail: string) => malformed('intrinsic function', text, detail);
  let pos = 0;
  const skipSpaces = () => {
    while (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\n') pos += 1;
  };

  const parseCall = (): IntrinsicCall => {
    const match = CALL_START.exec(text.slice(pos));
    if (!match) throw fail(`expected a States.* function at position ${pos}`);
    const name = match[0].slice(0, -1);
    pos += match[0].length;
    const args: IntrinsicArg[] = [];
    skipSpaces();
    if (text[pos] === ')') {
      pos += 1;
      return { kind: 'call', name, args };
    }
    for (;;) {
      skipSpaces();
      args.push(parseArg());
      skipSpaces();
      const sep = text[pos++];
      if (sep === ')') return { kind: 'call', name, args };
      if (sep !== ',') throw fail(`expected ',' or ')' at position ${pos - 1}`);
    }
  };

  const parseArg = (): IntrinsicArg => {
    const char = text[pos];
    if (char === "'") return parseString();
    if (char === '$') return { kind: 'path', text: readPathText() };
    if (text.startsWith('States.', pos)) return parseCall();
    const number = NUMBER.exec(text.slice(pos));
    if (number) {
      pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { kind: 'literal', value: JSON.parse(word) as boolean | null };
      }
    }
    throw fail(`unexpected argument at position ${pos}`);
  };

  const parseString = (): IntrinsicArg => {
    const start = pos + 1;
    pos = start;
    while (pos < text.length && text[pos] !== "'") pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) throw fail('unterminated string argument');
    pos += 1;
    return { kind: 'string', ...scanTemplate(text.slice(start, pos - 1)) };
  };

  /** A path argument runs to the next top-level ',' or ')' (filters may contain both). */
  const readPathText = (): string => {
    const start = pos;
    let depth = 0;
    let quote: string | null = null;
    for (; pos < text.length; pos += 1) {
      const char = text[pos];
      if (quote) {
        if (char === '\\') pos += 1;
        else if (char === quote) quote = null;
      } else if (char === "'" || char === '"') quote = char;
      else if (char === '[' || char === '(') depth += 1;
      else if ((char === ']' || char === ')') && depth > 0) depth -= 1;
      else if ((char === ',' || char === ')') && depth === 0) break;
    }
    return text.slice(start, pos).trim();
  };

  const call = parseCall();
  skipSpaces();
  if (pos !== text.length) throw fail(`unexpected text after the call at position ${pos}`);
  return call;
}

/**
 * Resolves the escapes of an intrinsic string (`\'`, `\{`, `\}`, `\\`) and notes where an
 * unescaped `{}` placeholder sits. Also used for States.Format templates read from a path.
 */
export function scanTemplate(raw: string): { value: string; placeholders: number[] } {
  let value = '';
  const placeholders: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === '\\' && i + 1 < raw.length) {
      value += raw[++i];
    } else {
      if (raw[i] === '{' && raw[i + 1] === '}') placeholders.push(value.length);
      value += raw[i];
    }
  }
  return { value, placeholders };
}
