// `sync`'s outcome lines: one per source, the connection named as the rest of the command line names
// it (`ITSM REST connection "prod"`), the statuses in one column whatever the names' widths.
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { outcomesText } from '../../../src/main/cli/sync-commands'
import type { SyncOutcome } from '../../../src/main/core/sync/engine'

const outcome = (over: Partial<Omit<SyncOutcome, 'reason'>>): Omit<SyncOutcome, 'reason'> => ({
  source: 'itsm:prod',
  status: 'ok',
  rows: 4000,
  pages: 4,
  error: null,
  startedAt: 0,
  finishedAt: 2100,
  ...over,
})

describe('outcomesText', () => {
  it('names a connection as `source add`, `source remove` and the errors do, not by its kind:name tag', () => {
    // Before: 'itsm:prod: ok — 4,000 rows in 4 pages, 2.1 s'.
    expect(outcomesText([outcome({})])).toBe('ITSM REST connection "prod": ok — 4,000 rows in 4 pages, 2.1 s')
    expect(
      outcomesText([
        outcome({ source: 'servicenow:sn', status: 'failed', rows: 0, pages: 0, error: 'No password' }),
      ]),
    ).toBe('ServiceNow connection "sn": failed — 0 rows in 0 pages, 2.1 s\n  No password')
  })

  it('lines the statuses up in one column, Korean names by their terminal width', () => {
    const lines = outcomesText([
      outcome({ source: 'itsm:서울특별시청' }),
      outcome({
        source: 'servicenow:sn',
        status: 'failed',
        rows: 0,
        pages: 0,
        error: 'The server failed (503)',
      }),
      outcome({ source: 'itsm:p', status: 'cancelled', rows: 1, pages: 1 }),
    ]).split('\n')
    expect(lines).toEqual([
      'ITSM REST connection "서울특별시청": ok — 4,000 rows in 4 pages, 2.1 s',
      'ServiceNow connection "sn":          failed — 0 rows in 0 pages, 2.1 s',
      '  The server failed (503)',
      'ITSM REST connection "p":            cancelled — 1 row in 1 page, 2.1 s',
    ])
    const statusAt = lines
      .filter((l) => !l.startsWith('  '))
      .map((l) => stringWidth(l.slice(0, l.search(/ (ok|failed|cancelled) — /))))
    expect(new Set(statusAt)).toEqual(new Set([36]))
  })
})
