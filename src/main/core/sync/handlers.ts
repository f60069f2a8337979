// Core handlers for sources, sync and file import (SPEC §10): each one a few lines over the module that does the work.
import type { syncChannels } from '../../../shared/ipc/channels/sync'
import type { CoreContext, HandlersFor } from '../api'
import { requireAdmin } from '../auth/require-admin'
import { storeItsmAccount } from '../auth/session'
import { CoreError, reason } from '../errors'
import { defaultHttpDeps } from '../sources/http'
import { getSource, listSources } from '../sources/registry'
import { runAfterSyncHooks } from './after-sync'
import { causeOf } from './causes'
import type { SyncRuntime } from './runtime'
import {
  addSourceWithSecret,
  appSecrets,
  removeSourceAndSecrets,
  requireSource,
  testSource,
  updateSourceWithSecret,
  whileSyncing,
  whileSyncingElsewhere,
} from './sources-admin'
import { sourceView } from './source-status'
import { listImportSources, refuseLookalikeImportSource } from './import-sources'
import { recentSyncLog, syncingProcess, withRunsOver } from './state'

/** The handler table for this area's core channels. */
export function createSyncHandlers(ctx: CoreContext): HandlersFor<typeof syncChannels> {
  const { store } = ctx.workspace
  const runtime = (): SyncRuntime => {
    if (!ctx.sync)
      throw new CoreError(
        'UNAVAILABLE',
        'Background sync is not available here; use `sync` on the command line',
        reason('sync_unavailable'),
      )
    return ctx.sync
  }
  // The account an ITSM source's /me reported decides the role (SPEC §9); without a session (the
  // CLI) it is still recorded in the workspace, so the app sees what the CLI changed.
  const recordAccount = (source: string, account: { name: string; role: string | null } | null): void => {
    if (ctx.auth) ctx.auth.recordItsmAccount(source, account)
    else storeItsmAccount(store, source, account, ctx.now())
  }
  const changed = (): void =>
    ctx.emit('data:changed', { reason: 'sync', at: new Date(ctx.now()).toISOString() })
  /**
   * Refuses to remove or move a connection a sync is pulling now: this app's (which can be cancelled
   * on the Sync screen) or another process's, such as a command-line sync.
   */
  const refuseWhileSyncing = (name: string, change: 'remove' | 'move'): void => {
    if (ctx.sync?.scheduler.syncing() === name) throw whileSyncing(name, change)
    const record = getSource(store, name)
    // The real clock, not ctx.now(): a metrics' as-of says nothing of which processes are alive.
    const pid = record && syncingProcess(store, `${record.kind}:${record.name}`)
    if (pid) throw whileSyncingElsewhere(name, change, pid)
  }
  return {
    'sources:list': () => Promise.all(listSources(store).map((s) => sourceView(store, ctx.secrets, s))),
    'sources:add': async (req) => {
      requireAdmin(ctx.role, 'add a connection')
      const view = await addSourceWithSecret(store, ctx.secrets, req, ctx.now())
      changed()
      return view
    },
    'sources:update': async (req) => {
      requireAdmin(ctx.role, 'change a connection')
      const view = await updateSourceWithSecret(store, ctx.secrets, req, ctx.now(), (name) =>
        refuseWhileSyncing(name, 'move'),
      )
      changed()
      return view
    },
    'sources:remove': async (req) => {
      requireAdmin(ctx.role, 'remove a connection')
      const record = requireSource(store, req.name)
      // Its pages, cursors and run record would still be written after it is gone, and come back
      // to a connection added again under its name.
      refuseWhileSyncing(req.name, 'remove')
      const removed = await removeSourceAndSecrets(store, ctx.secrets, req.name)
      if (record.kind === 'itsm') recordAccount(record.name, null)
      changed()
      return { removed }
    },
    'sources:test': async (req) => {
      requireAdmin(ctx.role, 'test a connection')
      const record = requireSource(store, req.name)
      const result = await testSource(record, appSecrets(store, ctx.secrets), {
        ...(ctx.sync?.httpDeps ?? defaultHttpDeps()),
        timeZone: ctx.settings().timeZone,
      })
      // The ITSM protocol's /me says what the account may do (SPEC §9).
      // (It always names its account: only a ServiceNow token's name may be unknown.)
      const account = result.ok && record.kind === 'itsm' ? result.account : null
      if (account?.name != null) recordAccount(record.name, { name: account.name, role: account.role })
      return result
    },
    'sync:run': (req) =>
      runtime().scheduler.runNow({
        ...(req.source ? { source: req.source } : {}),
        ...(req.full ? { full: true } : {}),
      }),
    'sync:cancel': () => ({ cancelled: runtime().scheduler.cancel() }),
    'sync:status': () => runtime().scheduler.status(),
    'sync:log': (req) =>
      // A run killed mid-way (a CLI sync stopped with SIGKILL) shows as interrupted, not running;
      // judged on the real clock, not ctx.now() (the CLI's --as-of moves that one).
      withRunsOver(store, recentSyncLog(store, req.limit ?? 50)).map((e) => {
        const cause = e.status === 'failed' ? causeOf(e.status, e.error ?? '', e.reason) : null
        // A run that went well has nothing to explain, whatever its entry holds.
        return { ...e, cause: cause === 'other' ? null : cause, reason: e.status === 'ok' ? null : e.reason }
      }),
    'import:cancel': () => ({ cancelled: runtime().imports.cancel() }),
    'import:preview': (req) =>
      runtime().imports.preview(runtime().files.resolve(req.token), req.mapping, ctx.settings().timeZone),
    'import:error-report': (req) =>
      runtime().imports.errorReport(runtime().files.resolve(req.token), req.mapping, ctx.settings().timeZone),
    'import:sources': () => listImportSources(store),
    'import:run': async (req) => {
      const { files, imports } = runtime()
      if (req.sourceName !== undefined) refuseLookalikeImportSource(store, req.sourceName)
      const result = await imports.run(files.resolve(req.token), req.mapping, {
        timeZone: ctx.settings().timeZone,
        allowErrors: req.allowErrors ?? false,
        sourceName: req.sourceName,
      })
      if (result.status === 'imported') {
        await files.release(req.token)
        ctx.emit('data:changed', { reason: 'import', at: new Date(ctx.now()).toISOString() })
        await runAfterSyncHooks({ store, result: null, reason: 'import', at: ctx.now() })
      }
      return result
    },
  }
}
