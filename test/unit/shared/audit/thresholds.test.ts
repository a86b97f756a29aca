import { DEFAULT_THRESHOLDS } from '../../../../shared/audit/anomalies';
import { loadAuditConfig } from '../../../../shared/audit/config';
import { DEFAULT_FINGERPRINT, parseThresholds, thresholdsFingerprint } from '../../../../shared/audit/thresholds';
import { ConfigError } from '../../../../shared/config';

describe('ONETHING_ANOMALY_THRESHOLDS (anomaly thresholds as configuration)', () => {
  it('absent or empty: the defaults of PRODUCT.md', () => {
    expect(parseThresholds(undefined)).toEqual(DEFAULT_THRESHOLDS);
    expect(parseThresholds('  ')).toEqual(DEFAULT_THRESHOLDS);
    expect(loadAuditConfig({}).thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('a partial override keeps the other defaults', () => {
    expect(parseThresholds('{"rubberStampSeconds":120,"workdayEndMinute":1050}')).toEqual({
      ...DEFAULT_THRESHOLDS,
      rubberStampSeconds: 120,
      workdayEndMinute: 1050,
    });
    expect(loadAuditConfig({ ONETHING_ANOMALY_THRESHOLDS: '{"resubmissionWorkingDays":5}' }).thresholds.resubmissionWorkingDays).toBe(5);
  });

  it.each([
    ['{"rubberStampSecond":120}', /ONETHING_ANOMALY_THRESHOLDS\.rubberStampSecond: unknown threshold \(known: rubberStampSeconds/],
    ['{"rubberStampSeconds":"60"}', /ONETHING_ANOMALY_THRESHOLDS\.rubberStampSeconds: .*number/],
    ['{"rubberStampSeconds":0}', /ONETHING_ANOMALY_THRESHOLDS\.rubberStampSeconds: /],
    ['{"workdayEndMinute":1441}', /ONETHING_ANOMALY_THRESHOLDS\.workdayEndMinute: /],
    ['{"resubmissionWorkingDays":2.5}', /ONETHING_ANOMALY_THRESHOLDS\.resubmissionWorkingDays: .*int/],
    ['{"workdayStartMinute":1200}', /ONETHING_ANOMALY_THRESHOLDS\.workdayEndMinute: must be after workdayStartMinute \(1200\)/],
    ['{"rubberStampSeconds":', /ONETHING_ANOMALY_THRESHOLDS: not JSON/],
  ])('refuses %s naming the key', (text, message) => {
    expect(() => parseThresholds(text)).toThrow(message);
    const load = () => loadAuditConfig({ ONETHING_ANOMALY_THRESHOLDS: text });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/Invalid environment variable ONETHING_ANOMALY_THRESHOLDS/);
  });

  it('the fingerprint is independent of key order and tells thresholds apart', () => {
    const a = parseThresholds('{"rubberStampSeconds":120,"workdayStartMinute":540}');
    const b = parseThresholds('{"workdayStartMinute":540,"rubberStampSeconds":120}');
    expect(thresholdsFingerprint(a)).toBe(thresholdsFingerprint(b));
    expect(thresholdsFingerprint(a)).not.toBe(DEFAULT_FINGERPRINT);
    expect(JSON.parse(thresholdsFingerprint(a))).toEqual(a);
  });
});
