/** Argument checks shared by the intrinsic functions; failures name the function and position. */
import { intrinsicFailure } from './errors';
import { jsonTypeName, toAwsJsonString } from './json';

/** An intrinsic: evaluated arguments in, value out (`placeholders` only for States.Format). */
export type IntrinsicImpl = (args: unknown[], name: string, placeholders?: number[]) => unknown;

/** Fails unless exactly `count` (or between min and max) arguments were given. */
export function expectArgs(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw intrinsicFailure(name, `expected ${wanted} argument(s) but received ${args.length}`);
  }
}

/** Returns the argument if it has the JSON type wanted, else fails naming its position. */
export function argOf<T>(name: string, args: unknown[], index: number, type: string): T {
  const value = args[index];
  if (jsonTypeName(value) !== type) {
    throw intrinsicFailure(
      name,
      `argument ${index + 1} must be of type '${type}' but was '${jsonTypeName(value)}' for value: ${toAwsJsonString(value)}`,
    );
  }
  return value as T;
}

/** Fails unless the argument is an integer (after AWS's rounding, when `round` is set). */
export function intArg(name: string, args: unknown[], index: number, round = false): number {
  const value = argOf<number>(name, args, index, 'number');
  // Java's Math.round: AWS rounds MathAdd/MathRandom arguments to the nearest integer.
  const rounded = round ? Math.floor(value + 0.5) : value;
  if (!Number.isInteger(rounded)) throw intrinsicFailure(name, `argument ${index + 1} must be an integer but was ${value}`);
  return rounded;
}
