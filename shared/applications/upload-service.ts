import type { Principal } from '../auth/principal';
import type { PlatformDeps } from '../deps';
import { ForbiddenError, ValidationError, type FieldError } from '../errors';
import { applicationField } from '../i18n';
import { uploadId } from './ids';
import type { CreateUploadRequest, UploadTicket } from './schemas';
import { createDocumentStore } from '../documents/store';
import { findEventService } from '../../workflows/events/catalog';
import { eventPhotoSlot } from '../events/photos';

/**
 * `POST /v1/uploads`: a presigned PUT for one material of one service (or one photo of a
 * 12345 report: the event service's `photo` slot). The declaration
 * (size, sha256, type, owner, material) is signed into the URL and checked again at submission.
 *
 * @example
 * const ticket = await createUploadService(deps).create(principal, { serviceId, materialId, contentType: 'application/pdf', sizeBytes, sha256 });
 * await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body });
 */
export function createUploadService(deps: Pick<PlatformDeps, 's3' | 'config' | 'catalog'>) {
  const docs = createDocumentStore({ s3: deps.s3, bucket: deps.config.materialsBucket });
  return {
    // An applicant (the route's roles) with a body the edge has parsed; the material's own limits are checked here.
    async create(p: Principal, req: CreateUploadRequest): Promise<UploadTicket> {
      // A 12345 event service has one slot, its report's photos (shared/events/photos.ts);
      // citizens report events themselves, so only they get its tickets.
      const isEvent = findEventService(req.serviceId) !== undefined;
      if (isEvent && p.role !== 'citizen') throw new ForbiddenError(`only citizens report ${req.serviceId} events`);
      const material = isEvent
        ? eventPhotoSlot(req.serviceId, req.materialId)
        : deps.catalog.getService(req.serviceId).materials.find((m) => m.id === req.materialId);
      const errors: FieldError[] = [];
      if (!material)
        errors.push(applicationField('materialId', 'material-not-in-service', { serviceId: req.serviceId, materialId: req.materialId }));
      else {
        if (!material.accept.includes(req.contentType))
          errors.push(
            applicationField('contentType', 'content-type-not-accepted', { materialId: material.id, accept: material.accept.join(', ') }),
          );
        if (req.sizeBytes > material.maxBytes)
          errors.push(applicationField('sizeBytes', 'file-too-large', { materialId: material.id, maxBytes: material.maxBytes }));
      }
      if (errors.length) throw new ValidationError(errors);
      const id = uploadId();
      const signed = await docs.presignUpload({ uploadId: id, ownerSub: p.sub, ...req });
      return { uploadId: id, url: signed.url, method: 'PUT', headers: signed.headers, expiresAt: signed.expiresAt };
    },
  };
}
