/**
 * Well-formed Unicode: a string with no lone UTF-16 surrogate (`String.prototype.isWellFormed`,
 * Node 20+ and nodejs22.x). Such a string has a UTF-8 encoding, so DynamoDB, S3, the canonical
 * JSON of the timing log and every client see the same text. The edge refuses anything else
 * (functions/http/json-input.ts) and the canonical JSON refuses it too (shared/audit), by this
 * one definition, so the log can never refuse what the API accepted.
 */

// ES2024 lib typings are not enabled (tsconfig lib ES2023); the method exists on both runtimes.
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

/** True when `text` has no lone surrogate. @example isWellFormedText('ok \ud800') // false */
export const isWellFormedText = (text: string): boolean => (text as WellFormedString).isWellFormed();

/** `text` with every lone surrogate replaced by U+FFFD, to quote a bad value safely in a message. */
export const toWellFormedText = (text: string): string => (text as WellFormedString).toWellFormed();
