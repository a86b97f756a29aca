/**
 * Properties of the canonical JSON and the hash chain over arbitrary Unicode (lone surrogates
 * included) and odd shapes: a value is either refused with a CanonicalJsonError, or
 * canonicalised deterministically and verifiably; and nothing the API edge accepts is refused.
 */
import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError, MAX_CANONICAL_DEPTH } from '../../../../shared/audit/canonical';
import { GENESIS_HASH, hashEvent, verifyChain, type ChainLink } from '../../../../shared/audit/chain';
import { jsonInputErrors } from '../../../../functions/http/json-input';

const RUNS = { seed: 14, numRuns: 300 };

/** Any UTF-16 string: well-formed text, astral characters and lone surrogates. */
export const anyText = fc.string({
  unit: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff') },
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom('a', '"', '\\', '\u0000', '\u2028', '😀', '办', 'é') },
  ),
  maxLength: 8,
});

/** JSON-shaped values with any text in keys and strings. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    anyText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Whether a value holds a string or key that is not well-formed, by a second definition (regex). */
function hasLoneSurrogate(value: unknown): boolean {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  if (typeof value === 'string') return lone.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => lone.test(k) || hasLoneSurrogate(v));
  return false;
}

/** Keys in a random order: canonical JSON must not depend on insertion order. */
function shuffled(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, rand));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(() => rand() - 0.5);
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, rand)]));
  }
  return value;
}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

test('refused exactly when a string or key has a lone surrogate; otherwise parseable, idempotent and order-independent', () => {
  fc.assert(
    fc.property(anyJson, fc.integer(), (value, seed) => {
      let text: string;
      try {
        text = canonicalJson(value);
      } catch (error) {
        expect(error).toBeInstanceOf(CanonicalJsonError);
        expect(hasLoneSurrogate(value)).toBe(true);
        return;
      }
      expect(hasLoneSurrogate(value)).toBe(false);
      // The text is JSON for the same value (-0 is written as 0, as JSON.stringify does).
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      expect(canonicalJson(JSON.parse(text))).toBe(text);
      let state = seed;
      const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      expect(canonicalJson(shuffled(value, rand))).toBe(text);
    }),
    RUNS,
  );
});

test('nothing the API edge accepts is refused by the canonical JSON, even wrapped in an event', () => {
  fc.assert(
    fc.property(anyJson, (value) => {
      if (jsonInputErrors(value).length > 0) return;
      expect(() => canonicalJson({ seq: 1, type: 'submitted', detail: { form: value } })).not.toThrow();
    }),
    RUNS,
  );
});

test('depth: refused with a clear error past the limit (no stack overflow), accepted up to it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), (depth) => {
      if (depth <= MAX_CANONICAL_DEPTH) expect(canonicalJson(nested(depth))).toBe(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
      else expect(() => canonicalJson(nested(depth))).toThrow(CanonicalJsonError);
    }),
    { seed: 14, numRuns: 60 },
  );
});

test('hash chain: any chain of accepted details verifies; changing any one event breaks it at that event', () => {
  const detail = anyJson.filter((v) => !hasLoneSurrogate(v));
  fc.assert(
    fc.property(
      fc.array(detail, { minLength: 1, maxLength: 6 }),
      fc.nat(),
      anyText.filter((s) => !hasLoneSurrogate(s)),
      (details, pick, replacement) => {
        const chain: Array<ChainLink & { detail: unknown }> = [];
        let prevHash = GENESIS_HASH;
        for (const [i, d] of details.entries()) {
          const event = { seq: i + 1, type: 'x', detail: d, prevHash };
          const hash = hashEvent(event, prevHash);
          chain.push({ ...event, hash });
          prevHash = hash;
        }
        expect(verifyChain(chain)).toEqual({ ok: true, checked: chain.length });
        const at = pick % chain.length;
        const changed = { detail: { changed: replacement, was: chain[at]!.detail } };
        const tampered = chain.map((e, i) => (i === at ? { ...e, ...changed } : e));
        expect(verifyChain(tampered)).toEqual({ ok: false, checked: at, firstBrokenAt: { seq: at + 1, reason: 'hash-mismatch' } });
      },
    ),
    { seed: 14, numRuns: 150 },
  );
});
