// The two windows: the console (index.html) and the Settings window (settings.html, one at a time).
// Both get the secure webPreferences and the navigation/window-open hardening, stay hidden until
// ready-to-show, and load the dev server in dev or the built files otherwise.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron'
import { join } from 'node:path'
import type { SettingsService } from './settings-service'
import { recoverRendererCrashes } from './renderer-recovery'
import { SECURE_WEB_PREFERENCES, hardenWebContents, type ShellLogger } from './security'
import { backgroundColor } from './theme'
import { fitToDisplays, trackWindowState } from './window-state'
import { windowTitle, type WindowPage } from './window-titles'

export type WindowPaths = {
  /** out/preload/index.cjs */
  preload: string
  /** out/renderer */
  rendererDir: string
  /** The Vite dev server (dev only). */
  devServerUrl?: string
}

export type WindowDeps = {
  paths: WindowPaths
  settings: SettingsService
  externalAllowlist: readonly string[]
  openExternal(url: string): Promise<void>
  log: ShellLogger
}

export type WindowManager = {
  openMain(): BrowserWindow
  openSettings(): BrowserWindow
  /** Open windows, for broadcasting events. */
  all(): BrowserWindow[]
  /** Re-applies the theme background to open windows. */
  refreshBackground(): void
  /** Re-titles the open windows in the language of the settings (after it changed). */
  refreshTitles(): void
}

/** Creates the window manager; no window opens until openMain/openSettings. */
export function createWindowManager(deps: WindowDeps): WindowManager {
  let main: BrowserWindow | null = null
  let settingsWindow: BrowserWindow | null = null

  const create = (
    page: WindowPage,
    options: BrowserWindowConstructorOptions,
    opts: { maximized?: boolean } = {},
  ): BrowserWindow => {
    const win = new BrowserWindow({
      ...options,
      show: false,
      backgroundColor: backgroundColor(),
      autoHideMenuBar: true,
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: deps.paths.preload },
    })
    hardenWebContents(win.webContents, {
      allowlist: deps.externalAllowlist,
      openExternal: deps.openExternal,
      log: deps.log,
    })
    recoverRendererCrashes(win.webContents, { page, now: Date.now, log: deps.log })
    // The page's <title> would replace ours; the window title is the shell's.
    win.on('page-title-updated', (event) => event.preventDefault())
    // Maximised before it shows (maximize() shows a hidden window in that state), not after: the
    // window no longer appears at its normal size and then jumps to fill the screen.
    win.once('ready-to-show', () => {
      if (opts.maximized) win.maximize()
      win.show()
    })
    load(win, page).catch((err: unknown) => deps.log.error(`Loading ${page} failed: ${String(err)}`))
    return win
  }

  const load = (win: BrowserWindow, page: WindowPage): Promise<void> => {
    const dev = deps.paths.devServerUrl
    if (dev) return win.loadURL(new URL(page, dev.endsWith('/') ? dev : `${dev}/`).href)
    return win.loadFile(join(deps.paths.rendererDir, page))
  }

  return {
    openMain() {
      if (main && !main.isDestroyed()) {
        focus(main)
        return main
      }
      // The primary display first: a window whose place is gone centres on it (center below).
      const primary = screen.getPrimaryDisplay()
      const saved = fitToDisplays(deps.settings.get().windowState, [
        primary.workArea,
        ...screen
          .getAllDisplays()
          .filter((d) => d.id !== primary.id)
          .map((d) => d.workArea),
      ])
      const win = create(
        'index.html',
        {
          title: windowTitle('index.html', deps.settings.get().language),
          width: saved.width,
          height: saved.height,
          ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : { center: true }),
          minWidth: 960,
          minHeight: 600,
        },
        { maximized: saved.maximized },
      )
      trackWindowState(win, (state) => deps.settings.setWindowState(state), {
        onError: (message) => deps.log.warn(message),
      })
      win.on('closed', () => {
        main = null
      })
      main = win
      return win
    },
    openSettings() {
      if (settingsWindow && !settingsWindow.isDestroyed()) {
        focus(settingsWindow)
        return settingsWindow
      }
      // Not a child of the console: it may stay open beside it and outlive a console reload.
      const win = create('settings.html', {
        title: windowTitle('settings.html', deps.settings.get().language),
        width: 960,
        height: 720,
        minWidth: 720,
        minHeight: 520,
        center: true,
      })
      win.on('closed', () => {
        settingsWindow = null
      })
      settingsWindow = win
      return win
    },
    all: () => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()),
    refreshBackground() {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed()) win.setBackgroundColor(backgroundColor())
      }
    },
    refreshTitles() {
      const language = deps.settings.get().language
      if (main && !main.isDestroyed()) main.setTitle(windowTitle('index.html', language))
      if (settingsWindow && !settingsWindow.isDestroyed())
        settingsWindow.setTitle(windowTitle('settings.html', language))
    },
  }
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
