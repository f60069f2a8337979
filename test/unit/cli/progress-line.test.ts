// The CLI's one-line sync progress: step of the run, rows of the reported total, rate and ETA; and
// the file import's progress line.
import { describe, expect, it } from 'vitest'
import { importProgressLine } from '../../../src/main/cli/import-command'
import { progressLine } from '../../../src/main/cli/sync-commands'
import type { SyncProgress } from '../../../src/main/core/sync/engine'

const base: SyncProgress = {
  source: 'itsm:prod',
  entity: 'srs',
  rows: 1200,
  pages: 2,
  rate: 949.6,
  etaMs: 1895,
  total: 3000,
  entityIndex: 3,
  entityCount: 7,
}

describe('progressLine', () => {
  it('says which of the entities runs, its rows of the total, the rate and the seconds left', () => {
    expect(progressLine(base)).toBe('itsm:prod [4/7] srs: 1,200 of 3,000 rows, 950/s, ETA 2 s')
  })

  it('without a total from the source: rows alone and no ETA', () => {
    expect(progressLine({ ...base, total: null, etaMs: null, rows: 12345 })).toBe(
      'itsm:prod [4/7] srs: 12,345 rows, 950/s',
    )
  })

  it('an ETA under a second is left out instead of saying 0 s', () => {
    expect(progressLine({ ...base, rows: 3000, etaMs: 400 })).toBe(
      'itsm:prod [4/7] srs: 3,000 of 3,000 rows, 950/s',
    )
  })
})

describe('importProgressLine', () => {
  it("names each phase of a file import: the workbook's first pass, reading, and writing out of the total", () => {
    expect(importProgressLine({ phase: 'opening', rows: 12000, total: null })).toBe(
      'opening the workbook: 12,000 rows seen',
    )
    expect(importProgressLine({ phase: 'reading', rows: 12000, total: null })).toBe('reading: 12,000 rows')
    expect(importProgressLine({ phase: 'writing', rows: 5000, total: 40000 })).toBe(
      'writing: 5,000 of 40,000 rows',
    )
  })
})
