// better-sqlite3 for two runtimes: tests and the CLI load node_modules' Node-ABI build, while the
// app loads an Electron-ABI build kept in its own folder (scripts/electron-native.mjs makes it) and
// handed to openWorkspace as `nativeBinding`. No electron import: the caller passes app facts.
// The folder names the better-sqlite3 version it was built from as well as Electron's: the script
// skips a build whose file exists, so after better-sqlite3 was upgraded a folder named for Electron
// alone kept the old native module, loaded (and packaged) under the new JavaScript.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const NATIVE_FILE = 'better_sqlite3.node'

export type NativeTarget = {
  electronVersion: string
  /** The installed better-sqlite3's version (its package.json). */
  sqliteVersion: string
  platform: string
  arch: string
}

/** The folder name of one Electron-ABI build, shared with scripts/electron-native.mjs. */
export function nativeFolderName(target: NativeTarget): string {
  return `electron-${target.electronVersion}-better-sqlite3-${target.sqliteVersion}-${target.platform}-${target.arch}`
}

export type NativeLocation = NativeTarget & {
  isPackaged: boolean
  /** app.getAppPath(): the project root in dev. */
  appPath: string
  /** process.resourcesPath: where electron-builder's extraResources land when packaged. */
  resourcesPath: string
  exists?: (path: string) => boolean
}

/** Where the Electron-ABI better_sqlite3.node should be for this app. */
export function nativeBindingPath(loc: NativeLocation): string {
  const folder = nativeFolderName(loc)
  return loc.isPackaged
    ? join(loc.resourcesPath, 'native', folder, NATIVE_FILE)
    : join(loc.appPath, 'build', 'native', folder, NATIVE_FILE)
}

/** Returns the binding path, or throws a message that says how to build it. */
export function resolveNativeBinding(loc: NativeLocation): string {
  const path = nativeBindingPath(loc)
  const exists = loc.exists ?? existsSync
  if (exists(path)) return path
  const fix = loc.isPackaged
    ? 'The installation is incomplete; reinstall Ops Console.'
    : 'Build it with: node scripts/electron-native.mjs (npm start runs it for you).'
  throw new Error(
    `The SQLite native module (better-sqlite3 ${loc.sqliteVersion}) for Electron ${loc.electronVersion} (${loc.platform}-${loc.arch}) is missing: ${path}. ${fix}`,
  )
}
