// The browser harness (ARCHITECTURE.md "Browser harness"): the IPC contract over loopback HTTP,
// bound to the real core, so the renderer runs and is tested in a plain Chromium. Electron-free.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Role } from '../../shared/domain'
import type { ApiResult, ShellChannel } from '../../shared/ipc/contract'
import type { EventPayloads } from '../../shared/ipc/contract'
import { createCoreHandlers, type Emit } from '../core/api'
import { startKpiEngine } from '../core/kpi/scheduler'
import { createAuthSession } from '../core/auth/session'
import { CoreError } from '../core/errors'
import { createMemorySecretStore } from '../core/secrets'
import { createSyncRuntime } from '../core/sync/runtime'
import { dispatch, type HandlerTable } from '../core/dispatch'
import { openWorkspace } from '../core/workspace'
import type { Store } from '../core/db/open-database'
import { createJobRunner, inProcessJobBackend, rejudgeUnjudgedAtStart } from '../core/workers/jobs-runner'
import { createEventStream } from './event-stream'
import { handleImportUpload, UPLOAD_PATH } from './import-upload'
import { openSettingsStore, type SettingsStore } from './settings-store'
import { serveStatic } from './static-files'

export type HarnessOptions = {
  dataDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Loopback only: the harness has no authentication. */
  host?: '127.0.0.1'
  /** The built web renderer (out/web); without it only /api and /healthz answer (vite serves the pages). */
  staticDir?: string
  /** The clock (epoch ms); e2e tests pin it. */
  now?: () => number
  /** Defaults to <dataDir>/settings.json. */
  settingsFile?: string
  /**
   * The role the harness starts with (default admin: it is a loopback developer and test tool).
   * 'operator' starts a locked admin session that the passphrase unlocks, as in the app.
   */
  role?: Role
  /**
   * Check and import files in this worker entry on the harness's workspace, as the app does (e2e
   * tests pass a TypeScript bootstrap: the harness runs from sources); default in-process.
   */
  importWorker?: { file: string | URL; extraData?: Record<string, unknown> }
}

export type HarnessServer = {
  url: string
  /**
   * The workspace's store, for a test in the same process to put it in a state a browser cannot (an
   * e2e test caps its size to stand for a full disk).
   */
  store: Store
  close(): Promise<void>
  /** Resolves once no background job (re-judgement, KPI calculation) runs or waits. */
  jobsIdle(): Promise<void>
}

export const MAX_BODY_BYTES = 1024 * 1024
const INVOKE_PREFIX = '/api/invoke/'

