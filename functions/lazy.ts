/** A getter that builds its value once; factories take getters so that tests can pass fakes. */
export type Lazy<T> = () => T;

/** Memoises `build`: nothing is built until the first call (public routes never build services). */
export function once<T>(build: () => T): Lazy<T> {
  let value: T | undefined;
  return () => (value ??= build());
}
