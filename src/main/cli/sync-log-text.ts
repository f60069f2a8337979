// `sync log`: the sync log the Sync screen shows, for headless use (a CLI sync run by cron, say).
import { DateTime } from 'luxon'
import type { SyncLogView } from '../../shared/ipc/types-sync'
import { logSource } from '../../shared/sync-log-source'
import { SYNC_ENTITY_NAMES_EN, syncEntityNameEn } from '../../shared/labels'
import { padCols } from './output'

/** Who wrote an entry: `name (kind)` for a connection, `file import: NAME` for a file. */
function who(e: Omit<SyncLogView, 'reason'>): string {
  const s = logSource(e.source)
  if (s.fileImport)
    return `file import${s.name !== 'file' ? ` (${s.name})` : ''}${e.detail ? `: ${e.detail}` : ''}`
  return s.kind ? `${s.name} (${s.kind})` : s.name
}

/** The entity column's width: the longest collection name ("service requests") and a space. */
const ENTITY_COLUMNS = Math.max(...Object.values(SYNC_ENTITY_NAMES_EN).map((n) => n.length)) + 1

/**
 * One line per entry, newest first, times in `zone`; an error goes on the next line. The collection
 * is named as the English Sync screen names it (service requests, SR history), not by its key.
 */
export function syncLogText(entries: readonly Omit<SyncLogView, 'reason'>[], zone: string): string {
  if (entries.length === 0) return 'no entries'
  return entries
    .map((e) => {
      const at = DateTime.fromMillis(e.startedAt, { zone }).toFormat('yyyy-MM-dd HH:mm')
      const line = `${at}  ${padCols(who(e), 30)} ${padCols(syncEntityNameEn(e.entity), ENTITY_COLUMNS)} ${padCols(e.status, 9)} ${e.rows.toLocaleString('en-US')} rows`
      return e.error ? `${line}\n  ${e.error}` : line
    })
    .join('\n')
}
