/**
 * "Now" for countdowns. Locally the platform runs on a dev clock that tests and demos move
 * forward (GET /v1/dev/clock); the UI follows it so the countdown matches the due dates the
 * server computed. On AWS (no dev routes) it is the browser's clock.
 */
import { ref } from 'vue';

export const now = ref(new Date());

let synced = false;
export async function syncNow(): Promise<void> {
  if (__ONETHING_TARGET__ === 'aws') {
    now.value = new Date();
    return;
  }
  try {
    const res = await fetch('/v1/dev/clock');
    if (res.ok) now.value = new Date(((await res.json()) as { now: string }).now);
  } catch {
    now.value = new Date();
  }
  synced = true;
}
export const clockSynced = (): boolean => synced;
