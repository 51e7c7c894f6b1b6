// Built-in `file.read`, offered only when the agent has an allowed directory: reads a file inside it.
// Paths are resolved through symlinks, so nothing outside the directory can be reached.
import { open, realpath } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { ActionError, defineAction, type ActionDefinition } from '../action-types'

const MAX_BYTES = 1_048_576

export const ZFileReadParams = z.strictObject({
  path: z.string().min(1).max(4096),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  maxBytes: z.number().int().min(1).max(MAX_BYTES).default(262_144),
})

export function fileReadAction(root: string): ActionDefinition<z.output<typeof ZFileReadParams>> {
  return defineAction(
    'file.read',
    ZFileReadParams,
    async (params) => {
      const base = await realpath(root)
      let resolved: string
      try {
        resolved = await realpath(path.resolve(base, params.path))
      } catch {
        throw new ActionError('file_not_found', `No file "${params.path}" in the allowed directory.`)
      }
      if (resolved !== base && !resolved.startsWith(base + path.sep))
        throw new ActionError('path_not_allowed', `"${params.path}" is outside the allowed directory.`)
      const handle = await open(resolved, 'r')
      try {
        const stats = await handle.stat()
        if (!stats.isFile()) throw new ActionError('not_a_file', `"${params.path}" is not a regular file.`)
        const buffer = Buffer.alloc(Math.min(stats.size, params.maxBytes))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
        return {
          path: path.relative(base, resolved),
          size: stats.size,
          content: buffer.subarray(0, bytesRead).toString(params.encoding),
          encoding: params.encoding,
          truncated: stats.size > bytesRead,
        }
      } finally {
        await handle.close()
      }
    },
    `Reads a file inside ${root}`,
  )
}
