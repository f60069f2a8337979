// A drill-down reads its total, its page's ids and their rows in three statements. While a sync
// commits on its own connection between them, the list must still match its total: all three come
// from one snapshot. The other connection commits from inside the first statement (a SQL function
// the condition calls), which is the widest such window.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { drillRows } from '../../../src/main/core/analytics/widgets/drill-rows'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const TENANT = '서울특별시청'
const ORDER = { sort: 'created', order: 'desc', page: 1, pageSize: 50 } as const

describe('drill-down lists under a concurrent writer', () => {
  let ws: TempWorkspace
  let other: Database.Database

  beforeEach(() => {
    ws = tempWorkspace()
    addSrs(
      ws,
      ['01', '02', '03', '04'].map((d) => ({
        tenant: TENANT,
        status: 'OPEN' as const,
        title: `SR 03-${d}`,
        created: `2026-03-${d}T09:00:00+09:00`,
      })),
    )
    other = new Database(ws.store.path)
  })
  afterEach(() => {
    other.close()
    ws.dispose()
  })

  it('the total and the listed SRs come from one snapshot while another connection deletes one', () => {
    let deleted = 0
    ws.store.sqlite.function('other_writer_commits', () => {
      if (deleted === 0) {
        deleted = other.prepare("DELETE FROM service_requests WHERE title = 'SR 03-02'").run().changes
      }
      return 1
    })
    const page = drillRows(ws.store, 'other_writer_commits() = 1', [], ORDER, 'Asia/Seoul')
    expect(deleted).toBe(1)
    expect(page.total).toBe(4)
    expect(page.rows.map((r) => r.title)).toEqual(['SR 03-04', 'SR 03-03', 'SR 03-02', 'SR 03-01'])
    // The delete did commit: the next drill sees it.
    const next = drillRows(ws.store, '1', [], ORDER, 'Asia/Seoul')
    expect([next.total, next.rows.length]).toEqual([3, 3])
  })
})
