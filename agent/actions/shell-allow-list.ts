// The shell.exec allow-list: each pattern is a glob over the command line as argv joined by single
// spaces, where `*` matches any characters and `?` one. `uptime` allows exactly `uptime`;
// `git status*` allows `git status` with any arguments. Nothing else runs.

export function parseAllowList(patterns: string): string[] {
  return patterns
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 's')
}

export function isCommandAllowed(allowList: readonly string[], argv: readonly string[]): boolean {
  const line = argv.join(' ')
  return allowList.some((pattern) => globToRegExp(pattern).test(line))
}
