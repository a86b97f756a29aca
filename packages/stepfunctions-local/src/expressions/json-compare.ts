/** Comparisons of JSON values: structural equality and the JSONPath filter operators (Jayway rules). */

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** Applies a filter operator (`==`, `<`, `=~`, `in`, ...) to two operand values. */
export function compareFilterValues(op: string, left: unknown, right: unknown): boolean {
  switch (op) {
    case '==':
      return left !== undefined && jsonEquals(left, right);
    case '!=':
      return left === undefined || !jsonEquals(left, right);
    case '=~':
      return typeof left === 'string' && right instanceof RegExp && right.test(left);
    case 'in':
      return Array.isArray(right) && right.some((candidate) => jsonEquals(left, candidate));
    case 'nin':
      return Array.isArray(right) && !right.some((candidate) => jsonEquals(left, candidate));
    default:
      return ordered(op, left, right);
  }
}

function ordered(op: string, left: unknown, right: unknown): boolean {
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const [l, r] = [left, right];
  if (op === '<') return l < r;
  if (op === '<=') return l <= r;
  if (op === '>') return l > r;
  return l >= r;
}

/** Structural equality of two JSON values. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => hasOwn(recordB, key) && jsonEquals(recordA[key], recordB[key]));
}
