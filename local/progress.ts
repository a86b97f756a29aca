/**
 * Tells listeners each time the platform may have changed state on its own: a workflow step
 * (a Lambda the engine ran) settled, or a scheduled reconcile finished. Tests wait on it
 * instead of polling on a timer; nothing in the platform depends on it.
 */
export type Progress = 'step' | 'reconcile' | 'probes' | 'notifications';

export interface ProgressSignal {
  /** Calls `listener` after each step or reconcile run; returns the function that unsubscribes. */
  onProgress(listener: (what: Progress) => void): () => void;
}

export function createProgressSignal(): ProgressSignal & { notify(what: Progress): void } {
  const listeners = new Set<(what: Progress) => void>();
  return {
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(what) {
      for (const listener of [...listeners]) listener(what);
    },
  };
}

/** `handler`, telling `signal` when each call has settled (returned or thrown). */
export function observed<E, C, R>(
  handler: (event: E, context: C) => Promise<R>,
  signal: { notify(what: Progress): void },
): (event: E, context: C) => Promise<R> {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } finally {
      signal.notify('step');
    }
  };
}
