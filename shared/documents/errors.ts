import { ValidationError } from '../errors';
import { uploadField } from '../i18n';

/** Why an upload cannot become a material; the HTTP layer shows the reason on the field. */
export type UploadProblem =
  | 'not-found'
  | 'wrong-owner'
  | 'wrong-material'
  | 'size-mismatch'
  | 'too-large'
  | 'checksum-mismatch'
  | 'unrecognised-content'
  | 'content-type-mismatch'
  | 'type-not-accepted';

/** An upload failed verification. A 422 naming the request field (e.g. `materials[0].uploadId`). */
export class UploadRejectedError extends ValidationError {
  constructor(
    readonly path: string,
    readonly problem: UploadProblem,
    detail: string,
  ) {
    super([uploadField(path, `upload-${problem}`, { detail })]);
  }
}
