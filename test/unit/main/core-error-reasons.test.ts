// A CoreError's reason (a code and params the UI words in its own language) reaches the error
// envelope next to the unchanged English message, a busy store has one too, and a reason survives
// the trip from a worker thread (structured cloning keeps no class, only plain data).
import { describe, expect, it } from 'vitest'
import {
  CoreError,
  fromWorkerError,
  reason,
  STORE_BUSY_MESSAGE,
  toApiError,
  workerError,
} from '../../../src/main/core/errors'

/** What better-sqlite3 throws when another connection holds the write lock too long. */
const sqliteBusy = (): Error =>
  Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' })

describe('error reasons in the envelope', () => {
  it('toApiError passes a CoreError reason on, and leaves it out when there is none', () => {
    const err = new CoreError(
      'BAD_REQUEST',
      'The file /tmp/x/a.csv is empty',
      reason('file_empty', { file: 'a.csv' }),
    )
    expect(toApiError(err)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The file /tmp/x/a.csv is empty',
      reason: { code: 'file_empty', params: { file: 'a.csv' } },
    })
    expect(toApiError(new CoreError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone' })
  })

  it('a busy store answers BUSY with its message and the store_busy reason', () => {
    expect(toApiError(sqliteBusy())).toEqual({
      code: 'BUSY',
      message: STORE_BUSY_MESSAGE,
      reason: { code: 'store_busy' },
    })
  })

  it('reason() drops params left undefined and omits empty params', () => {
    expect(reason('sheet_not_found', { sheet: 'A', sheets: undefined })).toEqual({
      code: 'sheet_not_found',
      params: { sheet: 'A' },
    })
    expect(reason('xls_file')).toEqual({ code: 'xls_file' })
  })

  it('a worker posts code, message and reason as plain data; the starting side gets them back', () => {
    const thrown = new CoreError(
      'BAD_REQUEST',
      'The sheet "S" is empty',
      reason('sheet_empty', { sheet: 'S' }),
    )
    // What postMessage does to the posted error.
    const posted = structuredClone(workerError(thrown))
    const back = fromWorkerError(posted)
    expect(back).toBeInstanceOf(CoreError)
    expect(toApiError(back)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The sheet "S" is empty',
      reason: { code: 'sheet_empty', params: { sheet: 'S' } },
    })
  })

  it('a worker says a busy store as BUSY, and anything else as INTERNAL with its own message', () => {
    expect(toApiError(fromWorkerError(structuredClone(workerError(sqliteBusy()))))).toEqual({
      code: 'BUSY',
      message: STORE_BUSY_MESSAGE,
      reason: { code: 'store_busy' },
    })
    expect(workerError(new TypeError('x is undefined'))).toEqual({
      code: 'INTERNAL',
      message: 'x is undefined',
    })
  })
})
