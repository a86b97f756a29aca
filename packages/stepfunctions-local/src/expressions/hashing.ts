/** The hash algorithms States.Hash and $hash accept, by their AWS names. */
import { createHash } from 'node:crypto';

const ALGORITHMS = new Map([
  ['MD5', 'md5'],
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
]);

/** "MD5, SHA-1, SHA-256, SHA-384, SHA-512", for error messages. */
export const HASH_ALGORITHM_NAMES = [...ALGORITHMS.keys()].join(', ');

/** Lower-case hex digest of the UTF-8 text, or undefined for an unknown algorithm name. */
export function hashHex(text: string, algorithm: string): string | undefined {
  const name = ALGORITHMS.get(algorithm);
  return name === undefined ? undefined : createHash(name).update(text, 'utf8').digest('hex');
}
