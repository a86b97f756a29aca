/** The array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
import { intrinsicFailure } from './errors';
import { argOf, expectArgs, intArg, type IntrinsicImpl } from './intrinsics-args';
import { jsonEquals } from './json-compare';

/** AWS caps States.ArrayRange at 1,000 items. */
const MAX_RANGE_ITEMS = 1000;

function partition(args: unknown[], name: string): unknown[][] {
  expectArgs(name, args, 2);
  const items = argOf<unknown[]>(name, args, 0, 'array');
  const size = intArg(name, args, 1);
  if (size <= 0) throw intrinsicFailure(name, `the chunk size must be a positive integer but was ${size}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function range(args: unknown[], name: string): number[] {
  expectArgs(name, args, 3);
  const [start, end, step] = [intArg(name, args, 0), intArg(name, args, 1), intArg(name, args, 2)];
  if (step === 0) throw intrinsicFailure(name, 'the step must not be 0');
  const count = Math.max(Math.floor((end - start) / step) + 1, 0);
  if (count > MAX_RANGE_ITEMS) {
    throw intrinsicFailure(name, `the range has ${count} items; at most ${MAX_RANGE_ITEMS} are allowed`);
  }
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function getItem(args: unknown[], name: string): unknown {
  expectArgs(name, args, 2);
  const items = argOf<unknown[]>(name, args, 0, 'array');
  const index = intArg(name, args, 1);
  if (index < 0 || index >= items.length) {
    throw intrinsicFailure(name, `the index ${index} is out of bounds for an array of length ${items.length}`);
  }
  return items[index];
}

function unique(args: unknown[], name: string): unknown[] {
  expectArgs(name, args, 1);
  const kept: unknown[] = [];
  for (const item of argOf<unknown[]>(name, args, 0, 'array')) {
    if (!kept.some((seen) => jsonEquals(seen, item))) kept.push(item);
  }
  return kept;
}

export const arrayFunctions: Record<string, IntrinsicImpl> = {
  'States.Array': (args) => [...args],
  'States.ArrayPartition': partition,
  'States.ArrayContains': (args, name) => {
    expectArgs(name, args, 2);
    return argOf<unknown[]>(name, args, 0, 'array').some((item) => jsonEquals(item, args[1]));
  },
  'States.ArrayRange': range,
  'States.ArrayGetItem': getItem,
  'States.ArrayLength': (args, name) => (expectArgs(name, args, 1), argOf<unknown[]>(name, args, 0, 'array').length),
  'States.ArrayUnique': unique,
};
