import type { FunctionSpec } from '../access';

/**
 * The probe scheduler (shared/walkthroughs/probes.ts `sweepProbes`): one rate schedule runs
 * it (infra/constructs/probes.ts). It starts due probes through the walk-through path (a
 * submission: placeholder uploads, the application, StartExecution) and records each run's
 * outcome on the probe items.
 */
export const probeSchedulerFunction: FunctionSpec = {
  name: 'probe-scheduler',
  entry: 'functions/walkthroughs/probe-scheduler.ts',
  access: [
    'main:read',
    'main:write',
    'audit:read',
    'audit:append',
    'materials:write:uploads',
    'materials:read:uploads',
    'materials:write:applications',
    'sfn:start',
  ],
};
