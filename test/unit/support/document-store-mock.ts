/**
 * Unit tests of services mock `deps.ddb` (shared/aws/document-store.ts) at `send`, in native
 * values, exactly as they mocked lib-dynamodb's document client before issue 9: the stub is
 * aws-sdk-client-mock's own (its matching by command class and partial input, its call
 * history), typed here for the layer's command classes. What the layer does below `send`
 * (marshalling, the plain client's commands) is covered by test/unit/shared/aws/document-store.test.ts.
 */
import { mockClient } from 'aws-sdk-client-mock';
import type { SinonSpyCall } from 'sinon';
import { DocumentStore, type DocumentCommand } from '../../../shared/aws/document-store';

type CommandClass<I extends object, O> = new (input: I) => DocumentCommand<I, O>;
type Call<I extends object, O> = SinonSpyCall<[DocumentCommand<I, O>], Promise<O>>;
type Rejection = string | Error | Record<string, unknown>;

export interface DocumentStoreMock {
  on<I extends object, O>(command: CommandClass<I, O>, input?: Partial<I>, strict?: boolean): DocumentCommandBehavior<I, O>;
  commandCalls<I extends object, O>(command: CommandClass<I, O>, input?: Partial<I>, strict?: boolean): Array<Call<I, O>>;
  calls(): Array<Call<object, unknown>>;
  reset(): DocumentStoreMock;
  resetHistory(): DocumentStoreMock;
  restore(): void;
}

export interface DocumentCommandBehavior<I extends object, O> {
  resolves(response: Partial<O>): DocumentStoreMock;
  resolvesOnce(response: Partial<O>): DocumentCommandBehavior<I, O>;
  rejects(error?: Rejection): DocumentStoreMock;
  rejectsOnce(error?: Rejection): DocumentCommandBehavior<I, O>;
  // `any` as in aws-sdk-client-mock's own signature: a fake reads the input it was matched on.
  callsFake(fn: (input: any) => unknown): DocumentStoreMock;
  callsFakeOnce(fn: (input: any) => unknown): DocumentCommandBehavior<I, O>;
}

/** Stubs `send` of `store`, or of every instance (`DocumentStore.prototype`, as `mockClient(Class)` does). */
export function mockDocumentStore(store?: DocumentStore): DocumentStoreMock {
  // aws-sdk-client-mock needs only `send` and `instanceof` at run time; its types ask for a smithy Client.
  return mockClient((store ?? DocumentStore) as never) as unknown as DocumentStoreMock;
}
