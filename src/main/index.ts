// Electron bootstrap only: wires the shell (windows, security, settings, IPC) to the core. Any
// start-up failure (native module missing, database corrupt) is shown in a dialog and the app
// quits without touching the data.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron'
import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EventName, EventPayloads } from '../shared/ipc/contract'
import { createCoreHandlers } from './core/api'
import { refreshItsmRole } from './core/auth/itsm-role'
import { createAuthSession } from './core/auth/session'
import { createSyncRuntime } from './core/sync/runtime'
import { appSecrets } from './core/sync/sources-admin'
import { APP_DIR_NAME, WORKSPACE_DIR_NAME } from './core/paths'
import { openWorkspace, type Workspace } from './core/workspace'
import { startKpiEngine } from './core/kpi/scheduler'
import { runDemoInWorker } from './core/workers/run-demo-in-worker'
import { createJobRunner, rejudgeUnjudgedAtStart } from './core/workers/jobs-runner'
import { workerJobBackend } from './core/workers/run-jobs-in-worker'
import { isTrustedAppUrl, mergeHandlerTables, registerHandlers } from './shell/ipc-registration'
import { declareAppIdentity } from './shell/app-identity'
import { resolveNativeBinding } from './shell/native'
import { createSafeStorageSecretStore } from './shell/safe-storage-secrets'
import { sweepSourceSecrets } from './core/secrets'
import { DEFAULT_EXTERNAL_ALLOWLIST, buildCsp, hardenSession, type ShellLogger } from './shell/security'
import { openSettingsStore } from './shell/settings-store'
import { createShellHandlers } from './shell/shell-handlers'
import { applyTheme, onThemeUpdated } from './shell/theme'
import { createWindowManager, type WindowManager } from './shell/windows'
import { holdQuitUntil, relaunchOptionsFor, type QuitGate } from './shell/quit-gate'
import { IMPORT_EXTENSIONS } from './core/sources/file-import/detect'

const log: ShellLogger = {
  warn: (message) => console.warn(`[ops-console] ${message}`),
  error: (message) => console.error(`[ops-console] ${message}`),
}

// out/main/index.js → out/preload, out/renderer (the bundle layout electron-vite writes).
const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererDir = join(here, '..', 'renderer')

let workspace: Workspace | null = null
let windows: WindowManager | null = null
let quitGate: QuitGate | null = null

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox()
// Windows: the installer's shortcut ID, so the taskbar groups the console under its pinned icon.
declareAppIdentity(app, process.platform)
// Pin userData to <appData>/ops-console whatever the packaged productName is, so the app and the
// CLI (core/paths.ts) share one workspace folder; OPS_CONSOLE_USER_DATA_DIR isolates e2e runs
// (settings, secrets). Must happen before the single-instance lock, which lives in userData.
app.setPath(
  'userData',
  process.env['OPS_CONSOLE_USER_DATA_DIR']?.trim() || join(app.getPath('appData'), APP_DIR_NAME),
)

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite workspace would fight over it; the first instance is focused instead.
  app.quit()
} else {
  app.on('second-instance', () => reopen())
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal(err))
}

