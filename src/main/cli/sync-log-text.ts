// `sync log`: the sync log the Sync screen shows, for headless use (a CLI sync run by cron, say).
import { DateTime } from 'luxon'
import stringWidth from 'string-width'
import type { SyncLogView } from '../../shared/ipc/types-sync'
import { logSource } from '../../shared/sync-log-source'
import { connectionNameEn, syncEntityNameEn } from '../../shared/labels'
import { fitMiddle, padCols } from './output'

/**
 * A connection's sync-log or outcome `source` (`itsm:prod`) as the rest of the command line names it:
 * `ITSM REST connection "prod"` (the JSON keeps the tag).
 */
export function connectionLabel(source: string): string {
  const s = logSource(source)
  if (s.fileImport) return `file import${s.name !== 'file' ? ` (${s.name})` : ''}`
  return s.kind ? connectionNameEn(s.kind, s.name) : s.name
}

/** Who wrote an entry: `ITSM REST connection "prod"` for a connection, `file import: NAME` for a file. */
function who(e: Omit<SyncLogView, 'reason'>): string {
  const s = logSource(e.source)
  if (s.fileImport) return `${connectionLabel(e.source)}${e.detail ? `: ${e.detail}` : ''}`
  return connectionLabel(e.source)
}

/**
 * The widest the "who" column gets, in terminal columns: a longer label (a long file name) is cut in
 * its middle, keeping its start and its end (`file import: 민원-…-2026-03.csv`); `--json` keeps it whole.
 */
export const WHO_COLUMNS_MAX = 40

/** The terminal columns of the widest of `texts`. */
export const widest = (texts: readonly string[]): number => Math.max(0, ...texts.map((t) => stringWidth(t)))

/**
 * One line per entry, newest first, times in `zone`; an error goes on the next line. The collection
 * is named as the English Sync screen names it (service requests, SR history), not by its key. Each
 * column is as wide as its widest value (by terminal columns: Hangul takes two), two spaces apart, so
 * a long file name does not run into the next column.
 */
export function syncLogText(entries: readonly Omit<SyncLogView, 'reason'>[], zone: string): string {
  if (entries.length === 0) return 'no entries'
  const rows = entries.map((e) => ({
    at: DateTime.fromMillis(e.startedAt, { zone }).toFormat('yyyy-MM-dd HH:mm'),
    who: fitMiddle(who(e), WHO_COLUMNS_MAX),
    entity: syncEntityNameEn(e.entity),
    status: e.status,
    count: `${e.rows.toLocaleString('en-US')} rows`,
    error: e.error,
  }))
  const whoColumns = widest(rows.map((r) => r.who))
  const entityColumns = widest(rows.map((r) => r.entity))
  const statusColumns = widest(rows.map((r) => r.status))
  return rows
    .map((r) => {
      const line = `${r.at}  ${padCols(r.who, whoColumns)}  ${padCols(r.entity, entityColumns)}  ${padCols(r.status, statusColumns)}  ${r.count}`
      return r.error ? `${line}\n  ${r.error}` : line
    })
    .join('\n')
}
