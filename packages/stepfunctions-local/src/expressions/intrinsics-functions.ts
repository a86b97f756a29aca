/**
 * The States.* intrinsic functions. Each receives its evaluated arguments (and, for
 * States.Format, where the template's placeholders are) and throws `States.IntrinsicFailure`
 * naming the function and the argument at fault.
 */
import { randomUUID } from 'node:crypto';
import { intrinsicFailure } from './errors';
import { HASH_ALGORITHM_NAMES, hashHex } from './hashing';
import { argOf, expectArgs, intArg, type IntrinsicImpl } from './intrinsics-args';
import { arrayFunctions } from './intrinsics-arrays';
import { parseJson, toAwsJsonString } from './json';
import { seededRandom } from './random';

/** AWS limits the input of the encoding and hashing functions to 10,000 characters. */
const MAX_TEXT = 10_000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function limitedText(name: string, args: unknown[], index: number): string {
  const text = argOf<string>(name, args, index, 'string');
  if (text.length > MAX_TEXT) throw intrinsicFailure(name, `the input exceeds ${MAX_TEXT} characters`);
  return text;
}

function format(args: unknown[], name: string, placeholders?: number[]): string {
  if (args.length < 1) throw intrinsicFailure(name, 'expected a format string as the first argument');
  const template = argOf<string>(name, args, 0, 'string');
  const values = args.slice(1);
  const holes = placeholders ?? [];
  if (holes.length !== values.length) {
    throw intrinsicFailure(name, `the format string has ${holes.length} placeholder(s) but ${values.length} value(s) were given`);
  }
  let out = '';
  let from = 0;
  holes.forEach((at, i) => {
    const value = values[i];
    out += template.slice(from, at) + (typeof value === 'string' ? value : toAwsJsonString(value));
    from = at + 2;
  });
  return out + template.slice(from);
}

function stringToJson(args: unknown[], name: string): unknown {
  expectArgs(name, args, 1);
  const text = argOf<string>(name, args, 0, 'string');
  try {
    return parseJson(text);
  } catch {
    throw intrinsicFailure(name, `the string ${toAwsJsonString(text)} is not valid JSON`);
  }
}

function jsonMerge(args: unknown[], name: string): unknown {
  expectArgs(name, args, 3);
  const first = argOf<Record<string, unknown>>(name, args, 0, 'object');
  const second = argOf<Record<string, unknown>>(name, args, 1, 'object');
  if (argOf<boolean>(name, args, 2, 'boolean')) {
    throw intrinsicFailure(name, 'only shallow merging is supported; the third argument must be false');
  }
  return { ...first, ...second };
}

function mathRandom(args: unknown[], name: string): number {
  expectArgs(name, args, 2, 3);
  const start = intArg(name, args, 0, true);
  const end = intArg(name, args, 1, true);
  if (end <= start) throw intrinsicFailure(name, `the end (${end}) must be greater than the start (${start})`);
  const unit = args.length === 3 ? seededRandom(intArg(name, args, 2, true)) : Math.random();
  return start + Math.floor(unit * (end - start));
}

function mathAdd(args: unknown[], name: string): number {
  expectArgs(name, args, 2);
  const sum = intArg(name, args, 0, true) + intArg(name, args, 1, true);
  if (sum > 2147483647 || sum < -2147483648) throw intrinsicFailure(name, `the result ${sum} is outside the 32-bit integer range`);
  return sum;
}

function stringSplit(args: unknown[], name: string): string[] {
  expectArgs(name, args, 2);
  const text = argOf<string>(name, args, 0, 'string');
  const delimiters = new Set(argOf<string>(name, args, 1, 'string'));
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    if (delimiters.has(char)) {
      if (current) parts.push(current);
      current = '';
    } else current += char;
  }
  if (current) parts.push(current);
  return parts;
}

function base64Decode(args: unknown[], name: string): string {
  expectArgs(name, args, 1);
  const text = limitedText(name, args, 0);
  if (!BASE64.test(text)) throw intrinsicFailure(name, `the string ${toAwsJsonString(text)} is not valid base64`);
  return Buffer.from(text, 'base64').toString('utf8');
}

function hash(args: unknown[], name: string): string {
  expectArgs(name, args, 2);
  const digest = hashHex(limitedText(name, args, 0), argOf<string>(name, args, 1, 'string'));
  if (digest === undefined) throw intrinsicFailure(name, `the algorithm must be one of ${HASH_ALGORITHM_NAMES}`);
  return digest;
}

/** Implementations by full function name. */
export const intrinsicFunctions: Record<string, IntrinsicImpl> = {
  ...arrayFunctions,
  'States.Format': format,
  'States.StringToJson': stringToJson,
  'States.JsonToString': (args, name) => (expectArgs(name, args, 1), toAwsJsonString(args[0])),
  'States.JsonMerge': jsonMerge,
  'States.Base64Encode': (args, name) => (expectArgs(name, args, 1), Buffer.from(limitedText(name, args, 0), 'utf8').toString('base64')),
  'States.Base64Decode': base64Decode,
  'States.Hash': hash,
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
  'States.StringSplit': stringSplit,
  'States.UUID': (args, name) => (expectArgs(name, args, 0), randomUUID()),
};
