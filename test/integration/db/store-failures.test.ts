// A write the workspace's SQLite store refuses (its disk full, read-only, its file damaged) is said
// as what happened and what to do, with a reason the app words, instead of SQLite's own English or an
// internal error. The errors here are the ones better-sqlite3 itself throws for each condition.
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCoreHandlers } from '../../../src/main/core/api'
import { dispatch } from '../../../src/main/core/dispatch'
import {
  CoreError,
  fromWorkerError,
  storeFailure,
  storeFailureKind,
  storeFailureMessage,
  toApiError,
  workerError,
} from '../../../src/main/core/errors'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

/** What `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-store-failures-')
})
afterEach(() => ws.dispose())

/** A table of long rows, and the connection capped at the pages it has: growing it is a full disk. */
function fullDisk(db: Database.Database): unknown {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x TEXT)')
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`)
  const insert = db.prepare('INSERT INTO filler VALUES (?)')
  return thrown(() =>
    db
      .transaction(() => {
        for (let i = 0; i < 100; i++) insert.run('x'.repeat(2000))
      })
      .immediate(),
  )
}

describe('storeFailureKind and storeFailure', () => {
  it('sorts the errors SQLite throws for a full disk, a read-only handle and a damaged file; a busy lock or a bug is none', () => {
    const full = fullDisk(ws.store.sqlite)
    expect(full).toMatchObject({ name: 'SqliteError', code: 'SQLITE_FULL' })
    expect(storeFailureKind(full)).toBe('full')
    // Nothing of the refused transaction is in the store.
    expect(ws.store.sqlite.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 0 })

    const reader = new Database(join(ws.dataDir, DATABASE_FILE), { readonly: true })
    try {
      const readonly = thrown(() =>
        reader.prepare("INSERT INTO workspace_meta (key, value) VALUES ('k', 'v')").run(),
      )
      expect(readonly).toMatchObject({ code: 'SQLITE_READONLY' })
      expect(storeFailureKind(readonly)).toBe('readonly')
    } finally {
      reader.close()
    }

    // A damaged copy: pages in the middle of the file overwritten.
    const copy = join(ws.dataDir, 'damaged.db')
    ws.store.sqlite.exec(`VACUUM INTO '${copy}'`)
    const fd = openSync(copy, 'r+')
    writeSync(fd, Buffer.alloc(4096 * 4, 0xab), 0, 4096 * 4, 4096 * 2)
    closeSync(fd)
    const damaged = new Database(copy)
    try {
      const corrupt = thrown(() => {
        for (const { name } of damaged
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all() as {
          name: string
        }[])
          damaged.prepare(`SELECT * FROM "${name}"`).all()
      })
      expect(corrupt).toMatchObject({ code: expect.stringMatching(/^SQLITE_CORRUPT/) })
      expect(storeFailureKind(corrupt)).toBe('damaged')
    } finally {
      damaged.close()
    }
    // A file that is no database at all.
    const notADb = join(ws.dataDir, 'not-a-db.db')
    const nfd = openSync(notADb, 'w')
    writeSync(nfd, Buffer.alloc(8192, 0x41))
    closeSync(nfd)
    const other = new Database(notADb)
    try {
      const notadb = thrown(() => other.prepare('SELECT 1 FROM sqlite_master').get())
      expect(notadb).toMatchObject({ code: 'SQLITE_NOTADB' })
      expect(storeFailureKind(notadb)).toBe('damaged')
    } finally {
      other.close()
    }
    // The disk I/O error a file-size limit or a failing drive gives (the CLI test provokes it for real).
    expect(storeFailureKind(new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'))).toBe('io')
    expect(storeFailureKind(new Database.SqliteError('database is locked', 'SQLITE_BUSY'))).toBeNull()
    expect(
      storeFailureKind(new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE')),
    ).toBeNull()
    expect(storeFailureKind(new TypeError('x is undefined'))).toBeNull()
  })

  it('says a disk I/O error of a step as a failed read or write (it may only have read), of a sync as a failed write', () => {
    expect(storeFailureMessage('io', '/data/ops')).toMatch(
      /^The workspace's disk failed to read or write \(disk I\/O error: the drive or network share holding \/data\/ops /,
    )
    expect(storeFailureMessage('io', '/data/ops', 'sync')).toMatch(/^The workspace's disk failed to write \(/)
  })

  it('says a full disk as what to do, naming the workspace folder, as UNAVAILABLE with store_full', () => {
    const err = storeFailure(fullDisk(ws.store.sqlite), ws.dataDir)
    expect(err).toBeInstanceOf(CoreError)
    expect(toApiError(err)).toEqual({
      code: 'UNAVAILABLE',
      message: `The workspace's disk is full: free some space on the drive holding ${ws.dataDir} and try again. What this step was writing was not saved; the data saved before it is unchanged.`,
      reason: { code: 'store_full', params: { dir: ws.dataDir } },
    })
  })

  it('toApiError and a worker say a raw store failure with its reason, not as an internal error', () => {
    const full = fullDisk(ws.store.sqlite)
    // Before: { code: 'INTERNAL', message: 'Internal error: database or disk is full' }.
    expect(toApiError(full)).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(
        /^The workspace's disk is full: free some space on the drive holding the workspace folder and try again\./,
      ),
      reason: { code: 'store_full' },
    })
    const back = toApiError(fromWorkerError(structuredClone(workerError(full))))
    expect(back).toEqual(toApiError(full))
    expect(toApiError(new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_FSYNC'))).toMatchObject({
      code: 'UNAVAILABLE',
      reason: { code: 'store_io' },
    })
  })

  it("a call through the handler table names the workspace folder, a worker's failure too", async () => {
    const handlers = createCoreHandlers({
      workspace: ws,
      runtime: 'cli',
      version: 'test',
      now: () => Date.parse('2026-03-18T06:00:00Z'),
      settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }),
      emit: () => undefined,
      role: () => 'admin',
      // The demo generator in a worker, whose store met the full disk: its error as the worker posts it.
      runDemo: () => Promise.reject(fromWorkerError(structuredClone(workerError(fullDisk(ws.store.sqlite))))),
    })
    ws.store.sqlite.pragma('max_page_count = 1073741823')
    const demo = await dispatch(handlers, 'demo:generate', { srCount: 100 })
    expect(demo).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: `The workspace's disk is full: free some space on the drive holding ${ws.dataDir} and try again. What this step was writing was not saved; the data saved before it is unchanged.`,
        reason: { code: 'store_full', params: { dir: ws.dataDir } },
      },
    })
    // A handler writing into a store that has become read-only (this connection told to write nothing).
    ws.store.sqlite.pragma('query_only = 1')
    const add = await dispatch(handlers, 'sla:add-holiday', { day: '2026-03-02', name: '임시' })
    expect(add).toMatchObject({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringContaining(
          `make ${ws.dataDir} and its ops-console.db files writable and try again`,
        ),
        reason: { code: 'store_readonly', params: { dir: ws.dataDir } },
      },
    })
  })
})
