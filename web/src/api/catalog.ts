/** The public catalog, fetched once per page load: every page names services and departments from it. */
import { api } from './client';
import type { ServiceDetail, ServiceSummary } from './types';

let list: Promise<ServiceSummary[]> | undefined;
const details = new Map<string, Promise<ServiceDetail>>();

export function listServices(): Promise<ServiceSummary[]> {
  list ??= api<{ items: ServiceSummary[] }>('GET', '/v1/services', { anonymous: true }).then((r) => r.items);
  void list.catch(() => (list = undefined));
  return list;
}

export function getService(id: string): Promise<ServiceDetail> {
  let found = details.get(id);
  if (!found) {
    found = api<ServiceDetail>('GET', `/v1/services/${encodeURIComponent(id)}`, { anonymous: true });
    void found.catch(() => details.delete(id));
    details.set(id, found);
  }
  return found;
}

/** `{department id -> name}` across the catalog. */
export async function departmentNames(): Promise<Map<string, { zh: string; en: string }>> {
  const names = new Map<string, { zh: string; en: string }>();
  for (const s of await listServices()) for (const d of s.departments) names.set(d.id, d.name);
  return names;
}
