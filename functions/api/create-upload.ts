/**
 * `POST /v1/uploads`: a presigned PUT for one material. A ticket stores nothing server-side
 * (the object appears only when the client PUTs it), so a retry simply gets a fresh ticket;
 * see docs/API.md "Idempotency" for why the key is accepted but not stored here.
 */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { uploadService, type Lazy, type UploadService } from './services';

/** Builds the handler over an upload service getter. */
export const createCreateUploadHandler = (uploads: Lazy<UploadService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('create-upload'), ...overrides }, async ({ principal, body }) => ({
    status: 201,
    body: await uploads().create(principal, body),
  }));

export const handler = createCreateUploadHandler(uploadService);
