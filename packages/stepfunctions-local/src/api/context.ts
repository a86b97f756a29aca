/** What the API operations share: stores, scheduler, clock and ARN scope. */
import type { ExecCache } from '../core/exec-cache';
import type { TurnRuntime } from '../core/runtime';
import type { Scheduler } from '../core/scheduler';
import type { CatalogStore } from '../store/catalog-store';
import type { RunStore } from '../store/run-store';
import type { ArnScope } from './arn';

export interface ApiContext {
  scope: ArnScope;
  catalog: CatalogStore;
  runs: RunStore;
  execs: ExecCache;
  rt: TurnRuntime;
  scheduler: Scheduler;
  now: () => number;
}
