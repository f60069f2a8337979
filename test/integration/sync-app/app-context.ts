// A core wired as the app wires it (secret store, admin session, sync runtime), called through
// dispatch like the renderer's IPC: every channel test here goes through parsing and the envelope.
import type { Role } from '../../../src/shared/domain'
import type {
  ApiResult,
  Channel,
  EventName,
  EventPayloads,
  RequestOf,
  ResponseOf,
} from '../../../src/shared/ipc/contract'
import { createCoreHandlers } from '../../../src/main/core/api'
import { createAuthSession, type AuthSession } from '../../../src/main/core/auth/session'
import { dispatch } from '../../../src/main/core/dispatch'
import {
  createMemorySecretStore,
  secretOwner,
  sourceSecretName,
  type SecretStore,
  type SourceSecretKind,
} from '../../../src/main/core/secrets'
import { getSource } from '../../../src/main/core/sources/registry'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import {
  createSyncRuntime,
  type SyncRuntime,
  type SyncRuntimeOptions,
} from '../../../src/main/core/sync/runtime'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

export type Emitted = { event: EventName; payload: unknown }

export type AppContext = {
  ws: TempWorkspace
  secrets: SecretStore & { values: Map<string, string> }
  auth: AuthSession
  sync: SyncRuntime
  events: Emitted[]
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>>
  /** The secret store's key of one secret of the workspace's source `name` (it must exist). */
  secretKey(name: string, kind: SourceSecretKind): string
  /** The data of a successful call; fails the test with the error otherwise. */
  ok<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  dispose(): Promise<void>
}

/** Builds the context; `role: 'operator'` starts locked (the app's default), admin starts unlocked. */
export function appContext(
  opts: {
    role?: Role
    now?: () => number
    /** Runtime options, or a function of the workspace for those that name its folder (workers). */
    runtime?: Partial<SyncRuntimeOptions> | ((ws: TempWorkspace) => Partial<SyncRuntimeOptions>)
    /** The secret store behind `secrets` (the app's safeStorage one, say); memory otherwise. */
    secretStore?: SecretStore
  } = {},
): AppContext {
  const ws = tempWorkspace('ops-sync-app-')
  const now = opts.now ?? Date.now
  const values = new Map<string, string>()
  const memory = opts.secretStore ?? createMemorySecretStore()
  const secrets = {
    values,
    get: (n: string) => memory.get(n),
    set: async (n: string, v: string) => {
      values.set(n, v)
      await memory.set(n, v)
    },
    delete: async (n: string) => {
      values.delete(n)
      await memory.delete(n)
    },
    list: (prefix: string) => memory.list(prefix),
  }
  const events: Emitted[] = []
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    events.push({ event, payload })
  }
  const auth = createAuthSession({ store: ws.store, now, startUnlocked: (opts.role ?? 'admin') === 'admin' })
  // Retry waits are skipped so failures (a closed port, a 401) answer at once.
  const sync = createSyncRuntime({
    store: ws.store,
    secrets,
    now,
    emit,
    intervalMinutes: () => 15,
    httpDeps: defaultHttpDeps({ sleep: () => Promise.resolve() }),
    ...(typeof opts.runtime === 'function' ? opts.runtime(ws) : opts.runtime),
  })
  const handlers = createCoreHandlers({
    workspace: ws,
    runtime: 'web-harness',
    version: 'test',
    now,
    settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }),
    emit,
    role: () => auth.role(),
    secrets,
    sync,
    auth,
  })
  const invoke = <C extends Channel>(channel: C, request: RequestOf<C>) =>
    dispatch(handlers, channel, request) as Promise<ApiResult<ResponseOf<C>>>
  return {
    ws,
    secrets,
    auth,
    sync,
    events,
    invoke,
    secretKey(name, kind) {
      const record = getSource(ws.store, name)
      if (!record) throw new Error(`No source ${name}`)
      return sourceSecretName(secretOwner(ws.store, record), kind)
    },
    async ok(channel, request) {
      const result = await invoke(channel, request)
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
      return result.data
    },
    async dispose() {
      await sync.close()
      ws.dispose()
    },
  }
}
