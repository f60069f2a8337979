// `sync log`'s text: one line per entry, its collection named as the English Sync screen names it.
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { syncLogText, WHO_COLUMNS_MAX } from '../../../src/main/cli/sync-log-text'
import type { SyncLogView } from '../../../src/shared/ipc/types-sync'

const at = Date.UTC(2026, 2, 31, 6, 5)
const entry = (over: Partial<Omit<SyncLogView, 'reason'>>): Omit<SyncLogView, 'reason'> => ({
  id: 1,
  source: 'itsm:prod',
  entity: 'srs',
  startedAt: at,
  finishedAt: at + 1000,
  status: 'ok',
  rows: 1200,
  pages: 2,
  error: null,
  cause: null,
  detail: null,
  ...over,
})

describe('syncLogText', () => {
  // Before, a connection was `prod (itsm)`, where the rest of the command line says
  // `ITSM REST connection "prod"` as the app does.
  it('names each connection as the rest of the command line does, and each collection, not its key', () => {
    const lines = syncLogText(
      [
        entry({ entity: 'srs' }),
        entry({ entity: 'sr_events', rows: 40 }),
        entry({ entity: 'feature_usage', status: 'failed', rows: 0, error: 'The server failed (503)' }),
        entry({ source: 'import:file', entity: 'srs', rows: 3, detail: 'a.csv' }),
      ],
      'Asia/Seoul',
    ).split('\n')
    expect(lines).toEqual([
      '2026-03-31 15:05  ITSM REST connection "prod"  service requests  ok      1,200 rows',
      '2026-03-31 15:05  ITSM REST connection "prod"  SR history        ok      40 rows',
      '2026-03-31 15:05  ITSM REST connection "prod"  feature usage     failed  0 rows',
      '  The server failed (503)',
      '2026-03-31 15:05  file import: a.csv           service requests  ok      3 rows',
    ])
  })

  it('shows a collection it has no name for by its key', () => {
    expect(syncLogText([entry({ entity: 'videos' })], 'UTC')).toBe(
      '2026-03-31 06:05  ITSM REST connection "prod"  videos  ok  1,200 rows',
    )
  })

  /** The terminal column each line's `marker` starts at (Hangul takes two). */
  const columnOf = (lines: string[], marker: RegExp): number[] =>
    lines.map((l) => stringWidth(l.slice(0, l.search(marker))))

  it('widens the source column to its longest label, Korean ones by their terminal width', () => {
    // Before, the column was 30 wide: a longer label ran straight into the collection's name.
    const lines = syncLogText(
      [
        entry({ source: 'import:hr', rows: 3, detail: 'canonical-utf8.csv' }),
        entry({ source: 'itsm:서울특별시청', entity: 'sr_events', status: 'cancelled' }),
        entry({ source: 'import:file', detail: '민원-2026년-3월-보고.csv', status: 'failed' }),
        entry({ source: 'servicenow:sn' }),
      ],
      'Asia/Seoul',
    ).split('\n')
    expect(lines).toEqual([
      '2026-03-31 15:05  file import (hr): canonical-utf8.csv   service requests  ok         3 rows',
      '2026-03-31 15:05  ITSM REST connection "서울특별시청"    SR history        cancelled  1,200 rows',
      '2026-03-31 15:05  file import: 민원-2026년-3월-보고.csv  service requests  failed     1,200 rows',
      '2026-03-31 15:05  ServiceNow connection "sn"             service requests  ok         1,200 rows',
    ])
    // Each column starts at one terminal column on every line, two spaces after its widest value
    // (the Korean file name's label: 37 columns for its 29 characters).
    expect(new Set(columnOf(lines, /service requests|SR history/))).toEqual(new Set([18 + 37 + 2]))
    expect(new Set(columnOf(lines, / (ok|cancelled|failed) /))).toEqual(new Set([18 + 37 + 2 + 16 + 1]))
  })

  it(`cuts a label wider than ${WHO_COLUMNS_MAX} columns in its middle, keeping its start and its end`, () => {
    const long = '2026년-3월-서울특별시청-민원-처리-현황-전체-기관-내보내기-최종본-03-31.csv'
    const lines = syncLogText(
      [
        entry({ source: 'import:file', detail: long }),
        entry({ source: 'import:file', detail: long.replace('03-31', '03-30'), entity: 'sr_events' }),
      ],
      'UTC',
    ).split('\n')
    const labels = lines.map((l) => /^\S+ \S+ {2}(.*?) {2,}(service requests|SR history)/.exec(l)?.[1] ?? '')
    for (const label of labels) {
      expect(stringWidth(label)).toBeLessThanOrEqual(WHO_COLUMNS_MAX)
      expect(label).toMatch(/^file import: 2026년-.*….*-03-3\d\.csv$/)
    }
    // The end that tells two exports apart stays.
    expect(labels[0]).not.toBe(labels[1])
    expect(new Set(columnOf(lines, /service requests|SR history/)).size).toBe(1)
  })
})
