import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../shared/calendar/cli';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

test('check prints the working days per month of a valid file', () => {
  const { code, out, err } = run(['check', join(__dirname, '../../../../shared/calendar/data/2026.json')]);
  expect(code).toBe(0);
  expect(err).toEqual([]);
  expect(out[0]).toMatch(/2026\.json: valid \(2026, /);
  // October 2026: 22 weekdays - 5 weekdays of 国庆 (10/1-2, 10/5-7) + make-up 10/10 = 18.
  expect(out).toContain('  2026-10  18 working days');
  // February: 20 weekdays - 6 (2/16-20, 2/23) + make-up 2/14 and 2/28 = 16.
  expect(out).toContain('  2026-02  16 working days');
  expect(out).toContain('  total    248 working days');
});

test('check of a bad file exits 1 naming the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onething-calendar-cli-'));
  try {
    const path = join(dir, '2027.json');
    writeFileSync(path, JSON.stringify({ year: 2027, source: 's', published: '2026-11-01', holidays: [], workdays: [] }));
    const { code, out, err } = run(['check', path]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`${path}: holidays: `);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.each([[[]], [['check']], [['verify', 'x.json']], [['check', 'a.json', 'b.json']]])('usage error for %p exits 2', (args) => {
  const { code, err } = run(args);
  expect(code).toBe(2);
  expect(err[0]).toMatch(/^usage: /);
});
