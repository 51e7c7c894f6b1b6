// Security headers for every response. The CSP fits Next.js App Router: its inline bootstrap
// scripts and styles need 'unsafe-inline' (nonces would force every page to render dynamically),
// the dev server also needs eval for fast refresh. Everything else is same-origin only, and no
// site may frame Relayflow.
import type { ServerResponse } from 'node:http'

export function contentSecurityPolicy(options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // socket.io and the dev server's hot reload connect back to this origin ('self' covers ws/wss).
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(options: { dev: boolean; secure: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Relayflow URLs name runs and workflows: no other site learns them, not even our origin.
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  }
  if (options.secure) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
  return headers
}

export function applySecurityHeaders(res: ServerResponse, options: { dev: boolean; secure: boolean }): void {
  for (const [name, value] of Object.entries(securityHeaders(options))) res.setHeader(name, value)
}
