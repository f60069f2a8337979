// The CLI's one-line sync progress: step of the run, rows of the reported total, rate and ETA; and
// the file import's progress line.
import { describe, expect, it } from 'vitest'
import { importProgressLine } from '../../../src/main/cli/import-command'
import { progressOn } from '../../../src/main/cli/progress'
import { progressLine, progressStep } from '../../../src/main/cli/sync-commands'
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

const retryOf = { attempt: 1, maxAttempts: 6, delayMs: 800, reason: 'The server failed (503)', at: 0 }

describe('progressLine', () => {
  it('says which of the entities runs, its rows of the total, the rate and the seconds left', () => {
    expect(progressLine(base)).toBe(
      'ITSM REST connection "prod" [4/7] service requests: 1,200 of 3,000 rows, 950/s, ETA 2 s',
    )
  })

  it('without a total from the source: rows alone and no ETA', () => {
    expect(progressLine({ ...base, total: null, etaMs: null, rows: 12345 })).toBe(
      'ITSM REST connection "prod" [4/7] service requests: 12,345 rows, 950/s',
    )
  })

  it('names each collection as the English Sync screen does, not by its key', () => {
    const line = (entity: SyncProgress['entity']) =>
      progressLine({ ...base, entity, total: null, etaMs: null })
    expect(line('sr_events')).toBe('ITSM REST connection "prod" [4/7] SR history: 1,200 rows, 950/s')
    expect(line('feature_usage')).toBe('ITSM REST connection "prod" [4/7] feature usage: 1,200 rows, 950/s')
    expect(line('people')).toBe('ITSM REST connection "prod" [4/7] people: 1,200 rows, 950/s')
    // The retry line too; the step (which groups updates in a pipe) keeps the key.
    const retried = { ...base, entity: 'sr_events' as const, retry: { ...retryOf, attempt: 3 } }
    expect(progressLine(retried)).toMatch(
      /^ITSM REST connection "prod" \[4\/7\] SR history: attempt 3 of 6 failed/,
    )
    expect(progressStep(retried)).toBe('itsm:prod sr_events retry 3')
  })

  it('an ETA under a second is left out instead of saying 0 s', () => {
    expect(progressLine({ ...base, rows: 3000, etaMs: 400 })).toBe(
      'ITSM REST connection "prod" [4/7] service requests: 3,000 of 3,000 rows, 950/s',
    )
  })
})

describe('a retry in the sync progress', () => {
  const retry = (attempt: number, delayMs: number): SyncProgress => ({
    ...base,
    retry: { attempt, maxAttempts: 6, delayMs, reason: 'The server failed (503) at /api/v1/srs', at: 0 },
  })

  it('says which attempt failed, how long until the next, and why', () => {
    expect(progressLine(retry(2, 4200))).toBe(
      'ITSM REST connection "prod" [4/7] service requests: attempt 2 of 6 failed, trying again in 5 s: The server failed (503) at /api/v1/srs',
    )
    expect(progressLine(retry(5, 75_000))).toContain('attempt 5 of 6 failed, trying again in 1 min 15 s:')
  })

  it('says that a page that timed out is asked again with fewer rows', () => {
    const timedOut: SyncProgress = {
      ...base,
      retry: {
        attempt: 1,
        maxAttempts: 6,
        delayMs: 800,
        reason: 'No answer in time from /api/v1/srs',
        pageRows: { from: 1000, to: 500 },
        at: 0,
      },
    }
    expect(progressLine(timedOut)).toBe(
      'ITSM REST connection "prod" [4/7] service requests: attempt 1 of 6 failed, trying again in 1 s with 500 rows a page instead of 1,000: No answer in time from /api/v1/srs',
    )
  })

  it('is written at once into a pipe, between page updates held back for the interval', () => {
    let text = ''
    const pipe = progressOn(
      { write: (c: string | Uint8Array) => ((text += String(c)), true) },
      { now: () => 0 },
    )
    for (const p of [base, { ...base, rows: 1400 }, retry(1, 800), retry(2, 1600), { ...base, rows: 1600 }])
      pipe.show(progressStep(p), progressLine(p))
    pipe.done()
    expect(text.split('\n').filter(Boolean)).toEqual([
      'ITSM REST connection "prod" [4/7] service requests: 1,200 of 3,000 rows, 950/s, ETA 2 s',
      // 1,400 rows was held back (same step, within the interval) and then passed over by the retry's
      // step: a pipe keeps the last update of each step only.
      'ITSM REST connection "prod" [4/7] service requests: 1,400 of 3,000 rows, 950/s, ETA 2 s',
      'ITSM REST connection "prod" [4/7] service requests: attempt 1 of 6 failed, trying again in 1 s: The server failed (503) at /api/v1/srs',
      'ITSM REST connection "prod" [4/7] service requests: attempt 2 of 6 failed, trying again in 2 s: The server failed (503) at /api/v1/srs',
      'ITSM REST connection "prod" [4/7] service requests: 1,600 of 3,000 rows, 950/s, ETA 2 s',
    ])
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
