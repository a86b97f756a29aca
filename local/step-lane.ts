/**
 * The workflow steps' lane (issue 9, paced submit latency). In the embedded runtime the API's
 * requests and the workflow steps the engine runs (the Lambdas of intake, task opening, ...)
 * share one event loop. Started all at once, a burst of steps interleaves its many short
 * callbacks with every request's, so a submission waits behind all of them at each of its
 * awaits. On AWS each Lambda has its own capacity; here the lane gives the API first claim:
 * while an API request is in flight at most `whileApiBusy` steps run, otherwise at most
 * `concurrency`; the others wait in order (FIFO) and start as running ones settle or the API
 * goes quiet. Nothing about a step changes but when it starts: the engine already counts it as
 * in flight (so `engine.idle()` waits for it), and its input and result are the same.
 */
export interface StepLane {
  /** `handler`, started only when the lane has room. */
  wrap<E, C, R>(handler: (event: E, context: C) => Promise<R>): (event: E, context: C) => Promise<R>;
  /** Marks one API request in flight; call the returned function once it is answered. */
  apiRequest(): () => void;
  /** Steps running now, and waiting for room. */
  stats(): { running: number; waiting: number };
}

export interface StepLaneOptions {
  /** Steps running at once while no API request is in flight (`Infinity`: no limit). */
  concurrency: number;
  /** Steps running at once while an API request is in flight (>= 1, so steps never starve). */
  whileApiBusy: number;
}

export function createStepLane({ concurrency, whileApiBusy }: StepLaneOptions): StepLane {
  if (!(whileApiBusy >= 1) || !(concurrency >= whileApiBusy)) {
    throw new Error(`step lane: expected 1 <= whileApiBusy <= concurrency (got ${whileApiBusy}, ${concurrency})`);
  }
  let running = 0;
  let apiInFlight = 0;
  const waiting: Array<() => void> = [];
  const pump = () => {
    const limit = apiInFlight > 0 ? whileApiBusy : concurrency;
    while (running < limit && waiting.length > 0) {
      running += 1;
      waiting.shift()!(); // length checked by the loop
    }
  };
  const room = (): Promise<void> => {
    const started = new Promise<void>((resolve) => waiting.push(resolve));
    pump();
    return started;
  };
  return {
    wrap: (handler) => async (event, context) => {
      await room();
      try {
        return await handler(event, context);
      } finally {
        running -= 1;
        pump();
      }
    },
    apiRequest: () => {
      apiInFlight += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        apiInFlight -= 1;
        pump();
      };
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}

/** The defaults (measured: docs/BENCHMARKS.md "Issue 9: paced latency"). */
export const DEFAULT_STEP_LANE: StepLaneOptions = { concurrency: 8, whileApiBusy: 1 };

/**
 * `ONETHING_STEP_LANE` (local runtime only): `<concurrency>,<whileApiBusy>` (e.g. `8,1`), or
 * `off` for no lane (every step starts at once). Anything else fails at start naming the variable.
 */
export function stepLaneFromEnv(env: NodeJS.ProcessEnv = process.env): StepLaneOptions {
  const raw = env.ONETHING_STEP_LANE;
  if (raw === undefined || raw === '') return DEFAULT_STEP_LANE;
  if (raw === 'off') return { concurrency: Infinity, whileApiBusy: Infinity };
  const [concurrency, whileApiBusy, ...rest] = raw.split(',').map(Number);
  const valid = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1;
  if (!valid(concurrency) || !valid(whileApiBusy) || whileApiBusy > concurrency || rest.length > 0) {
    throw new Error(`ONETHING_STEP_LANE: expected <concurrency>,<whileApiBusy> with 1 <= whileApiBusy <= concurrency, or off (got ${raw})`);
  }
  return { concurrency, whileApiBusy };
}
