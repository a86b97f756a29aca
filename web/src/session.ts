/**
 * Who is signed in. The bearer token lives in sessionStorage (gone when the tab closes, not
 * shared with other tabs); its claims are read for the UI only, the API verifies it.
 */
import { computed, ref } from 'vue';

export type Role = 'citizen' | 'proxy' | 'officer' | 'inspector' | 'official' | 'admin';
export interface Session {
  token: string;
  role: Role;
  sub: string;
  dept?: string;
}

const KEY = 'onething.session';

function load(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return undefined;
  }
}

export const session = ref<Session | undefined>(load());
export const signedIn = computed(() => session.value !== undefined);

/** Reads the role, user and department from a JWT's payload (display only). */
export function claimsOf(token: string): Omit<Session, 'token'> {
  const payload = token.split('.')[1] ?? '';
  const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role: Role; sub: string; dept?: string };
  return { role: json.role, sub: json.sub, ...(json.dept ? { dept: json.dept } : {}) };
}

export function signIn(token: string): Session {
  const next = { token, ...claimsOf(token) };
  session.value = next;
  sessionStorage.setItem(KEY, JSON.stringify(next));
  return next;
}

export function signOut(): void {
  session.value = undefined;
  sessionStorage.removeItem(KEY);
}

/** The page a role starts on. */
export function homeOf(s: Session | undefined): string {
  switch (s?.role) {
    case 'officer':
      return '/officer';
    case 'inspector':
      return '/inspector';
    case 'official':
      return '/official';
    case 'citizen':
    case 'proxy':
      return '/';
    default:
      return '/';
  }
}
