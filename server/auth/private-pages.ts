// Pages show signed-in data, so no shared cache may keep them: every page response says
// `Cache-Control: private, no-store`, whatever Next.js would have sent (it marks prerendered pages
// `s-maxage=31536000`). Only Next's content-hashed build assets stay publicly cacheable.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'

export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/** Build output whose file names change with their content; safe in any cache. */
export function isPublicAsset(pathname: string): boolean {
  return pathname.startsWith('/_next/static/')
}

const isCacheControl = (name: unknown) => typeof name === 'string' && name.toLowerCase() === 'cache-control'

function withoutCacheControl(headers: unknown): unknown {
  if (Array.isArray(headers)) {
    // Flat [name, value, name, value…] or [[name, value]…].
    if (headers.every((h) => Array.isArray(h))) return (headers as unknown[][]).filter((h) => !isCacheControl(h[0]))
    const out: unknown[] = []
    for (let i = 0; i < headers.length; i += 2) if (!isCacheControl(headers[i])) out.push(headers[i], headers[i + 1])
    return out
  }
  if (headers && typeof headers === 'object')
    return Object.fromEntries(Object.entries(headers as OutgoingHttpHeaders).filter(([name]) => !isCacheControl(name)))
  return headers
}

/** Pins `Cache-Control: private, no-store` on this response, whoever writes its headers later. */
export function keepResponsePrivate(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res)
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  setHeader('cache-control', PRIVATE_CACHE_CONTROL)
  res.setHeader = (name, value) => setHeader(name, isCacheControl(name) ? PRIVATE_CACHE_CONTROL : value)
  // Also reached through res.end() without an explicit writeHead (node calls this.writeHead).
  res.writeHead = ((...args: unknown[]) => {
    setHeader('cache-control', PRIVATE_CACHE_CONTROL)
    return writeHead(...args.map((arg, i) => (i === 0 ? arg : withoutCacheControl(arg))))
  })
}
