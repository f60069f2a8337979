// The workspace as a worker thread opens it. Off the UI's event loop a write may wait much longer for
// another writer than the main process's 5 s: a file import holds the write lock for its one
// transaction (measured: 3 s for 200,000 rows, 22.5 s for 1,000,000), and a KPI calculation or sync
// page that starts meanwhile should wait for it, not fail with "database is locked".
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CoreError, reason } from '../errors'
import { DATABASE_FILE, openWorkspace, type Workspace } from '../workspace'

/** How long a worker's write waits for another writer's transaction (ms). */
export const WORKER_BUSY_TIMEOUT_MS = 120_000

/** Opens the workspace in `spec` with the worker's longer busy timeout. */
export function openWorkerWorkspace(spec: Parameters<typeof openWorkspace>[0]): Workspace {
  const ws = openWorkspace(spec)
  ws.store.sqlite.pragma(`busy_timeout = ${WORKER_BUSY_TIMEOUT_MS}`)
  return ws
}

/**
 * As openWorkerWorkspace, for a worker that writes into the app's workspace (a sync, an import, a
 * job): one whose database is gone (the folder deleted or its drive unmounted while the app ran) is
 * refused, never created empty, written into and reported as done.
 */
export function openExistingWorkerWorkspace(spec: Parameters<typeof openWorkspace>[0]): Workspace {
  const file = join(resolve(spec.dataDir), DATABASE_FILE)
  if (!existsSync(file))
    throw new CoreError(
      'NOT_FOUND',
      `No workspace database at ${file}`,
      reason('workspace_missing', { path: file }),
    )
  return openWorkerWorkspace(spec)
}
