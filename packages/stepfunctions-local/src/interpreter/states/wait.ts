/** Wait: a durable timer until `Seconds` from now or until `Timestamp`. */
import { evaluateJsonata, evaluatePayloadTemplate, readPath, StatesError, toAwsJsonString, type Variables } from '../../expressions';
import { applyOutputPath, selectInput } from '../dataflow';
import { jsonataBindings, pathContext } from '../scope';
import type { Outcome, StepContext } from '../types';

// ISO-8601 extended offset date-time as java.time.OffsetDateTime accepts it.
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO-8601 offset date-time, or undefined when malformed or out of range. */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo = '', d = '', h = '', mi = '', sec = '00', frac = '', zone] = m; // only sec and frac are optional groups
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +sec > 59) return undefined;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${(frac + '000').slice(0, 3)}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Arms the Wait timer (or leaves at once when already due), then leaves when it fires. */
export async function runWait(s: StepContext): Promise<Outcome> {
  if (s.resume.kind === 'timer') return leave(s);
  const dueAt = await dueTime(s);
  if (dueAt <= s.rt.now()) return leave(s);
  s.frame.phase = 'wait';
  s.rt.setTimer(s.exec, s.frame, 'wait', dueAt);
  return { kind: 'park' };
}

async function leave(s: StepContext): Promise<Outcome> {
  const raw = s.state.raw;
  if (s.state.lang === 'JSONata') {
    const b = jsonataBindings(s);
    const output = raw.Output === undefined ? s.frame.input : await evaluateJsonata(raw.Output, 'Output', b);
    const assigned = raw.Assign === undefined ? undefined : ((await evaluateJsonata(raw.Assign, 'Assign', b)) as Variables);
    return { kind: 'next', output, assigned };
  }
  const input = selectInput(s);
  const assigned = raw.Assign === undefined ? undefined : (evaluatePayloadTemplate(raw.Assign, pathContext(s, input)) as Variables);
  return { kind: 'next', output: applyOutputPath(s, input), assigned };
}

async function dueTime(s: StepContext): Promise<number> {
  const raw = s.state.raw;
  const now = s.rt.now();
  if (s.state.lang === 'JSONata') {
    const b = jsonataBindings(s);
    if (raw.Seconds !== undefined) {
      const seconds = await evaluateJsonata(raw.Seconds, 'Seconds', b);
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw new StatesError(
          'States.QueryEvaluationError',
          `The Seconds field must be a non-negative integer, but was: ${toAwsJsonString(seconds)}`,
        );
      }
      return now + seconds * 1000;
    }
    const stamp = await evaluateJsonata(raw.Timestamp, 'Timestamp', b);
    const due = parseTimestamp(stamp);
    if (due === undefined) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${String(stamp)}`,
      );
    }
    return due;
  }
  if (raw.Seconds !== undefined) return now + (raw.Seconds as number) * 1000;
  if (raw.Timestamp !== undefined) {
    const due = parseTimestamp(raw.Timestamp);
    if (due === undefined)
      throw new StatesError(
        'States.Runtime',
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${String(raw.Timestamp)}`,
      );
    return due;
  }
  const input = selectInput(s);
  const ctx = pathContext(s, input);
  if (raw.SecondsPath !== undefined) {
    const path = raw.SecondsPath as string;
    const seconds = readPath(path, ctx);
    const text = `${path} == ${typeof seconds === 'string' ? seconds : toAwsJsonString(seconds)}`;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds))
      throw new StatesError('States.Runtime', `The SecondsPath parameter cannot be parsed as a long value: ${text}`);
    if (seconds < 0) throw new StatesError('States.Runtime', `The SecondsPath parameter references a negative value: ${text}`);
    return now + seconds * 1000;
  }
  const path = raw.TimestampPath as string;
  const stamp = readPath(path, ctx);
  const due = parseTimestamp(stamp);
  if (due === undefined) {
    const shown = typeof stamp === 'string' ? stamp : toAwsJsonString(stamp);
    throw new StatesError(
      'States.Runtime',
      `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${shown}`,
    );
  }
  return due;
}
