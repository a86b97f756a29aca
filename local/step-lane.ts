/**
 * The workflow steps' lane (issue 9, paced submit latency). In the embedded runtime the API's
 * requests and the workflow steps the engine runs (the Lambdas of intake, task opening, ...)
 * share one event loop, which serves ready callbacks in arrival order. Started all at once, a
 * burst of steps interleaves its many short callbacks with a submission's, which then waits
 * behind all of them at each of its awaits: each submission brings ~5 steps, so at a rate the
 * thread cannot keep up with, the steps pile up and every later submission waits behind the
 * pile. On AWS each Lambda has its own capacity; here the lane bounds the pile: at most
 * `concurrency` steps run at a time, and once more than that are waiting or running (a pile)
 * only `whilePriority` while a priority request (a submission) is in flight. The others wait in
 * order (FIFO) and start as running ones settle. Below a pile the lane changes nothing: spreading
 * a few steps out would only make more submissions overlap with them.
 * Nothing about a step changes but when it starts: the engine already counts it as in flight
 * (so `engine.idle()` waits for it), and its input and result are the same.
 */
export interface StepLane {
  /** `work` (a step's handler, an SMS send), started only when the lane has room. */
  wrap<A extends unknown[], R>(work: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** Marks one priority request in flight; call the returned function once it has settled. */
  priority(): () => void;
  /** Steps running now, and waiting for room. */
  stats(): { running: number; waiting: number };
}

export interface StepLaneOptions {
  /** Steps running at once (`Infinity`: no limit). */
  concurrency: number;
  /** Steps running at once while a priority request is in flight and a pile waits (>= 1, so steps never starve). */
  whilePriority: number;
}

export function createStepLane({ concurrency, whilePriority }: StepLaneOptions): StepLane {
  if (!(whilePriority >= 1) || !(concurrency >= whilePriority)) {
    throw new Error(`step lane: expected 1 <= whilePriority <= concurrency (got ${whilePriority}, ${concurrency})`);
  }
  if (concurrency === Infinity) return noLane();
  let running = 0;
  let priorityInFlight = 0;
  const waiting: Array<() => void> = [];
  // A pile: more steps than may run at once. Below it nothing waits, as without a lane.
  const limit = () => (running + waiting.length > concurrency && priorityInFlight > 0 ? whilePriority : concurrency);
  const pump = () => {
    while (waiting.length > 0 && running < limit()) {
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
    wrap:
      (work) =>
      async (...args) => {
        await room();
        try {
          return await work(...args);
        } finally {
          running -= 1;
          pump();
        }
      },
    priority: () => {
      priorityInFlight += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        priorityInFlight -= 1;
        pump();
      };
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}

/** Without a lane a step starts at once: no queue, no extra promise, only the count of those running. */
function noLane(): StepLane {
  let running = 0;
  return {
    wrap:
      (work) =>
      async (...args) => {
        running += 1;
        try {
          return await work(...args);
        } finally {
          running -= 1;
        }
      },
    priority: () => () => {},
    stats: () => ({ running, waiting: 0 }),
  };
}

/** No lane: every step starts at once. */
export const NO_STEP_LANE: StepLaneOptions = { concurrency: Infinity, whilePriority: Infinity };

/**
 * The default is no lane: on a quiet machine, with the per-call savings of issue 9, the paced
 * targets were met without it and the lane cost ~45 % of the completed applications/s at
 * concurrency 16-32 (docs/BENCHMARKS.md "Issue 9: the three levers together"). `8,2` is the
 * setting measured for a runtime that must answer bursts of submissions while overloaded.
 */
export const DEFAULT_STEP_LANE: StepLaneOptions = NO_STEP_LANE;

/**
 * `ONETHING_STEP_LANE` (local runtime only): `<concurrency>,<whilePriority>` (e.g. `8,2`), or
 * `off` for no lane (every step starts at once). Anything else fails at start naming the variable.
 */
export function stepLaneFromEnv(env: NodeJS.ProcessEnv = process.env): StepLaneOptions {
  const raw = env.ONETHING_STEP_LANE;
  if (raw === undefined || raw === '') return DEFAULT_STEP_LANE;
  if (raw === 'off') return NO_STEP_LANE;
  const [concurrency, whilePriority, ...rest] = raw.split(',').map(Number);
  const valid = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1;
  if (!valid(concurrency) || !valid(whilePriority) || whilePriority > concurrency || rest.length > 0) {
    throw new Error(
      `ONETHING_STEP_LANE: expected <concurrency>,<whilePriority> with 1 <= whilePriority <= concurrency, or off (got ${raw})`,
    );
  }
  return { concurrency, whilePriority };
}
