// Finds the Chromium that Playwright drives. The e2e suite uses the system browser
// (Debian's `chromium` package) because machines here cannot download Playwright's own.
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'] as const

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function findOnPath(command: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, command)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}

/**
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE when set (it must exist), otherwise the first of
 * chromium, chromium-browser, google-chrome on PATH. Throws with install instructions.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE?.trim()
  if (configured) {
    if (isExecutableFile(configured)) return configured
    throw new Error(
      `PLAYWRIGHT_CHROMIUM_EXECUTABLE is set to "${configured}", but no executable file exists there. ` +
        'Point it at a Chromium or Chrome binary, or unset it to search PATH.',
    )
  }
  const searchPath = env.PATH ?? ''
  for (const command of CANDIDATES) {
    const found = findOnPath(command, searchPath)
    if (found) return found
  }
  throw new Error(
    `No Chromium found: none of ${CANDIDATES.join(', ')} is on PATH. ` +
      'Install it (Debian/Ubuntu: `apt-get install -y chromium`) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE ' +
      'to the path of a Chromium or Chrome binary. (`npx playwright install` is not needed.)',
  )
}
