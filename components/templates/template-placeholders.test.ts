import { describe, expect, it } from 'vitest'
import { findPlaceholders } from './template-placeholders'

describe('findPlaceholders', () => {
  it('finds each placeholder once, in document order, in nested strings', () => {
    const doc = {
      name: 'Restart [[ service ]] on [[tag]]',
      steps: [{ id: 'a', params: { url: 'https://[[ host ]]/[[ service ]]', list: ['[[ tag ]]'] } }],
    }
    expect(findPlaceholders(doc)).toEqual(['service', 'tag', 'host'])
  })

  it('ignores text that is not a valid variable name', () => {
    expect(findPlaceholders({ a: '[[ not a name ]] [[ 1x ]] [[]] [ [ x ] ]' })).toEqual([])
  })
})
