// The app's identity on Windows. The NSIS installer gives its Start-menu and desktop shortcuts an
// AppUserModelID taken from electron-builder.yml's appId; Windows groups a running process's windows
// under a pinned shortcut, and files its notifications, only when the process declares the same ID.
// Left unset, Electron declares one of its own: the pinned icon then stays unlit and the running
// console gets a second taskbar icon beside it. No `electron` import: `app` comes in structurally.

/** electron-builder.yml's appId (a test keeps the two equal). */
export const APP_ID = 'kr.opsconsole.app'

/** The part of Electron's `app` this uses. */
export type IdentifiedApp = { isPackaged: boolean; setAppUserModelId(id: string): void }

/**
 * Declares the installer's AppUserModelID in a packaged app on Windows; before any window opens.
 * A dev run keeps Electron's own, so it is not taken for the installed app.
 */
export function declareAppIdentity(app: IdentifiedApp, platform: NodeJS.Platform): void {
  if (platform === 'win32' && app.isPackaged) app.setAppUserModelId(APP_ID)
}
