/** `POST /v1/walkthroughs/{id}/supplements` -> 202: the walker answers a supplement request (placeholders re-uploaded). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createAnswerWalkthroughSupplementHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('answer-walkthrough-supplement'), ...overrides }, async ({ principal, params, body }) => ({
    status: 202,
    body: await walks().supplement(principal, params.id, body),
  }));

export const handler = createAnswerWalkthroughSupplementHandler(walkthroughService);
