// Requests are routed (and guarded) by their canonical path: dot segments (`..`, `%2e%2e`)
// resolved, backslashes read as slashes, repeated slashes collapsed. Next.js resolves such paths
// itself, so deciding on the raw text would let `/_next/../settings/users` past the page guard.

/** The canonical form of a request's path (no query). */
export function canonicalPath(pathname: string): string {
  let resolved: string
  try {
    resolved = new URL(`http://relayflow.invalid${pathname.startsWith('/') ? '' : '/'}${pathname}`).pathname
  } catch {
    return '/'
  }
  return resolved.replace(/\/{2,}/g, '/')
}
