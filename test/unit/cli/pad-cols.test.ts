// CLI tables pad by terminal columns: a Hangul syllable is two columns wide, an ASCII letter one.
import { describe, expect, it } from 'vitest'
import stringWidth from 'string-width'
import { fitMiddle, padCols } from '../../../src/main/cli/output'

describe('padCols', () => {
  it('counts Hangul as two columns, so Korean and ASCII names line up', () => {
    expect(padCols('MTTR', 10)).toBe('MTTR      ') // 4 + 6 spaces
    expect(padCols('MTTR@행정안전부', 20)).toBe('MTTR@행정안전부     ') // 5 + 5×2 = 15 columns + 5
    expect(padCols('건', 5)).toBe('건   ') // 2 + 3
  })

  it('leaves text that is already as wide or wider untouched', () => {
    expect(padCols('행정안전부', 6)).toBe('행정안전부')
    expect(padCols('abcdef', 6)).toBe('abcdef')
  })
})

describe('fitMiddle', () => {
  it('cuts in the middle to at most the columns given, Hangul counted as two', () => {
    expect(fitMiddle('abcdefghij', 7)).toBe('abc…hij')
    expect(fitMiddle('abcdefghij', 10)).toBe('abcdefghij')
    const cut = fitMiddle('서울특별시청-민원-내보내기.csv', 15)
    expect(cut).toBe('서울특별…기.csv')
    expect(stringWidth(cut)).toBeLessThanOrEqual(15)
  })
})
