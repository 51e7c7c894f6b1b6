import { describe, expect, it } from 'vitest'
import { actionNotice, filterActions, schemaNote, type FleetAction } from './action-choices'

const action = (name: string, more: Partial<FleetAction> = {}): FleetAction => ({
  name,
  description: null,
  onlineDevices: 1,
  registeredDevices: 1,
  paramsSchema: null,
  schemasDiffer: false,
  schemaFrom: null,
  ...more,
})
const fleet = [
  action('echo', { description: 'Returns its params' }),
  action('http.request'),
  action('deploy', { onlineDevices: 0 }),
]

describe('action choices', () => {
  it('filters by name or description, and lists everything for an exact name', () => {
    expect(filterActions(fleet, 'req').map((a) => a.name)).toEqual(['http.request'])
    expect(filterActions(fleet, 'PARAMS').map((a) => a.name)).toEqual(['echo'])
    expect(filterActions(fleet, 'echo')).toHaveLength(3)
  })

  it('flags an action no registered device offers, and one only offline devices offer', () => {
    expect(actionNotice(fleet, 'x.y')).toEqual({ level: 'error', text: 'no device offers `x.y`' })
    expect(actionNotice(fleet, 'deploy')?.level).toBe('warning')
    expect(actionNotice(fleet, 'echo')).toBeUndefined()
    expect(actionNotice(undefined, 'x.y')).toBeUndefined()
  })

  it('says when devices disagree on the schema and which one the form follows', () => {
    const schema = { type: 'object' }
    expect(
      schemaNote(action('a', { paramsSchema: schema, schemasDiffer: true, schemaFrom: 'online' })),
    ).toMatch(/newest online device/)
    expect(schemaNote(action('a', { paramsSchema: schema, schemaFrom: 'online' }))).toBeUndefined()
  })
})
