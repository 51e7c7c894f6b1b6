// The gateway's batched writer for log lines and progress, on a real PostgreSQL: lines from many
// messages and devices land in order in one batch, a device cannot write to another's command,
// progress keeps the newest report, and `settle` has a command's lines written before it returns.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createCommandActivityWriter } from './command-activity-writer'
import { createDeviceToken } from '../fleet/device-admin'

const database = connectTestDatabase()
afterAll(() => database.close())

async function deviceWithCommand(label: string) {
  const { deviceId } = await createDeviceToken(database.db, { name: `${label}-${Date.now().toString(36)}`, tags: [] })
  const commandId = `cmd-${label}-${Math.random().toString(36).slice(2, 10)}`
  await database.db.execute(sql`INSERT INTO device_commands (id, device_id, action, status) VALUES (${commandId}, ${deviceId}, 'echo', 'running')`)
  return { deviceId, commandId }
}

async function linesOf(commandId: string) {
  const result = await database.db.execute<{ line: string }>(
    sql`SELECT line FROM device_command_logs WHERE command_id = ${commandId} ORDER BY id`,
  )
  return [...result].map((r) => r.line)
}

describe('command activity writer', () => {
  it('writes many messages from several devices in order, and refuses another device’s command', async () => {
    const writer = createCommandActivityWriter(database.db, { flushMs: 30 })
    const a = await deviceWithCommand('a')
    const b = await deviceWithCommand('b')
    const writes: Promise<boolean>[] = []
    for (let i = 0; i < 50; i++) {
      writes.push(writer.log(a.deviceId, { commandId: a.commandId, stream: 'stdout', lines: [`a${i}.1`, `a${i}.2`] }))
      writes.push(writer.log(b.deviceId, { commandId: b.commandId, stream: 'stderr', lines: [`b${i}`] }))
    }
    const intruder = writer.log(b.deviceId, { commandId: a.commandId, stream: 'stdout', lines: ['not yours'] })
    expect(await Promise.all(writes)).toEqual(writes.map(() => true))
    expect(await intruder).toBe(false)
    expect(await linesOf(a.commandId)).toEqual(Array.from({ length: 50 }, (_, i) => [`a${i}.1`, `a${i}.2`]).flat())
    expect(await linesOf(b.commandId)).toEqual(Array.from({ length: 50 }, (_, i) => `b${i}`))
    await writer.stop()
  })

  it('keeps the newest progress, and settle() writes a command’s pending lines before it returns', async () => {
    // A timer far away: only settle() can have written the lines.
    const writer = createCommandActivityWriter(database.db, { flushMs: 60_000 })
    const { deviceId, commandId } = await deviceWithCommand('c')
    void writer.progress(deviceId, { commandId, percent: 10 })
    void writer.progress(deviceId, { commandId, percent: 90, message: 'almost' })
    void writer.log(deviceId, { commandId, stream: 'info', lines: ['last words'] })
    expect(await linesOf(commandId)).toEqual([])
    await writer.settle(commandId)
    expect(await linesOf(commandId)).toEqual(['last words'])
    const [row] = await database.db.execute<{ progress: { percent: number; message: string } }>(
      sql`SELECT progress FROM device_commands WHERE id = ${commandId}`,
    )
    expect(row?.progress).toMatchObject({ percent: 90, message: 'almost' })
    await writer.stop()
  })
})
