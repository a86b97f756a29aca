/** The compiled (validated, parsed once) form of an Amazon States Language definition. */
import type { TaskResource } from '../tasks/resources';

export type QueryLanguage = 'JSONPath' | 'JSONata';
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath?: string | null;
  output?: unknown;
  assign?: Record<string, unknown>;
}

export interface CompiledState {
  name: string;
  type: StateType;
  lang: QueryLanguage;
  /** The state's JSON as written; handlers read their fields from it. */
  raw: Record<string, unknown>;
  next?: string;
  end: boolean;
  retry: Retrier[];
  catch: Catcher[];
  resource?: TaskResource;
  /** Machine ids of a Parallel state's branches. */
  branches?: string[];
  /** Machine id of a Map state's item processor. */
  processor?: string;
}

export interface CompiledMachine {
  id: string;
  /** The Parallel or Map state that runs this machine (absent for the root). */
  owner?: { state: string; type: 'Parallel' | 'Map' };
  startAt: string;
  states: Map<string, CompiledState>;
}

export interface CompiledDefinition {
  root: CompiledMachine;
  /** Every machine (root, branches, item processors) by id. */
  machines: Map<string, CompiledMachine>;
  timeoutSeconds?: number;
}

export interface Diagnostic {
  code: string;
  message: string;
  location: string;
}
