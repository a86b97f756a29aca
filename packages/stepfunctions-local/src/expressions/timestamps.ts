/** RFC 3339 timestamps as Choice rules compare them (nanosecond precision, any offset). */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as [epoch seconds, nanoseconds], or undefined when `text` is not RFC 3339. */
export function parseTimestamp(text: unknown): [number, number] | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]; // six mandatory groups
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(millis);
  // Reject dates JavaScript would roll over (2016-02-30, 25:00:00).
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const zone = m[8]!; // the zone group is mandatory
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return [millis / 1000 - offsetMinutes * 60, nanos];
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareTimestamps(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
