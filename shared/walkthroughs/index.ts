/**
 * Walk-throughs (走流程), findings and scheduled probes (docs/DESIGN.md "Walk-throughs and
 * probes"): the services the HTTP handlers and the probe scheduler call, built once from the
 * platform deps.
 */
import type { Principal } from '../auth/principal';
import type { PlatformDeps } from '../deps';
import { createContext } from '../applications/context';
import { createCursorCodec, fallbackCursorSecret } from '../applications/cursor';
import { createMetrics } from '../observability/metrics';
import { listProbes, putProbe, sweepProbes } from './probes';
import type {
  CreateWalkthroughRequest,
  FindingRequest,
  ProbeSettingsRequest,
  RectificationRequest,
  WalkthroughListQuery,
  WalkthroughSupplementRequest,
} from './schemas';
import { loadWalkthroughSettings } from './settings';
import {
  addFinding,
  answerSupplement,
  getWalkthrough,
  listWalkthroughs,
  rectify,
  startWalkthrough,
  type WalkthroughSettings,
} from './walkthroughs';

export * from './schemas';
export type { WalkthroughSettings } from './walkthroughs';
export type { SweepReport } from './probes';

/**
 * @example
 * const walks = createWalkthroughService(deps);
 * const { id } = await walks.create(official, { serviceId: 'newborn', mode: 'probe' });
 * const report = await walks.get(id); // burden, steps per department, findings
 */
export function createWalkthroughService(deps: PlatformDeps, settings: WalkthroughSettings = loadWalkthroughSettings()) {
  const ctx = createContext(deps);
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));
  const metrics = createMetrics({ clock: deps.clock });
  return {
    create: (p: Principal, req: CreateWalkthroughRequest, idempotencyKey?: string) => startWalkthrough(ctx, p, req, idempotencyKey),
    list: (p: Principal, q: WalkthroughListQuery) => listWalkthroughs(ctx, cursors, settings, p.sub, q),
    get: (id: string) => getWalkthrough(ctx, settings, id),
    supplement: (p: Principal, id: string, req: WalkthroughSupplementRequest) => answerSupplement(ctx, settings, p, id, req),
    addFinding: (p: Principal, id: string, req: FindingRequest, idempotencyKey?: string) =>
      addFinding(ctx, settings, p, id, req, idempotencyKey),
    rectify: (p: Principal, id: string, findingId: string, req: RectificationRequest) => rectify(ctx, settings, p, id, findingId, req),
    putProbe: (p: Principal, serviceId: string, req: ProbeSettingsRequest) => putProbe(ctx, p, serviceId, req),
    listProbes: () => listProbes(ctx),
    /** The probe scheduler's body (local timer and dev clock; the AWS rate schedule). */
    sweepProbes: () => sweepProbes(ctx, metrics),
  };
}

export type WalkthroughService = ReturnType<typeof createWalkthroughService>;
