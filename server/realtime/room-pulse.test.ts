// Who hears a pulse: the whole room when its fingerprint moved, otherwise only its newcomers.
import { describe, expect, it } from 'vitest'
import { pulseAudience } from './room-pulse'

const ids = (...list: string[]) => new Set(list)

describe('pulseAudience', () => {
  it('tells every member when the fingerprint moved since the last read', () => {
    expect(pulseAudience('a', 'b', ids('s1'), ids('s1', 's2'))).toBe('room')
  })

  it('tells only the sockets that joined since the last read when nothing moved', () => {
    expect(pulseAudience('a', 'a', ids('s1'), ids('s1', 's2'))).toEqual(['s2'])
    expect(pulseAudience('a', 'a', ids('s1', 's2'), ids('s1', 's2'))).toEqual([])
  })

  it('tells every first member after the first read of a room', () => {
    expect(pulseAudience(undefined, 'a', ids(), ids('s1', 's2'))).toEqual(['s1', 's2'])
  })
})
