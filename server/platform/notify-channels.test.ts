// Payloads built in SQL read back as their channel's messages: each builder in notify-channels.ts
// runs in PostgreSQL over sample rows and its text goes through the same decode `listen` uses, so a
// format changed on one side only fails here instead of silently dropping notifications.
import { sql, type SQL } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { rows } from '@/server/platform/sql-helpers'
import { connectTestDatabase } from '@/server/testing/test-api'
import { decodeMessage } from './notify-bus'
import {
  cancelPayloadSql,
  commandIdsPayloadSql,
  finishedCommandPayloadSql,
  newCommandPayloadSql,
  registryPayloadSql,
  runEventPointerSql,
  slotsPayloadSql,
} from './notify-channels'

const database = connectTestDatabase()
afterAll(() => database.close())

/** The payload text `expression` yields over the sample row `c` (a device_commands-like row). */
async function payloadOf(
  expression: SQL,
  sample: SQL = sql`SELECT 'cmd-1' AS id, 'dev-1' AS device_id`,
): Promise<string> {
  const [row] = await rows<{ payload: string }>(
    database.db,
    sql`WITH c AS (${sample}) SELECT (${expression})::text AS payload FROM c`,
  )
  return row?.payload ?? ''
}

const commandRow = sql`SELECT 'cmd-1' AS id, 'dev-1' AS device_id, 'shell.exec' AS action,
  '{"cmd":"ls"}'::jsonb AS params, 5000 AS timeout_ms`
const finishedRow = (output: SQL) => sql`SELECT 'cmd-1' AS id, 'dev-1' AS device_id, 'failed' AS status,
  ${output} AS output, '{"code":"exit_1","message":"exit 1","retryable":false}'::jsonb AS error, now() AS delivered_at`

describe('payloads built in SQL', () => {
  it('a new command travels whole when it fits, else as its device id', async () => {
    expect(decodeMessage('deviceCommands', await payloadOf(newCommandPayloadSql('c'), commandRow))).toEqual({
      ok: true,
      message: {
        deviceId: 'dev-1',
        cancel: false,
        command: { commandId: 'cmd-1', action: 'shell.exec', params: { cmd: 'ls' }, timeoutMs: 5000 },
      },
    })
    const huge = sql`SELECT 'cmd-1' AS id, 'dev-1' AS device_id, 'x' AS action,
      jsonb_build_object('blob', repeat('a', 9000)) AS params, NULL::int AS timeout_ms`
    expect(decodeMessage('deviceCommands', await payloadOf(newCommandPayloadSql('c'), huge))).toEqual({
      ok: true,
      message: { deviceId: 'dev-1', cancel: false },
    })
  })

  it('a cancel names the device', async () => {
    expect(decodeMessage('deviceCommands', await payloadOf(cancelPayloadSql(sql`c.device_id`)))).toEqual({
      ok: true,
      message: { deviceId: 'dev-1', cancel: true },
    })
  })

  it('a finished command travels whole when it fits, else as its id', async () => {
    const small = await payloadOf(finishedCommandPayloadSql('c'), finishedRow(sql`'{"n":1}'::jsonb`))
    expect(decodeMessage('deviceResults', small)).toEqual({
      ok: true,
      message: {
        id: 'cmd-1',
        deviceId: 'dev-1',
        status: 'failed',
        output: { n: 1 },
        error: { code: 'exit_1', message: 'exit 1', retryable: false },
        delivered: true,
      },
    })
    const big = await payloadOf(finishedCommandPayloadSql('c'), finishedRow(sql`to_jsonb(repeat('a', 9000))`))
    expect(decodeMessage('deviceResults', big)).toEqual({ ok: true, message: 'cmd-1' })
  })

  it('freed slots, registry changes, command ids and run event pointers', async () => {
    expect(decodeMessage('deviceSlots', await payloadOf(slotsPayloadSql(sql`3`, sql`c.device_id`)))).toEqual({
      ok: true,
      message: { deviceId: 'dev-1', load: 3 },
    })
    expect(
      decodeMessage('deviceRegistry', await payloadOf(registryPayloadSql('changed', sql`c.device_id`))),
    ).toEqual({
      ok: true,
      message: { event: 'changed', deviceId: 'dev-1' },
    })
    const ids = sql`SELECT * FROM (VALUES ('cmd-1', 'dev-1'), ('cmd-2', 'dev-1')) AS t(id, device_id)`
    expect(decodeMessage('commandActivity', await payloadOf(commandIdsPayloadSql(sql`c.id`), ids))).toEqual({
      ok: true,
      message: ['cmd-1', 'cmd-2'],
    })
    const pointers = sql`json_agg(${runEventPointerSql(sql`c.id`, sql`4`, sql`6`)})`
    expect(decodeMessage('runEvents', await payloadOf(pointers))).toEqual({
      ok: true,
      message: [{ e: 'cmd-1', s: 4, t: 6 }],
    })
  })
})
