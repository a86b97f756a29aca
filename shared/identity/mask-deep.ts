/**
 * Deep masking of log payloads by key name. Unknown keys are kept, but any resident ID
 * number inside their strings is still masked, so a stray ID in a message does not leak.
 */
import { maskAddress, maskEmail, maskIdNumber, maskIdNumbersInText, maskName, maskPhone } from './mask';

type Masker = (value: string) => string;

/**
 * `name` and `*Name` keys are masked unless they name a technical thing: masking too much
 * in a log costs little, missing a person's name is a PIPL incident.
 */
const TECHNICAL_NAMES = new Set(
  [
    'service',
    'file',
    'table',
    'bucket',
    'function',
    'stateMachine',
    'execution',
    'department',
    'dept',
    'material',
    'host',
    'event',
    'field',
    'type',
    'queue',
    'log',
    'stage',
    'route',
    'index',
    'key',
  ].map((p) => `${p}name`),
);

function maskerFor(key: string): Masker | undefined {
  const k = key.toLowerCase();
  if (/idnumbers?$/.test(k) || /idcard(no)?$/.test(k)) return maskIdNumber;
  if (/(phone|mobile|telephone)(no|number)?$/.test(k)) return maskPhone;
  if (/email$/.test(k)) return maskEmail;
  if (/address$/.test(k)) return maskAddress;
  if (k === 'name' || (k.endsWith('name') && !TECHNICAL_NAMES.has(k))) return maskName;
  return undefined;
}

/**
 * A copy of `value` with personal data masked, for logging. Keys matched (case-insensitive):
 * `idNumber`/`*IdNumber(s)`/`*IdCard`, `phone`/`mobile`, `email`, `*address`, `name`/`*Name`.
 * Arrays under a matched key have each string masked; cycles become `"[Circular]"`; an
 * `Error` becomes `{ name, message }`. The result keeps the shape of `T` for logging, but
 * masked numbers become strings.
 *
 * @example maskPersonalData({ child: { name: '张小明', idNumber: '410106201909010034' } })
 * // { child: { name: '张**', idNumber: '410106********0034' } }
 */
export function maskPersonalData<T>(value: T): T {
  return walk(value, undefined, new WeakSet()) as T;
}

function walk(value: unknown, masker: Masker | undefined, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return masker ? masker(value) : maskIdNumbersInText(value);
  if (typeof value === 'number' && masker) return masker(String(value));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => walk(v, masker, seen));
    if (value instanceof Error) return { name: value.name, message: maskIdNumbersInText(value.message) };
    const out: Record<string, unknown> = {};
    // Only arrays inherit their key's masker: `name: { zh, en }` is a label, not a person.
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, maskerFor(k), seen);
    return out;
  } finally {
    seen.delete(value);
  }
}
