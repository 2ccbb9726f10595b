import { useEffect, useState } from 'preact/hooks';

/** Who is signed in, as the token's claims say (read for display only: the gateway verifies the signature). */
export interface StaffSession {
  token: string;
  sub: string;
  roles: string[];
  agency: string | null;
  /** When the token expires (ms since the epoch), if it says. */
  expiresAt: number | null;
}

// sessionStorage: the token lives as long as the tab, and never reaches another tab or a later visit.
const STORAGE_KEY = 'hub.staffToken';
const listeners = new Set<() => void>();

/** The claims of a JWT's payload, or an error key when `token` is not a JWT or has expired. */
export function readToken(token: string, now = Date.now()): StaffSession | 'tokenMalformed' | 'tokenExpired' {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return 'tokenMalformed';
  let payload: { sub?: unknown; roles?: unknown; agency?: unknown; exp?: unknown };
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    return 'tokenMalformed';
  }
  const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  if (expiresAt !== null && expiresAt <= now) return 'tokenExpired';
  return {
    token: token.trim(),
    sub: typeof payload.sub === 'string' ? payload.sub : '',
    roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [],
    agency: typeof payload.agency === 'string' ? payload.agency : null,
    expiresAt,
  };
}

/** The current session, or null when nobody is signed in (or the stored token expired). */
export function currentSession(): StaffSession | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  const session = readToken(stored);
  return typeof session === 'string' ? null : session;
}

/** The bearer token to send with API calls, if signed in. */
export function bearerToken(): string | null {
  return currentSession()?.token ?? null;
}

/** Signs in with a pasted token; returns an error key when it is not usable. */
export function signIn(token: string): 'tokenMalformed' | 'tokenExpired' | null {
  const session = readToken(token);
  if (typeof session === 'string') return session;
  sessionStorage.setItem(STORAGE_KEY, session.token);
  for (const listener of listeners) listener();
  return null;
}

/** Forgets the token. */
export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** The current session; renders again on sign-in and sign-out. */
export function useSession(): StaffSession | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return session;
}

/** Whether the session holds one of `roles`. */
export function hasRole(session: StaffSession | null, ...roles: string[]): boolean {
  return !!session && session.roles.some((r) => roles.includes(r));
}
