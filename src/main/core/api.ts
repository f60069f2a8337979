// The handler table: one entry per core channel of the contract → a core function. Handlers stay
// a few lines; the logic lives in the modules they call. The app, the CLI and the browser harness
// all use this table.
import type {
  EventName,
  EventPayloads,
  CoreChannel,
  ParsedRequestOf,
  ResponseOf,
} from '../../shared/ipc/contract'
import type { AppInfo, DemoResult } from '../../shared/ipc/types'
import type { Role } from '../../shared/domain'
import type { AppSettings } from '../../shared/settings'
import { createBiHandlers, createOverviewHandler } from './analytics/bi-handlers'
import { createCohortHandlers } from './analytics/cohort-handlers'
import { createAuthHandlers } from './auth/handlers'
import { createKpiHandlers } from './kpi/handlers'
import { createSlaHandlers } from './metrics/sla-handlers'
import { createSyncHandlers } from './sync/handlers'
import { generateDemoWorkspace, type DemoOptions } from './demo/generate'
import { workspaceStatus, listTenants } from './analytics/workspace-status'
import { listSources } from './sources/registry'
import { failingSources } from './sync/source-status'
import type { Workspace } from './workspace'
import { inWorkspace } from './errors'
import type { AuthSession } from './auth/session'
import type { SecretStore } from './secrets'
import type { SyncRuntime } from './sync/runtime'
import type { JobRunner } from './workers/jobs-runner'

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** What every core handler may depend on; passed in so tests, the CLI and the harness run without Electron. */
export type CoreContext = {
  workspace: Workspace
  runtime: AppInfo['runtime']
  version: string
  /** The clock (epoch ms); tests and `--as-of` pin it. */
  now: () => number
  /** Current app settings the core needs (workspace time zone, language). */
  settings: () => Pick<AppSettings, 'timeZone' | 'language'>
  emit: Emit
  /** The current role (SPEC §9); admin-only handlers call requireAdmin(ctx.role, …). */
  role: () => Role
  /**
   * Runs the demo generator. The app passes a worker-thread runner so its event loop stays free;
   * the CLI and the harness default to running it in-process.
   */
  runDemo?: (options: DemoOptions) => Promise<DemoResult>
  /** Source secrets (OS keychain in the app, memory in the harness); the CLI has none and reads env vars. */
  secrets?: SecretStore
  /** The background sync scheduler and import-file tokens (app and harness); absent in the CLI. */
  sync?: SyncRuntime
  /** The admin session (passphrase, ITSM account role) behind role(); absent where the role is fixed. */
  auth?: AuthSession
  /**
   * The background job runner (SLA re-judgement, KPI calculation), shared with the KPI engine. The app
   * passes a worker-thread runner so its event loop stays free; without it handlers run jobs in-process.
   */
  jobs?: JobRunner
}

export type CoreHandlers = {
  [C in CoreChannel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>
}

/** The handlers one area's channel table needs (its core channels only). */
export type HandlersFor<T> = { [C in keyof T & CoreChannel]: CoreHandlers[C] }

/**
 * Builds the core handler table over one workspace. A write the workspace refuses (its disk full,
 * failing, read-only, damaged) is said naming its folder (errors.ts inWorkspace).
 */
export function createCoreHandlers(ctx: CoreContext): CoreHandlers {
  return namingWorkspace(coreHandlers(ctx), ctx.workspace.dataDir)
}

/** `handlers`, each throwing its store failures as inWorkspace says them for the folder `dir`. */
function namingWorkspace(handlers: CoreHandlers, dir: string): CoreHandlers {
  const said = (err: unknown): never => {
    throw inWorkspace(err, dir)
  }
  const wrapped: Record<string, (request: never) => unknown> = {}
  for (const [channel, handler] of Object.entries(handlers) as [string, (request: never) => unknown][])
    wrapped[channel] = (request) => {
      try {
        const answer = handler(request)
        return answer instanceof Promise ? answer.catch(said) : answer
      } catch (err) {
        return said(err)
      }
    }
  return wrapped as CoreHandlers
}

function coreHandlers(ctx: CoreContext): CoreHandlers {
  const { store } = ctx.workspace
  return {
    'app:info': () => ({
      name: 'Ops Console',
      version: ctx.version,
      runtime: ctx.runtime,
      dataDir: ctx.workspace.dataDir,
      timeZone: ctx.settings().timeZone,
    }),
    'workspace:status': () => ({
      ...workspaceStatus(store),
      syncFailing: failingSources(store, listSources(store)),
    }),
    'workspace:tenants': () => listTenants(store),
    'demo:generate': async (req) => {
      const runDemo =
        ctx.runDemo ?? ((options: DemoOptions) => Promise.resolve(generateDemoWorkspace(store, options)))
      const result = await runDemo({
        ...(req.srCount !== undefined ? { srCount: req.srCount } : {}),
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        asOf: ctx.now(),
        timeZone: ctx.settings().timeZone,
        onProgress: (p) => ctx.emit('demo:progress', p),
      })
      ctx.emit('data:changed', { reason: 'demo', at: new Date(ctx.now()).toISOString() })
      return result
    },
    'bi:overview': createOverviewHandler(ctx),
    ...createAuthHandlers(ctx),
    ...createBiHandlers(ctx),
    ...createCohortHandlers(ctx),
    ...createKpiHandlers(ctx),
    ...createSlaHandlers(ctx),
    ...createSyncHandlers(ctx),
  }
}
