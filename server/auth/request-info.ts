// What the API knows about the HTTP request behind a call, and how authentication is configured.
import type { ServiceDeps } from '@/server/platform/deps'
import type { Actor } from './actor'
export interface AuthSettings {
  mode: 'off' | 'on'
  /** Read the client address and scheme from X-Forwarded-* (only behind a trusted proxy). */
  trustProxy: boolean
  /** When set, /metrics requires `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined
}

export interface RequestInfo {
  ip: string
  userAgent: string
  /** The request came over https (directly or, with trustProxy, through the proxy). */
  secure: boolean
  /** Adds a Set-Cookie header to the response. */
  setCookie(value: string): void
}

/** A service call made on someone's behalf: the service dependencies plus who is calling and how. */
export type CallContext = ServiceDeps & {
  /** Who is calling; undefined when nobody signed in (server/auth/request-context.ts). */
  actor?: Actor
  /** Absent means authentication is off: every caller may do everything (docs/security.md). */
  auth?: AuthSettings
  /** The HTTP request behind the call; absent for in-process callers (tests, CLI tests). */
  request?: RequestInfo
}

export function isAuthEnforced(settings: AuthSettings | undefined): boolean {
  return settings?.mode === 'on'
}
