/** Helpers of the 12345 event tests: report, wait for a wait, act. */
import type { OneThingClient } from '../../../local/client';
import { eventually } from '../support/runtime';

export type AnyView = any;

export async function report(citizen: OneThingClient, category: string, street: string): Promise<string> {
  const body = {
    category,
    description: `测试：${category}`,
    location: { street, address: '测试路1号' },
    contact: { name: '王女士', phone: '13800000000' },
  };
  const accepted = await citizen.request<{ id: string }>('POST', '/v1/events', body);
  return accepted.id;
}

export const getEvent = (citizen: OneThingClient, id: string): Promise<AnyView> => citizen.request('GET', `/v1/events/${id}`);

/** Waits until the timeline has `count` events of `type` (the machine reached that step). */
export function waitFor(citizen: OneThingClient, id: string, type: string, count = 1): Promise<AnyView> {
  return eventually(async () => {
    const view = await getEvent(citizen, id);
    return view.timeline.filter((t: { type: string }) => t.type === type).length >= count ? view : undefined;
  }, `${count} × ${type} on ${id}`);
}

/** Acts as soon as the machine waits for it (the token is stored a moment after the step before). */
export function act(officer: OneThingClient, id: string, action: string, body?: unknown): Promise<AnyView> {
  return eventually(
    () =>
      officer.request('POST', `/v1/events/${id}/${action}`, body).catch((e: { status?: number }) => {
        if (e.status === 409) return undefined;
        throw e;
      }),
    `${action} on ${id}`,
  );
}
