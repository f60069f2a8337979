// Messages between the sync worker and the process that started it. Secrets travel only in
// workerData (memory shared with this process), never through files or logs.
import type { SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { SourceSecrets } from '../secrets'
import type { SourceRecord } from '../sources/registry'
import type { SyncOutcome, SyncProgress } from '../sync/engine'

export type SyncWorkerData = {
  workspace: { dataDir: string; migrationsFolder?: string; nativeBinding?: string }
  record: SourceRecord
  /** The source's secrets, resolved in the main process (the OS keychain is only reachable there). */
  secrets: SourceSecrets
  full: boolean
  pageSize?: number
  /** The workspace's time zone, for times in messages (a long Retry-After's end). */
  timeZone?: string
}

export type SyncWorkerRequest = { type: 'cancel' }

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'done'; outcome: SyncOutcome }
  /** The worker could not sync: `reason` when the error had one (no secret for the connection). */
  | { type: 'error'; message: string; reason?: SyncFailureReason | null }
