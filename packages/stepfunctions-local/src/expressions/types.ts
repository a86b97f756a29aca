/** Values a path or expression is evaluated against. */
export type Variables = Record<string, unknown>;

/** The three roots a JSONPath-mode reference can start from: `$`, `$$` and `$name`. */
export interface PathContext {
  input: unknown;
  context: unknown;
  variables: Variables;
}
