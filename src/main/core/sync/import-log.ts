// File imports in the sync log, beside the syncs: the Sync screen's history then says when data came
// from a file, which file, how many SRs it wrote, or why it wrote nothing.
import type { Store } from '../db/open-database'
import type { ImportRunRecord } from '../sources/file-import/import'
import { logRun, pruneSyncLog } from './state'

/** The `record` option of runImport for the file `fileName` (the name the user chose, no folder). */
export function recordImportRun(fileName: string): (store: Store, run: ImportRunRecord) => void {
  return (store, run) => {
    logRun(store, { ...run, entity: 'srs', detail: fileName })
    pruneSyncLog(store, run.source, run.finishedAt)
  }
}
