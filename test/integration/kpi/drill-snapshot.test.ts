// A KPI drill-down reads the period, its total, its page's ids and their rows in several statements.
// While a sync commits on its own connection between them, the list must still match its total: all
// of them come from one snapshot. Here the other connection deletes one of the SRs just before the
// page's ids are read (the store's prepare is wrapped to find that moment).
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch, type HandlerTable } from '../../../src/main/core/dispatch'
import type { Store } from '../../../src/main/core/db/open-database'
import { getKpi } from '../../../src/main/core/kpi/definitions'
import { kpiDrillDown } from '../../../src/main/core/kpi/drill-down'
import { createKpiHandlers } from '../../../src/main/core/kpi/handlers'
import type { TempWorkspace } from '../../helpers/workspace'
import { AS_OF, seedFeeds, seedSrs, tempWorkspace, testContext } from './fixture'

describe('KPI drill-down under a concurrent writer', () => {
  let ws: TempWorkspace
  let other: Database.Database

  beforeEach(async () => {
    ws = tempWorkspace()
    seedSrs(ws)
    seedFeeds(ws)
    const handlers = createKpiHandlers(testContext(ws)) as HandlerTable
    const applied = await dispatch(handlers, 'kpi:apply', { template_names: ['FCR'] })
    expect(applied.ok).toBe(true)
    other = new Database(ws.store.path)
  })
  afterEach(() => {
    other.close()
    ws.dispose()
  })

  /** The store, except that a commit from `other` runs just before the first page-ids statement. */
  function storeWithWriterBeforeIds(deleteSql: string): { store: Store; deleted: () => number } {
    let deleted = 0
    const real = ws.store.sqlite
    const sqlite = new Proxy(real, {
      get(target, prop) {
        if (prop === 'prepare')
          return (sql: string) => {
            if (deleted === 0 && sql.includes('LIMIT ? OFFSET ?'))
              deleted = other.prepare(deleteSql).run().changes
            return target.prepare(sql)
          }
        const value: unknown = Reflect.get(target, prop, target)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
    return { store: { ...ws.store, sqlite }, deleted: () => deleted }
  }

  it('the total and the listed SRs come from one snapshot while another connection deletes one', () => {
    const asOf = Date.parse(AS_OF)
    const o = { at: asOf, asOf, zone: 'Asia/Seoul', limit: 50, offset: 0 }
    const kpi = getKpi(ws.store, 'FCR')
    // Resolved in March (the fixture): P3 (24 h), P2 (10 h), P1 (3 h), newest first. The P2 one goes.
    const { store, deleted } = storeWithWriterBeforeIds(
      `DELETE FROM service_requests WHERE resolved_at = ${Date.parse('2026-03-03T19:00:00+09:00')}`,
    )
    const page = kpiDrillDown(store, kpi, o)
    expect(deleted()).toBe(1)
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => [r.priority, r.resolution_hours])).toEqual([
      ['P3', 24],
      ['P2', 10],
      ['P1', 3],
    ])
    // The delete did commit: the next drill sees it.
    const next = kpiDrillDown(ws.store, kpi, o)
    expect([next.total, next.rows.map((r) => r.priority)]).toEqual([2, ['P3', 'P1']])
  })
})
