// How the engine groups pages into transactions and overlaps requests with writes: it asks for the
// next page before writing the current one, and commits every 5,000 rows or every second.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SrInput } from '../../../src/main/core/db/repositories/service-requests'
import type { Connector, Page, SyncEntity } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const T0 = Date.parse('2026-03-01T00:00:00Z')

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-batching-')
})
afterEach(() => ws.dispose())

const committed = (): number =>
  (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

/** `pages` pages of `size` SRs; records how many SRs were committed when each page was asked for. */
function pagedConnector(pages: number, size: number, onFetch: () => void = () => undefined) {
  const seenAtRequest: number[] = []
  const connector: Connector = {
    kind: 'itsm',
    name: 'batch',
    entities: ['srs'],
    async fetchPage<E extends SyncEntity>(_e: E, cursor: string | null): Promise<Page<E>> {
      seenAtRequest.push(committed())
      onFetch()
      const page = cursor === null ? 0 : Number(cursor)
      const rows: SrInput[] = Array.from({ length: size }, (_, i) => ({
        source: 'itsm:batch',
        sourceId: `SR-${page * size + i}`,
        tenant: '행정안전부',
        title: `요청 ${page * size + i}`,
        priority: 'P3',
        status: 'OPEN',
        createdAt: T0 + (page * size + i) * 1000,
        updatedAt: T0 + (page * size + i) * 1000,
      }))
      return { rows: rows as never, cursor: String(page + 1), hasMore: page + 1 < pages }
    },
    whoAmI: async () => ({ name: 'batch', role: null }),
  }
  return { connector, seenAtRequest }
}

describe('sync batching', () => {
  it('requests the next page before writing, and commits 5,000 rows at a time', async () => {
    const { connector, seenAtRequest } = pagedConnector(12, 1000)
    const outcome = await syncSource(ws.store, connector, { now: () => T0 })
    expect(outcome).toMatchObject({ status: 'ok', rows: 12_000, pages: 12 })
    // Page 6 is asked for before pages 1–5 are written; pages 6–10 are committed together, and so on.
    expect(seenAtRequest).toEqual([0, 0, 0, 0, 0, 0, 5000, 5000, 5000, 5000, 5000, 10_000])
    expect(committed()).toBe(12_000)
    expect(getCursor(ws.store, 'itsm:batch', 'srs')).toBe('12')
  })

  it('commits at least every second, so a slow source keeps its progress', async () => {
    let clock = T0
    const { connector, seenAtRequest } = pagedConnector(6, 10, () => (clock += 600))
    expect((await syncSource(ws.store, connector, { now: () => clock })).status).toBe('ok')
    // Each request takes 600 ms: a commit once a second has passed, after every other page, far
    // below 5,000 rows.
    expect(seenAtRequest).toEqual([0, 0, 10, 10, 30, 30])
    expect(recentSyncLog(ws.store, 1)[0]).toMatchObject({ status: 'ok', rows: 60, pages: 6 })
  })
})
