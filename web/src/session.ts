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

interface Claims {
  sub: string;
  role?: Role;
  dept?: string;
  /** Cognito ID tokens (AWS build): the role is a group, the department a custom attribute. */
  'cognito:groups'?: Role[];
  'custom:dept'?: string;
}

/**
 * Reads the role, user and department from a JWT's payload for the UI (the API verifies the
 * token): `role`/`dept` from dev tokens, the first of `cognito:groups`/`custom:dept` from
 * Cognito, the same precedence as the API (shared/auth/principal.ts).
 */
export function claimsOf(token: string): Omit<Session, 'token'> {
  const payload = token.split('.')[1] ?? '';
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  // UTF-8: a `sub` or department may carry Chinese characters.
  const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Claims;
  const role = json.role ?? json['cognito:groups']?.[0] ?? 'citizen';
  const dept = json.dept ?? json['custom:dept'];
  return { role, sub: json.sub, ...(dept ? { dept } : {}) };
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