function start(): void {
  const settings = openSettingsStore(log)
  applyTheme(settings.get().theme)

  const dataDir =
    process.env['OPS_CONSOLE_DATA_DIR']?.trim() || join(app.getPath('userData'), WORKSPACE_DIR_NAME)
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
    sqliteVersion: installedSqliteVersion(),
    platform: process.platform,
    arch: process.arch,
  })
  const migrationsFolder = app.isPackaged
    ? join(process.resourcesPath, 'migrations')
    : join(app.getAppPath(), 'resources', 'migrations')
  workspace = openWorkspace({ dataDir, migrationsFolder, nativeBinding })

  hardenSession(
    session.defaultSession,
    buildCsp({
      ...(devServerUrl ? { devServerUrl } : {}),
      devScriptHashes: (process.env['OPS_CONSOLE_DEV_CSP_SCRIPT_HASHES'] ?? '').split(' ').filter(Boolean),
    }),
  )

  const openExternal = (url: string): Promise<void> => shell.openExternal(url)
  const wm = createWindowManager({
    paths: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      rendererDir,
      ...(devServerUrl ? { devServerUrl } : {}),
    },
    settings,
    externalAllowlist: DEFAULT_EXTERNAL_ALLOWLIST,
    openExternal,
    log,
  })
  windows = wm

  // After a demo generation the KPI values are recalculated (the demo reset cleared them); after an
  // SLA change every period is (SLA compliance of closed periods depends on the judgements).
  let afterDemo: () => void = () => {}
  let afterSla: () => void = () => {}
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    for (const win of wm.all()) win.webContents.send(event, payload)
    const reason = event === 'data:changed' ? (payload as EventPayloads['data:changed']).reason : null
    if (reason === 'demo') afterDemo()
    else if (reason === 'sla') afterSla()
  }
  // SLA re-judgement and KPI calculation (seconds at a million SRs) run in a worker thread with its
  // own connection, one job of a kind at a time, overlapping requests coalesced (core/workers/jobs-runner.ts).
  const jobs = createJobRunner({
    backend: workerJobBackend({
      file: join(here, 'jobs-worker.js'),
      workspace: { dataDir, migrationsFolder, nativeBinding },
    }),
    emit,
  })
  // Connection secrets: encrypted with the OS keychain (safeStorage), never in the workspace folder.
  const secrets = createSafeStorageSecretStore({
    filePath: join(app.getPath('userData'), 'secrets.json'),
    safeStorage,
  })
  const auth = createAuthSession({
    store: workspace.store,
    now: Date.now,
    onChange: (status) => emit('auth:changed', status),
  })
  // Each source syncs in a worker thread with its own connection; the UI's event loop stays free.
  const syncRuntime = createSyncRuntime({
    store: workspace.store,
    secrets,
    now: Date.now,
    emit,
    intervalMinutes: () => settings.get().syncIntervalMinutes,
    timeZone: () => settings.get().timeZone,
    worker: { file: join(here, 'sync-worker.js'), workspace: { dataDir, migrationsFolder, nativeBinding } },
    // A file of a million rows is read, checked and written in a worker thread too.
    importWorker: {
      file: join(here, 'import-worker.js'),
      workspace: { dataDir, migrationsFolder, nativeBinding },
    },
    log: { info: (message) => console.info(`[ops-console] ${message}`), warn: log.warn },
  })
  const core = createCoreHandlers({
    workspace,
    runtime: 'electron',
    version: app.getVersion(),
    now: Date.now,
    settings: () => settings.get(),
    // Operator until an ITSM admin account or the local passphrase says otherwise (SPEC §9).
    role: () => auth.role(),
    emit,
    secrets,
    sync: syncRuntime,
    auth,
    jobs,
    // The demo generator writes up to a million rows: a worker thread with its own connection.
    runDemo: ({ onProgress, ...options }) =>
      runDemoInWorker(
        join(here, 'demo-worker.js'),
        { workspace: { dataDir, migrationsFolder, nativeBinding }, options },
        onProgress ?? (() => {}),
      ),
  })
  const shellHandlers = createShellHandlers({
    settings,
    openSettingsWindow: () => wm.openSettings(),
    openExternal,
    externalAllowlist: DEFAULT_EXTERNAL_ALLOWLIST,
    now: Date.now,
    emit,
    chooseImportFile: async () => {
      const parent = BrowserWindow.getFocusedWindow()
      const options = {
        properties: ['openFile' as const],
        // Every extension the import knows, then all files: an old .xls or an unnamed export can
        // still be chosen and is then told what to do with it.
        filters: [
          { name: 'CSV, Excel, JSON', extensions: [...IMPORT_EXTENSIONS] },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const picked = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      const path = picked.filePaths[0]
      if (picked.canceled || !path) return null
      // Only the token and the file's name go back to the renderer, never the path.
      return syncRuntime.files.register({ path, fileName: basename(path), size: (await stat(path)).size })
    },
  })
  registerHandlers(ipcMain, mergeHandlerTables(core, shellHandlers), {
    isTrustedSender: (url) =>
      isTrustedAppUrl(url, { rendererDir, ...(devServerUrl ? { devServerUrl } : {}) }),
    onRefused: (channel, url) =>
      log.warn(`Refused ${channel} from an untrusted frame (${url ?? 'no frame'})`),
  })

  settings.onChange((next, previous) => {
    if (next.theme !== previous.theme) applyTheme(next.theme)
    if (next.language !== previous.language) wm.refreshTitles()
    if (next.syncIntervalMinutes !== previous.syncIntervalMinutes) syncRuntime.scheduler.reschedule()
  })
  syncRuntime.scheduler.start()
  // KPI values: calculated now, at each period boundary, and after every sync or import.
  const kpiEngine = startKpiEngine({
    store: workspace.store,
    now: Date.now,
    zone: () => settings.get().timeZone,
    emit,
    jobs,
    onError: (err) => log.warn(err instanceof Error ? err.message : String(err)),
  })
  afterDemo = () => void kpiEngine.trigger('demo')
  afterSla = () => void kpiEngine.trigger('sla', { full: true })
  // SRs stored by a release before the judgement columns existed are judged now, in the background.
  void rejudgeUnjudgedAtStart(jobs, { emit, now: Date.now, log })
  void refreshItsmRole(workspace.store, auth, appSecrets(workspace.store, secrets), syncRuntime.httpDeps)
  // Secrets of sources removed while the app was closed (the CLI cannot reach the keychain) go now.
  void sweepSourceSecrets(secrets, workspace.store).then(
    (n) => n > 0 && console.info(`[ops-console] Removed ${n} stored secret(s) of removed connections`),
    (err: unknown) =>
      log.warn(`Stored secrets were not swept: ${err instanceof Error ? err.message : String(err)}`),
  )
  onThemeUpdated(() => wm.refreshBackground())

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => reopen())
  // A sync running at quit is cancelled and waited for (a few seconds at most; core/sync/runtime.ts
  // QUIT_GRACE_MS), so it commits what it holds and logs the run as cancelled; the KPI engine goes
  // first, so the cancelled run's rows start no calculation.
  quitGate = holdQuitUntil(
    app,
    async () => {
      kpiEngine.dispose()
      // Says itself, through the runtime's log, when it had to stop a worker that did not answer.
      await syncRuntime.shutdown()
      workspace?.close()
      workspace = null
    },
    log,
    { relaunch: relaunchOptionsFor({ isPackaged: app.isPackaged, env: process.env, argv: process.argv }) },
  )

  wm.openMain()
}

/** The better-sqlite3 the app's JavaScript is (its Electron-ABI build must be of the same). */
function installedSqliteVersion(): string {
  const pkg: unknown = createRequire(import.meta.url)('better-sqlite3/package.json')
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined
  if (typeof version !== 'string') throw new Error('better-sqlite3/package.json names no version')
  return version
}

/**
 * A second launch or a dock click: the console comes forward, or, when the app is already quitting
 * (its windows closed, a sync still stopping), the app starts again once it has quit.
 */
function reopen(): void {
  const open = (): void => void windows?.openMain()
  if (quitGate) quitGate.reopen(open)
  else open()
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  log.error(`Start-up failed: ${err instanceof Error && err.stack ? err.stack : message}`)
  // Close what was opened; nothing has been written yet, so nothing is lost.
  try {
    workspace?.close()
  } catch {
    // The dialog below matters more than a second error.
  }
  dialog.showErrorBox('Ops Console를 시작할 수 없습니다 (Ops Console could not start)', message)
  app.exit(1)
}
