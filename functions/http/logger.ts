/**
 * The edge's logger. Log lines may carry error messages and stacks, which can quote request
 * data; anything shaped like a resident ID number is masked before it is written.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { maskIdNumber } from '../../shared/identity';

// Any 18-character ID shape, valid check character or not: a mistyped ID is still personal data.
const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const maskIdNumbersInText = (text: string): string => text.replace(ID_SHAPED, maskIdNumber);

export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorDescription;
}

/** A loggable summary of a thrown value (name, masked message, stack, cause chain), nothing else. */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error)) return { name: typeof error, message: maskIdNumbersInText(String(error)) };
  const described: ErrorDescription = { name: error.name, message: maskIdNumbersInText(error.message) };
  if (error.stack) described.stack = maskIdNumbersInText(error.stack);
  // Bounded: a cause chain is a few links deep; a cycle must not hang the error path.
  if (error.cause !== undefined && depth < 3) described.cause = describeError(error.cause, depth + 1);
  return described;
}

/** The default logger of the HTTP functions (level from `POWERTOOLS_LOG_LEVEL`). */
export const httpLogger = new Logger({ serviceName: 'onething-api' });
