import { createHash } from 'node:crypto';
import { GENESIS_HASH, hashEvent, verifyChain, type ChainLink } from '../../../../shared/audit/chain';

interface Event extends ChainLink {
  type: string;
  at: string;
  actor: { role: string; sub?: string };
  department?: string;
  detail?: Record<string, unknown>;
}

/** A correctly linked chain of `n` events, built the way the store appends them. */
function chain(n: number): Event[] {
  const events: Event[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      seq,
      type: seq === 1 ? 'submitted' : 'branch-opened',
      at: new Date(Date.UTC(2026, 8, 30, 2, seq)).toISOString(),
      actor: { role: 'system' },
      department: seq === 1 ? undefined : `dept-${seq}`,
      detail: { round: seq, tags: ['a', 'b'] },
      prevHash,
    };
    const hash = hashEvent(body, prevHash);
    events.push({ ...body, hash });
    prevHash = hash;
  }
  return events;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

test('GENESIS_HASH is 64 zeros', () => {
  expect(GENESIS_HASH).toMatch(/^0{64}$/);
});

test('hashEvent is sha256 of the canonical JSON with prevHash and without hash', () => {
  const expected = sha256(`{"b":2,"prevHash":"${GENESIS_HASH}","seq":1,"type":"submitted"}`);
  expect(hashEvent({ type: 'submitted', seq: 1, b: 2 }, GENESIS_HASH)).toBe(expected);
  expect(hashEvent({ seq: 1, b: 2, type: 'submitted', hash: 'anything' }, GENESIS_HASH)).toBe(expected);
  expect(hashEvent({ seq: 1, b: 2, type: 'submitted', prevHash: GENESIS_HASH }, GENESIS_HASH)).toBe(expected);
});

test('hashEvent refuses an event whose prevHash differs from the argument', () => {
  expect(() => hashEvent({ seq: 2, prevHash: 'a'.repeat(64) }, 'b'.repeat(64))).toThrow(/prevHash/);
});

test('an intact chain verifies; so does an empty one', () => {
  expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 });
  expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
});

describe('tampering with any field of an event is detected at that event', () => {
  const tamperings: Array<[string, (e: Event) => void]> = [
    ['type', (e) => (e.type = 'decided')],
    ['at', (e) => (e.at = '2026-09-30T02:03:00.001Z')],
    ['actor.role (nested)', (e) => (e.actor.role = 'officer')],
    ['detail (deeply nested array)', (e) => (e.detail?.tags as string[]).push('c')],
    ['an added field', (e) => Object.assign(e, { note: 'added' })],
    ['a removed field', (e) => delete e.department],
    ['a number turned into a string', (e) => ((e.detail as Record<string, unknown>).round = '3')],
    ['a value without JSON form', (e) => ((e.detail as Record<string, unknown>).blob = new Uint8Array([1]))],
    ['the stored hash', (e) => (e.hash = 'f'.repeat(64))],
  ];
  test.each(tamperings)('%s', (_field, tamper) => {
    const events = chain(5);
    tamper(events[2]!);
    expect(verifyChain(events)).toEqual({ ok: false, checked: 2, firstBrokenAt: { seq: 3, reason: 'hash-mismatch' } });
  });
});

test('a changed prevHash is a prev-hash-mismatch', () => {
  const events = chain(5);
  events[2]!.prevHash = 'a'.repeat(64);
  expect(verifyChain(events)).toEqual({ ok: false, checked: 2, firstBrokenAt: { seq: 3, reason: 'prev-hash-mismatch' } });
});

test('an event changed and re-hashed breaks the link of the next one', () => {
  const events = chain(5);
  events[2]!.type = 'decided';
  events[2]!.hash = hashEvent(events[2]!, events[2]!.prevHash);
  expect(verifyChain(events)).toEqual({ ok: false, checked: 3, firstBrokenAt: { seq: 4, reason: 'prev-hash-mismatch' } });
});

test('reordering is detected: by seq, or by the links when seqs are rewritten', () => {
  const swapped = chain(5);
  [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
  expect(verifyChain(swapped)).toEqual({ ok: false, checked: 1, firstBrokenAt: { seq: 3, reason: 'seq-gap' } });
  swapped[1].seq = 2;
  swapped[2].seq = 3;
  expect(verifyChain(swapped)).toEqual({ ok: false, checked: 1, firstBrokenAt: { seq: 2, reason: 'prev-hash-mismatch' } });
});

test('deleting an event is detected, including the first', () => {
  const middle = chain(5);
  middle.splice(2, 1);
  expect(verifyChain(middle)).toEqual({ ok: false, checked: 2, firstBrokenAt: { seq: 4, reason: 'seq-gap' } });
  const first = chain(5).slice(1);
  expect(verifyChain(first)).toEqual({ ok: false, checked: 0, firstBrokenAt: { seq: 2, reason: 'seq-gap' } });
});

test('deleting an event and renumbering the rest still breaks the links', () => {
  const events = chain(5);
  events.splice(2, 1);
  events.forEach((e, i) => (e.seq = i + 1));
  // The old seq 4, now numbered 3, still links to the removed event.
  expect(verifyChain(events)).toEqual({ ok: false, checked: 2, firstBrokenAt: { seq: 3, reason: 'prev-hash-mismatch' } });
});

test('truncating the tail cannot be seen from the chain alone (the store compares the last seq)', () => {
  expect(verifyChain(chain(5).slice(0, 4))).toEqual({ ok: true, checked: 4 });
});
