/**
 * The probe scheduler's Lambda (EventBridge rate schedule): one sweep over the probe items,
 * starting the due probes and judging the running ones. A sweep that throws is retried by
 * the schedule's target; every step of it is idempotent (docs/DESIGN.md "Walk-throughs and probes").
 */
import type { SweepReport } from '../../shared/walkthroughs';
import { walkthroughService, type Lazy, type WalkthroughService } from '../api/services';

export const createProbeSchedulerHandler = (walks: Lazy<WalkthroughService>) => async (): Promise<SweepReport> => walks().sweepProbes();

export const handler = createProbeSchedulerHandler(walkthroughService);
