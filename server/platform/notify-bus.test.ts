// The notify bus: every channel's payload survives encode and decode, a payload that does not
// decode asks the subscriber to resync, and a message sent in a transaction arrives on commit.
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { decodeMessage, encodeMessage, listen, notify, type Channel, type MessageOf } from './notify-bus'

const database = connectTestDatabase()
afterAll(() => database.close())

const samples: { [C in Channel]: { message: MessageOf<C>; payload: string } } = {
  steps: { message: undefined, payload: '' },
  cancel: { message: undefined, payload: '' },
  runEvents: { message: [{ e: 'run-1', s: 3, t: 5, r: 1 }], payload: '[{"e":"run-1","s":3,"t":5,"r":1}]' },
  credentials: { message: 'user-1', payload: 'user-1' },
  deviceCommands: { message: { deviceId: 'dev-1', cancel: true }, payload: 'cancel:dev-1' },
  deviceResults: { message: 'cmd-1', payload: 'cmd-1' },
  deviceSlots: { message: { deviceId: 'dev-1', load: 2 }, payload: '2:dev-1' },
  commandActivity: { message: ['cmd-1', 'cmd-2'], payload: 'cmd-1,cmd-2' },
  deviceRegistry: { message: { event: 'drain', deviceId: 'dev-1' }, payload: 'drain:dev-1' },
}

describe('notify bus codecs', () => {
  for (const channel of Object.keys(samples) as Channel[]) {
    it(`${channel}: a message travels as its documented payload and reads back the same`, () => {
      const { message, payload } = samples[channel]
      expect(encodeMessage(channel, message)).toBe(payload)
      expect(decodeMessage(channel, payload)).toEqual({ ok: true, message })
    })
  }

  it('a new command small enough to travel along is read back whole', () => {
    const command = { commandId: 'c-1', action: 'shell.exec', params: { cmd: 'ls' }, timeoutMs: null }
    const payload = encodeMessage('deviceCommands', { deviceId: 'dev-1', cancel: false, command })
    expect(decodeMessage('deviceCommands', payload)).toMatchObject({ ok: true, message: { deviceId: 'dev-1', command } })
  })

  it('refuses payloads of the wrong shape', () => {
    expect(decodeMessage('runEvents', 'not json').ok).toBe(false)
    expect(decodeMessage('runEvents', '[{"e":1}]').ok).toBe(false)
    expect(decodeMessage('deviceRegistry', 'exploded:dev-1').ok).toBe(false)
    expect(decodeMessage('deviceSlots', 'many:dev-1').ok).toBe(false)
  })
})

describe('notify bus listen', () => {
  it('delivers a message sent in a transaction once it commits, and resyncs on one that does not decode', async () => {
    const received: string[][] = []
    let resyncs = 0
    const listening = listen(database.sql, 'commandActivity', (ids) => received.push(ids), {
      onResync: () => resyncs++,
      onError: (error) => {
        throw error
      },
    })
    expect(await listening.ready).toBe(true)
    await expect.poll(() => resyncs).toBe(1) // LISTEN in place: the subscriber re-reads once
    await database.db.transaction(async (tx) => {
      await notify(tx, 'commandActivity', ['cmd-a', 'cmd-b'])
      expect(received).toEqual([])
    })
    await expect.poll(() => received).toEqual([['cmd-a', 'cmd-b']])
    const invalid = listen(database.sql, 'deviceSlots', () => {}, { onResync: () => resyncs++, onError: () => {} })
    await invalid.ready
    await expect.poll(() => resyncs).toBe(2)
    await database.sql`SELECT pg_notify('relayflow_device_slots', 'garbage')`
    await expect.poll(() => resyncs).toBe(3)
    await Promise.all([listening.stop(), invalid.stop()])
  })

  it('leaves out the first resync when the subscriber read the state itself, not later ones', async () => {
    let resyncs = 0
    const freed: string[] = []
    const listening = listen(database.sql, 'deviceSlots', (message) => freed.push(message.deviceId), {
      resyncOnFirstListen: false,
      onResync: () => resyncs++,
      onError: () => {},
    })
    expect(await listening.ready).toBe(true)
    await database.sql`SELECT pg_notify('relayflow_device_slots', 'garbage')`
    await notify(database.db, 'deviceSlots', { deviceId: 'dev-last', load: 0 })
    // Notifications arrive in order: once the last one is here, every resync has happened.
    await expect.poll(() => freed).toEqual(['dev-last'])
    expect(resyncs).toBe(1) // the unreadable payload, not the first LISTEN
    await listening.stop()
  })
})
