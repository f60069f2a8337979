// Worker-thread entry: syncs one source on its own SQLite connection (WAL lets the main process keep
// reading dashboards meanwhile), so the UI's event loop never waits on parsing or writing pages.
// Progress and the outcome go back as messages; 'cancel' aborts between pages. See run-sync-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { redactSecrets } from '../secrets'
import { defaultHttpDeps } from '../sources/http'
import { connectorFor } from '../sources/registry'
import { syncSource, type SyncProgress } from '../sync/engine'
import { openWorkspace } from '../workspace'
import type { SyncWorkerData, SyncWorkerMessage, SyncWorkerRequest } from './sync-worker-protocol'

const data = workerData as SyncWorkerData
const post = (message: SyncWorkerMessage): void => parentPort?.postMessage(message)
const controller = new AbortController()
parentPort?.on('message', (message: SyncWorkerRequest) => {
  if (message.type === 'cancel') controller.abort()
})
const known = [data.secrets.token, data.secrets.password]

// At most ten progress messages a second per entity: enough for a smooth bar, cheap for the main
// thread. The first message of each entity always goes out, so a fast entity is never skipped.
let lastSent = 0
let lastEntity: string | null = null
let pending: SyncProgress | null = null
const onProgress = (p: SyncProgress): void => {
  const t = Date.now()
  if (p.entity !== lastEntity || t - lastSent >= 100) {
    if (pending && pending.entity !== p.entity) post({ type: 'progress', progress: pending })
    lastSent = t
    lastEntity = p.entity
    pending = null
    post({ type: 'progress', progress: p })
  } else pending = p
}

try {
  const ws = openWorkspace(data.workspace)
  try {
    const connector = await connectorFor(
      data.record,
      (_source, kind) => Promise.resolve(data.secrets[kind]),
      defaultHttpDeps(),
    )
    const outcome = await syncSource(ws.store, connector, {
      full: data.full,
      signal: controller.signal,
      onProgress,
      ...(data.pageSize ? { pageSize: data.pageSize } : {}),
    })
    if (pending) post({ type: 'progress', progress: pending })
    post({
      type: 'done',
      outcome: { ...outcome, error: outcome.error && redactSecrets(outcome.error, known) },
    })
  } finally {
    ws.close()
  }
} catch (err) {
  post({ type: 'error', message: redactSecrets(err instanceof Error ? err.message : String(err), known) })
}
// The port listener would keep the thread alive; the work is done.
parentPort?.close()
