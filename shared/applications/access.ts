import type { Principal } from '../auth/principal';
import { NotFoundError } from '../errors';
import { applicationProblem } from '../i18n';
import type { ApplicationRecord, TaskRecord } from './records';
import { isApplicantRole } from '../names';

/*
 * Who may see what (the handbook's HTTP-API.md): a wrong role is 403 at the edge (each route's
 * `roles` in functions/api/contract.ts); here, a resource that exists but is not the caller's
 * is 404, so that its existence is not revealed.
 */

export type Reader = { kind: 'applicant' } | { kind: 'officer'; dept: string } | { kind: 'inspector' };

/**
 * How the caller may read this application, or a 404: applicants their own, officers those
 * with a task of their department (and then only that department's branch), inspectors all.
 */
export function readerOf(
  p: Principal,
  app: ApplicationRecord | undefined,
  tasks: TaskRecord[],
  id: string,
): { app: ApplicationRecord; reader: Reader } {
  if (app) {
    if (isApplicantRole(p.role) && app.ownerSub === p.sub) return { app, reader: { kind: 'applicant' } };
    if (p.role === 'officer' && p.dept && tasks.some((t) => t.department === p.dept))
      return { app, reader: { kind: 'officer', dept: p.dept } };
    if (p.role === 'inspector') return { app, reader: { kind: 'inspector' } };
  }
  throw new NotFoundError(applicationProblem('application-not-found', { id }));
}

/** The applicant's own application, for changes (supplement, withdraw); others get a 404. */
export function ownApplication(p: Principal, app: ApplicationRecord | undefined, id: string): ApplicationRecord {
  if (!app || app.ownerSub !== p.sub) throw new NotFoundError(applicationProblem('application-not-found', { id }));
  return app;
}
