// Worker-thread entry: syncs one source on its own SQLite connection (WAL lets the main process keep
// reading dashboards meanwhile), so the UI's event loop never waits on parsing or writing pages.
// Progress and the outcome go back as messages; 'cancel' aborts between pages. See run-sync-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { CoreError, inWorkspace } from '../errors'
import { redactReason } from '../redact'
import { redactSecrets } from '../secrets'
import { defaultHttpDeps } from '../sources/http'
import { connectorFor } from '../sources/registry'
import { syncSource, type SyncProgress } from '../sync/engine'
import { throttleProgress } from './progress-throttle'
import type { SyncWorkerData, SyncWorkerMessage, SyncWorkerRequest } from './sync-worker-protocol'
import { openExistingWorkerWorkspace } from './worker-workspace'

const data = workerData as SyncWorkerData
const post = (message: SyncWorkerMessage): void => parentPort?.postMessage(message)
const controller = new AbortController()
parentPort?.on('message', (message: SyncWorkerRequest) => {
  if (message.type === 'cancel') controller.abort()
})
const known = Object.values(data.secrets)

// The first message of each entity always goes out (a fast entity is never skipped), and the last
// of each before the next entity's first.
const progress = throttleProgress<SyncProgress>((p) => post({ type: 'progress', progress: p }), {
  // A retry goes out at once too: nothing else is said while its wait lasts.
  urgent: (p, last) => p.entity !== last?.entity || p.retry !== undefined,
})

try {
  // A sync writes into the app's workspace; it must never create an empty one somewhere else (the
  // folder gone while the app runs), sync into it and say ok.
  const ws = openExistingWorkerWorkspace(data.workspace)
  try {
    const connector = await connectorFor(
      data.record,
      (_source, kind) => Promise.resolve(data.secrets[kind]),
      defaultHttpDeps(data.timeZone ? { timeZone: data.timeZone } : {}),
    )
    const outcome = await syncSource(ws.store, connector, {
      full: data.full,
      signal: controller.signal,
      // A retry's reason is an error message: redacted like the outcome's.
      onProgress: (p) =>
        progress.push(
          p.retry
            ? {
                ...p,
                retry: {
                  ...p.retry,
                  reason: redactSecrets(p.retry.reason, known),
                  ...(p.retry.why ? { why: redactReason(p.retry.why, known) } : {}),
                },
              }
            : p,
        ),
      ...(data.pageSize ? { pageSize: data.pageSize } : {}),
    })
    progress.flush()
    post({
      type: 'done',
      outcome: {
        ...outcome,
        error: outcome.error && redactSecrets(outcome.error, known),
        reason: outcome.reason && redactReason(outcome.reason, known),
      },
    })
  } finally {
    ws.close()
  }
} catch (thrown) {
  // A workspace that refused a write outside the pages (which the outcome says) is said as such.
  const err = inWorkspace(thrown, data.workspace.dataDir)
  // Structured cloning keeps no class: a CoreError's reason (no secret stored) travels as a field.
  const why = err instanceof CoreError && err.reason ? redactReason(err.reason, known) : null
  post({
    type: 'error',
    message: redactSecrets(err instanceof Error ? err.message : String(err), known),
    reason: why,
  })
}
// The port listener would keep the thread alive; the work is done.
parentPort?.close()
