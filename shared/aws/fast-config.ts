/**
 * issue 9: the SDK client's resolved `config` object with V8's fast properties instead of a hash
 * table. Same object, same keys, same values; only how V8 stores them changes.
 *
 * Why: a client's constructor builds `client.config` by `Object.assign`-ing some 50 resolved
 * options onto one object, which V8 then keeps in "dictionary mode" (a hash table). The
 * middleware copies that object on every call: the endpoint middleware (`{ ...config }`), the
 * schema serialiser and deserialiser (`{ ...config, ...context }`). A copy of a dictionary-mode
 * object costs about ten times a copy of a fast one; measured, a third of the client's own CPU
 * per DynamoDB call (docs/BENCHMARKS.md, "Issue 9: the client's config object").
 *
 * How: V8 turns an object back into fast properties when it serves as a prototype and a
 * property lookup goes through it (the long-standing `toFastProperties` idiom, as in bluebird).
 * The throwaway object below is that lookup; nothing is read from or written to `config` itself
 * (the looked-up name is absent, so no getter runs). If a V8 version stops doing this, calls
 * only get slower again, never different.
 */

/** Asks V8 to store `config`'s properties fast (in place); returns `config`. */
export function withFastProperties<Config extends object>(config: Config): Config {
  function Heir(): void {}
  Heir.prototype = config;
  const heir = new (Heir as unknown as new () => { __onethingAbsentProbe?: unknown })();
  // A named lookup that misses on `heir` and goes on to `config`. V8 gives a function its
  // inline caches only after some calls (lazy feedback allocation, 8 in Node 20); the cache's
  // first update then migrates the prototype. 64 calls leave a wide margin and cost nothing.
  // The name is on no SDK config: no getter runs.
  const lookUp = () => heir.__onethingAbsentProbe;
  for (let i = 0; i < LOOKUPS; i++) lookUp();
  return config;
}

const LOOKUPS = 64;
