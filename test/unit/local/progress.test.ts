import { createProgressSignal, observed, type Progress } from '../../../local/progress';

describe('progress signal', () => {
  it('tells every listener after an observed step returned or threw, and not after unsubscribing', async () => {
    const signal = createProgressSignal();
    const seen: Progress[] = [];
    const off = signal.onProgress((what) => seen.push(what));
    const step = observed(async (event: { fail: boolean }) => {
      expect(seen).toEqual(expected); // the listener is told after the handler, never before
      if (event.fail) throw new Error('step failed');
      return 'done';
    }, signal);
    let expected: Progress[] = [];
    await expect(step({ fail: false }, undefined)).resolves.toBe('done');
    expected = ['step'];
    await expect(step({ fail: true }, undefined)).rejects.toThrow('step failed');
    signal.notify('reconcile');
    expect(seen).toEqual(['step', 'step', 'reconcile']);
    off();
    expected = seen.slice();
    await step({ fail: false }, undefined);
    expect(seen).toEqual(['step', 'step', 'reconcile']);
  });
});
