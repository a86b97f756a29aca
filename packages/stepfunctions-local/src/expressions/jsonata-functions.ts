/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid,
 * $parse), `$now()`/`$millis()` bound to the engine's clock, and `$eval` removed (AWS has
 * no `$eval`). Registered on each compiled expression with JSONata signatures, so argument
 * errors read like JSONata's own (T0410 ...).
 */
import { randomUUID } from 'node:crypto';
import type { Expression } from 'jsonata';
import { HASH_ALGORITHM_NAMES, hashHex } from './hashing';
import { parseJson } from './json';
import { seededRandom } from './random';

/** The binding through which `$now()`/`$millis()` find the clock of the current evaluation. */
export const CLOCK_BINDING = '@clock';

interface Focus {
  environment: { lookup(name: string): unknown };
}
interface BuiltIn {
  implementation: (this: Focus, ...args: unknown[]) => unknown;
}

const YEAR_1 = Date.parse('0001-01-01T00:00:00.000Z');
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00.000Z');

function clockOf(focus: Focus): Date {
  const now = focus.environment.lookup(CLOCK_BINDING) as (() => Date) | undefined;
  return now ? now() : new Date();
}

function partition(items: unknown[], size: number): unknown[][] {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`$partition: the chunk size must be a positive integer but was ${size}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Inclusive range. Returned as a JSONata sequence: AWS answers `1` for `$range(1, 9, 9)`. */
function range(start: number, end: number, step: number): unknown[] {
  if (step === 0) throw new Error('$range: the step must not be 0');
  const values: number[] & { sequence?: boolean } = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
  if (values.length > 0) values.sequence = true;
  return values;
}

function hash(data: string, algorithm: string): string {
  const digest = hashHex(data, algorithm);
  if (digest === undefined) throw new Error(`$hash: the algorithm must be one of ${HASH_ALGORITHM_NAMES}`);
  return digest;
}

function parse(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    throw new Error(`$parse: the string ${JSON.stringify(text)} is not valid JSON`);
  }
}

/** Adds the Step Functions functions to a freshly compiled expression. */
export function registerStepFunctionsFunctions(expression: Expression): void {
  expression.registerFunction('partition', partition, '<an:a>');
  expression.registerFunction('range', range, '<nnn:a>');
  expression.registerFunction('hash', hash, '<ss:s>');
  expression.registerFunction('random', (seed?: number) => (seed === undefined ? Math.random() : seededRandom(seed)), '<n?:n>');
  expression.registerFunction('uuid', () => randomUUID(), '<:s>');
  expression.registerFunction('parse', parse, '<s:x>');
  expression.registerFunction(
    'now',
    function (this: Focus, picture?: string, timezone?: string) {
      const now = clockOf(this);
      // JSONata's default picture is ISO 8601 in UTC, which toISOString writes ~20 times faster,
      // the same for years 1-9999 (toISOString writes others as ±YYYYYY).
      if (picture === undefined && timezone === undefined && now.getTime() >= YEAR_1 && now.getTime() < YEAR_10000)
        return now.toISOString();
      const fromMillis = this.environment.lookup('fromMillis') as BuiltIn;
      return fromMillis.implementation.call(this, now.getTime(), picture, timezone);
    },
    '<s?s?:s>',
  );
  expression.registerFunction(
    'millis',
    function (this: Focus) {
      return clockOf(this).getTime();
    },
    '<:n>',
  );
  expression.assign('eval', undefined);
}
