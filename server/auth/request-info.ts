// What the API knows about the HTTP request behind a call, and how authentication is configured.
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

export function isAuthEnforced(settings: AuthSettings | undefined): boolean {
  return settings?.mode === 'on'
}