/** Opens the workspace in `dataDir` and serves the contract, the event stream and the static renderer. */
export async function startHarnessServer(opts: HarnessOptions): Promise<HarnessServer> {
  const host = opts.host ?? '127.0.0.1'
  const now = opts.now ?? Date.now
  const workspace = openWorkspace({ dataDir: opts.dataDir })
  const settings = openSettingsStore(opts.settingsFile ?? join(workspace.dataDir, 'settings.json'))
  const events = createEventStream()
  // After a demo generation the KPI values are recalculated (the demo reset cleared them); after an
  // SLA change every period is (SLA compliance of closed periods depends on the judgements).
  let afterDemo: () => void = () => {}
  let afterSla: () => void = () => {}
  const emit: Emit = (event, payload) => {
    events.send(event, payload)
    const reason = event === 'data:changed' ? (payload as EventPayloads['data:changed']).reason : null
    if (reason === 'demo') afterDemo()
    else if (reason === 'sla') afterSla()
  }
  // Jobs run in-process here (small data, and the harness runs from TypeScript sources), through
  // the same coalescing runner as the app's worker-thread one.
  const jobs = createJobRunner({ backend: inProcessJobBackend(workspace.store), emit })
  // Secrets live in memory only: the harness has no OS keychain, and nothing is written to disk.
  const secrets = createMemorySecretStore()
  const auth = createAuthSession({
    store: workspace.store,
    now,
    startUnlocked: (opts.role ?? 'admin') === 'admin',
    onChange: (status) => emit('auth:changed', status),
  })
  const intervalMinutes = (): number => settings.get().syncIntervalMinutes
  const sync = createSyncRuntime({
    store: workspace.store,
    secrets,
    now,
    emit,
    intervalMinutes,
    timeZone: () => settings.get().timeZone,
    // The first background run waits a whole interval, so a test's own runs are never "busy".
    startDelayMs: intervalMinutes() * 60_000,
    ...(opts.importWorker
      ? { importWorker: { ...opts.importWorker, workspace: { dataDir: workspace.dataDir } } }
      : {}),
  })
  sync.scheduler.start()
  // KPI values: calculated now, at each period boundary, and after every sync or import.
  const kpiEngine = startKpiEngine({
    store: workspace.store,
    now,
    zone: () => settings.get().timeZone,
    emit,
    jobs,
  })
  afterDemo = () => void kpiEngine.trigger('demo')
  afterSla = () => void kpiEngine.trigger('sla', { full: true })
  // SRs stored by a release before the judgement columns existed are judged now.
  void rejudgeUnjudgedAtStart(jobs, { emit, now })

  const handlers: HandlerTable = {
    ...createCoreHandlers({
      workspace,
      runtime: 'web-harness',
      version: packageVersion(),
      now,
      settings: () => {
        const { timeZone, language } = settings.get()
        return { timeZone, language }
      },
      role: () => auth.role(),
      emit,
      secrets,
      sync,
      auth,
      jobs,
    }),
    ...shellStandIns(settings, emit, now),
  }

  let port = 0
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, failure('INTERNAL', err instanceof Error ? err.message : String(err)))
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: a page on another name resolving to 127.0.0.1 must not reach the API.
    if (!isAllowedHost(req.headers.host, port)) {
      sendJson(res, 403, failure('FORBIDDEN', 'Host not allowed'))
      return
    }
    const path = new URL(req.url ?? '/', 'http://harness.invalid').pathname
    if (path === '/healthz') {
      sendJson(res, 200, { ok: true })
    } else if (path.startsWith(INVOKE_PREFIX)) {
      await invoke(req, res, path.slice(INVOKE_PREFIX.length))
    } else if (path === UPLOAD_PATH) {
      await handleImportUpload(req, res, sync.files)
    } else if (path === '/api/events' && req.method === 'GET') {
      events.connect(req, res)
    } else if (path.startsWith('/api/')) {
      sendJson(res, 404, failure('NOT_FOUND', `No such endpoint: ${req.method ?? ''} ${path}`))
    } else if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStatic(opts.staticDir, path, res, req.method === 'HEAD')
    } else {
      sendJson(res, 404, failure('NOT_FOUND', 'Not found'))
    }
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, rawChannel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      sendJson(res, 405, failure('BAD_REQUEST', 'Use POST'))
      return
    }
    // Requiring JSON makes any cross-site form or fetch need a CORS preflight, which is never granted.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, failure('BAD_REQUEST', 'Expected Content-Type: application/json'))
      return
    }
    const body = await readBody(req, MAX_BODY_BYTES)
    if (body === 'too-large') {
      res.setHeader('connection', 'close')
      sendJson(res, 413, failure('BAD_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes`))
      req.destroy()
      return
    }
    let payload: unknown
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'Request body is not valid JSON'))
      return
    }
    let channel: string
    try {
      channel = decodeURIComponent(rawChannel)
    } catch {
      channel = rawChannel
    }
    // Envelope errors (bad request, unknown channel) are answers, not transport failures: HTTP 200.
    sendJson(res, 200, await dispatch(handlers, channel, payload))
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const address = server.address()
  port = address !== null && typeof address === 'object' ? address.port : 0
  const url = `http://${host}:${port}`

  let closed: Promise<void> | null = null
  return {
    url,
    store: workspace.store,
    jobsIdle: () => jobs.idle(),
    close() {
      closed ??= (async () => {
        kpiEngine.dispose()
        await sync.close()
        // A re-judgement yields between chunks; let it finish before the connection closes.
        await jobs.idle()
        events.close()
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose())
          server.closeAllConnections()
        })
        workspace.close()
      })()
      return closed
    },
  }
}

/** The shell channels, as far as a browser can honour them. */
function shellStandIns(
  settings: SettingsStore,
  emit: Emit,
  now: () => number,
): Required<Pick<HandlerTable, ShellChannel>> {
  return {
    'settings:get': () => settings.get(),
    'settings:set': (patch) => {
      const before = settings.get()
      const next = settings.set(patch)
      emit('settings:changed', next)
      // Period boundaries follow the workspace zone, so every figure changes with it.
      if (before.timeZone !== next.timeZone)
        emit('data:changed', { reason: 'settings', at: new Date(now()).toISOString() })
      return next
    },
    // No second window here: the renderer opens settings.html itself in web mode.
    'window:open-settings': () => null,
    // A test browser must never launch the OS browser.
    'link:open-external': () => ({ opened: false }),
    // No OS dialog in a browser: the page uploads an <input type=file> pick to UPLOAD_PATH instead.
    'import:choose-file': () => {
      throw new CoreError('UNAVAILABLE', "In the browser harness, pick the file with the page's file input")
    },
  }
}

function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
}

function failure(
  code: 'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL',
  message: string,
): ApiResult<never> {
  return { ok: false, error: { code, message } }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

/** Reads the body, stopping as soon as it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) return Promise.resolve('too-large')
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        resolveBody('too-large')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolveBody(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

function packageVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)('../../../package.json')
    return pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string'
      ? pkg.version
      : '0.0.0'
  } catch {
    return '0.0.0'
  }
}
