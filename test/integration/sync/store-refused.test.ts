// A sync whose pages the workspace refuses to store (its disk full, read-only) ends failed with a
// reason that says so and names the workspace folder; the pages committed before are kept with their
// cursor, so the next sync resumes after them. When the sync-log entry cannot be written either, the
// run's outcome still comes back (before, the sync threw).
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../src/main/core/db/open-database'
import * as schema from '../../../src/main/core/db/schema'
import type { SrInput } from '../../../src/main/core/db/repositories/service-requests'
import type { Connector, Page, SyncEntity } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const T0 = Date.parse('2026-03-01T00:00:00Z')
// Long titles: every page of ten needs new database pages, which a full disk cannot give.
const rows: SrInput[] = Array.from({ length: 30 }, (_, i) => ({
  source: 'itsm:fake',
  sourceId: `SR-${String(i).padStart(3, '0')}`,
  tenant: '행정안전부',
  title: `요청 ${i} ${'가'.repeat(1500)}`,
  priority: 'P3',
  status: 'OPEN',
  createdAt: T0 + i * 60_000,
  updatedAt: T0 + i * 60_000,
}))

/** Pages of ten SRs; the cursor is the index after the page. `onFetch` runs as each page is asked for. */
function fakeConnector(onFetch: (cursor: string | null) => void = () => undefined) {
  const calls: (string | null)[] = []
  const connector: Connector = {
    kind: 'itsm',
    name: 'fake',
    entities: ['srs'],
    async fetchPage<E extends SyncEntity>(_entity: E, cursor: string | null): Promise<Page<E>> {
      calls.push(cursor)
      onFetch(cursor)
      const start = cursor === null ? 0 : Number(cursor)
      const slice = rows.slice(start, start + 10)
      const next = start + slice.length
      return { rows: slice as never, cursor: String(next), hasMore: next < rows.length }
    },
    whoAmI: async () => ({ name: 'sync', role: 'operator' }),
  }
  return { connector, calls }
}

const count = (store: Store): number =>
  (store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

const KEPT =
  'The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept.'

describe('a sync the workspace refuses to store', () => {
  let ws: TempWorkspace
  let clock: number
  // Each page takes two seconds, so each is committed on its own (the engine commits after a second).
  const now = (): number => (clock += 2000)
  beforeEach(() => {
    ws = tempWorkspace('ops-sync-store-')
    clock = Date.parse('2026-03-18T06:00:00Z')
  })
  afterEach(() => ws.dispose())

  it('a full disk: failed with sync_store_full naming the folder; the first page kept, the next sync resumes after it', async () => {
    const sqlite = ws.store.sqlite
    // The disk fills up while the second page is received: it, and anything after, cannot be stored.
    const { connector } = fakeConnector((cursor) => {
      if (cursor === '20')
        sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
    })
    const outcome = await syncSource(ws.store, connector, { now })
    expect(outcome).toMatchObject({ status: 'failed', rows: 10, pages: 1 })
    // Before: 'database or disk is full (ITSM REST connection "fake", service requests)', reason null.
    expect(outcome.error).toBe(
      `The workspace's disk is full: free some space on the drive holding ${ws.dataDir} and sync again. ${KEPT} (ITSM REST connection "fake", service requests)`,
    )
    expect(outcome.reason).toEqual({
      code: 'sync_store_full',
      params: { dir: ws.dataDir, source: 'fake', kind: 'itsm', entity: 'srs' },
    })
    expect(count(ws.store)).toBe(10)
    expect(getCursor(ws.store, 'itsm:fake', 'srs')).toBe('10')
    // The log entry could still be written here (an update in place): it says the same.
    expect(recentSyncLog(ws.store, 1)[0]).toMatchObject({
      status: 'failed',
      rows: 10,
      error: outcome.error,
      reason: outcome.reason,
    })

    // Space freed: the next sync asks from the first page not stored and ends with every row.
    sqlite.pragma('max_page_count = 1073741823')
    const again = fakeConnector()
    expect(await syncSource(ws.store, again.connector, { now })).toMatchObject({ status: 'ok', rows: 20 })
    expect(again.calls[0]).toBe('10')
    expect(count(ws.store)).toBe(30)
  })

  it('a workspace turned read-only refuses the log entry too: the outcome still comes back, and the next sync closes that entry and resumes', async () => {
    const sqlite = ws.store.sqlite
    // This connection may no longer write (as after a folder's permissions changed): the second page
    // and the entry saying how the run ended are both refused.
    const { connector } = fakeConnector((cursor) => {
      if (cursor === '20') sqlite.pragma('query_only = 1')
    })
    // Before: syncSource rejected with "attempt to write a readonly database" and no outcome.
    const outcome = await syncSource(ws.store, connector, { now })
    expect(outcome).toMatchObject({ status: 'failed', rows: 10, pages: 1 })
    expect(outcome.reason).toEqual({
      code: 'sync_store_readonly',
      params: { dir: ws.dataDir, source: 'fake', kind: 'itsm', entity: 'srs' },
    })
    expect(outcome.error).toBe(
      `The workspace has become read-only (its folder's permissions changed, its drive is mounted read-only, or its database file was moved): make ${ws.dataDir} and its ops-console.db files writable and sync again. ${KEPT} (ITSM REST connection "fake", service requests)`,
    )
    expect(recentSyncLog(ws.store, 1)[0]?.status).toBe('running')

    sqlite.pragma('query_only = 0')
    const again = fakeConnector()
    expect(await syncSource(ws.store, again.connector, { now })).toMatchObject({ status: 'ok', rows: 20 })
    expect(again.calls[0]).toBe('10')
    expect(count(ws.store)).toBe(30)
    const [latest, left] = recentSyncLog(ws.store, 2)
    expect(latest?.status).toBe('ok')
    expect(left).toMatchObject({ status: 'failed', reason: { code: 'interrupted' } })
  })

  it('a store opened read-only refuses the run from its start: failed with sync_store_readonly, nothing thrown', async () => {
    // A second handle on the workspace file that may only read (a read-only mount answers the same).
    const sqlite = new Database(join(ws.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
    const reader: Store = {
      sqlite,
      db: drizzle(sqlite, { schema }),
      path: join(ws.dataDir, DATABASE_FILE),
      close: () => sqlite.close(),
    }
    try {
      const { connector, calls } = fakeConnector()
      // Before: it rejected with "attempt to write a readonly database".
      const outcome = await syncSource(reader, connector, { now })
      expect(outcome).toMatchObject({ status: 'failed', rows: 0, pages: 0 })
      expect(outcome.reason).toEqual({
        code: 'sync_store_readonly',
        params: { dir: ws.dataDir, source: 'fake', kind: 'itsm' },
      })
      expect(outcome.error).toMatch(/^The workspace has become read-only .* \(ITSM REST connection "fake"\)$/)
      expect(calls).toEqual([])
    } finally {
      reader.close()
    }
  })

  it('a log entry refused for another reason than the store (a fault) is not swallowed: the sync says it', async () => {
    // A trigger stands for a fault in writing the entry: not the disk, so not to be hidden.
    ws.store.sqlite.exec(
      `CREATE TRIGGER sync_log_fault BEFORE UPDATE ON sync_log WHEN NEW.status = 'failed'
       BEGIN SELECT RAISE(ABORT, 'log entry fault'); END`,
    )
    const { connector } = fakeConnector((cursor) => {
      if (cursor === '10') throw new Error('the page could not be read')
    })
    await expect(syncSource(ws.store, connector, { now })).rejects.toThrow('log entry fault')
  })
})
