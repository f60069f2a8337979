// Electron bootstrap only: wires the shell (windows, security, settings, IPC) to the core. Any
// start-up failure (native module missing, database corrupt) is shown in a dialog and the app
// quits without touching the data.
import { app, dialog, ipcMain, session, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EventName, EventPayloads } from '../shared/ipc/contract'
import { createCoreHandlers } from './core/api'
import { APP_DIR_NAME, WORKSPACE_DIR_NAME } from './core/paths'
import { openWorkspace, type Workspace } from './core/workspace'
import { runDemoInWorker } from './core/workers/run-demo-in-worker'
import { isTrustedAppUrl, mergeHandlerTables, registerHandlers } from './shell/ipc-registration'
import { resolveNativeBinding } from './shell/native'
import { DEFAULT_EXTERNAL_ALLOWLIST, buildCsp, hardenSession, type ShellLogger } from './shell/security'
import { openSettingsStore } from './shell/settings-store'
import { createShellHandlers } from './shell/shell-handlers'
import { applyTheme, onThemeUpdated } from './shell/theme'
import { createWindowManager, type WindowManager } from './shell/windows'

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

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox()
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
  app.on('second-instance', () => windows?.openMain())
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

  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    for (const win of wm.all()) win.webContents.send(event, payload)
  }
  const core = createCoreHandlers({
    workspace,
    runtime: 'electron',
    version: app.getVersion(),
    now: Date.now,
    settings: () => settings.get(),
    // Admin sections stay locked until the auth module (core/auth) says otherwise.
    role: () => 'operator',
    emit,
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
  })
  registerHandlers(ipcMain, mergeHandlerTables(core, shellHandlers), {
    isTrustedSender: (url) =>
      isTrustedAppUrl(url, { rendererDir, ...(devServerUrl ? { devServerUrl } : {}) }),
    onRefused: (channel, url) =>
      log.warn(`Refused ${channel} from an untrusted frame (${url ?? 'no frame'})`),
  })

  settings.onChange((next, previous) => {
    if (next.theme !== previous.theme) applyTheme(next.theme)
  })
  onThemeUpdated(() => wm.refreshBackground())

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => wm.openMain())
  app.on('will-quit', () => workspace?.close())

  wm.openMain()
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
