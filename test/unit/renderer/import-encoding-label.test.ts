// The import wizard names a file's text encoding as Excel and editors do, not as the core's
// lower-case identifiers.
import { describe, expect, it } from 'vitest'
import { encodingLabel } from '../../../src/renderer/src/features/import/encoding-label'

describe('import encoding label', () => {
  it('says UTF-8, UTF-8 with its byte-order mark and CP949 the way users know them', () => {
    expect(encodingLabel('utf-8')).toBe('UTF-8')
    expect(encodingLabel('utf-8-bom')).toBe('UTF-8 (BOM)')
    expect(encodingLabel('cp949')).toBe('CP949')
  })

  it('writes other names in capitals', () => {
    expect(encodingLabel('euc-kr')).toBe('EUC-KR')
    expect(encodingLabel('UTF8')).toBe('UTF-8')
  })
})
