// `sync log`'s text: one line per entry, its collection named as the English Sync screen names it.
import { describe, expect, it } from 'vitest'
import { syncLogText } from '../../../src/main/cli/sync-log-text'
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
  it('names each collection, not its key, in a column wide enough for the longest', () => {
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
      '2026-03-31 15:05  prod (itsm)                    service requests  ok        1,200 rows',
      '2026-03-31 15:05  prod (itsm)                    SR history        ok        40 rows',
      '2026-03-31 15:05  prod (itsm)                    feature usage     failed    0 rows',
      '  The server failed (503)',
      '2026-03-31 15:05  file import: a.csv             service requests  ok        3 rows',
    ])
  })

  it('shows a collection it has no name for by its key', () => {
    expect(syncLogText([entry({ entity: 'videos' })], 'UTC')).toBe(
      '2026-03-31 06:05  prod (itsm)                    videos            ok        1,200 rows',
    )
  })
})
