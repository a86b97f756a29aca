/**
 * Middleware that integration tests switch on and off while the runtime runs (fault injection,
 * call counts). The platform's DynamoDB client resolves its middleware once per command class
 * (`cacheMiddleware`, issue 9), so a middleware added to its stack after the first send would
 * never run: instead one dispatcher per step is installed at construction
 * (`startRuntime`'s `clientMiddleware`) and runs whatever probes are registered at the moment.
 */
import type { ClientMiddleware, PluggableOf } from '../../../shared/aws/clients';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DocumentStore } from '../../../shared/aws/document-store';

type Step = 'initialize' | 'finalizeRequest';
type Next = (args: any) => Promise<any>;
type Middleware = (next: Next, context: { commandName?: string }) => (args: any) => Promise<any>;

/** The part of a middleware stack the tests use, for the probes of one client. */
export interface ProbeStack {
  /** `finalizeRequest` probes run inside the SDK's retries (one call per attempt), after signing. */
  add(middleware: Middleware, options: { step: Step; name: string; priority?: 'low' }): void;
  remove(name: string): boolean;
}

interface Probe {
  name: string;
  step: Step;
  middleware: Middleware;
}

/** The dispatchers to install at construction and the stack that registers probes with them. */
export function createClientProbes(): { middleware: ClientMiddleware; stack: ProbeStack } {
  let probes: Probe[] = [];
  // Earlier probes run outside later ones, as on a middleware stack.
  const dispatcher =
    (step: Step): Middleware =>
    (next, context) =>
    (args) => {
      const active = probes.filter((p) => p.step === step);
      const chain = active.reduceRight<Next>((inner, p) => p.middleware(inner, context), next);
      return chain(args);
    };
  const pluggable: PluggableOf<DynamoDBClient> = {
    applyToStack: (stack) => {
      stack.add(dispatcher('initialize') as never, { step: 'initialize', name: 'testProbesInitialize' });
      // Low: inside the retry middleware, so each attempt passes (a failed conditional write too).
      stack.add(dispatcher('finalizeRequest') as never, { step: 'finalizeRequest', priority: 'low', name: 'testProbesFinalize' });
    },
  };
  return {
    middleware: { dynamodb: [pluggable] },
    stack: {
      add: (middleware, { step, name }) => void probes.push({ name, step, middleware }),
      remove: (name) => {
        const before = probes.length;
        probes = probes.filter((p) => p.name !== name);
        return probes.length < before;
      },
    },
  };
}

const stacks = new WeakMap<DocumentStore, ProbeStack>();

/** Ties a runtime's document store to its probes (test/integration/support/runtime.ts). */
export function registerProbes(ddb: DocumentStore, stack: ProbeStack): void {
  stacks.set(ddb, stack);
}

/** The probes of a test runtime's DynamoDB client: add and remove at any time. */
export function ddbProbes(ddb: DocumentStore): ProbeStack {
  const stack = stacks.get(ddb);
  if (!stack) throw new Error('this DynamoDB client was not built by startTestRuntime: it has no probes');
  return stack;
}
