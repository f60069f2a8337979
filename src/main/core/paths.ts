// Where data lives by default: the same folder for the app and the CLI, so `npm run cli` sees what
// the app synced. Electron's userData is <appData>/<package name>; the workspace is a folder in it.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'ops-console'
export const WORKSPACE_DIR_NAME = 'workspace'

/** The OS's per-user application data folder (what Electron calls appData). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  return env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config')
}

/** The data folder: OPS_CONSOLE_DATA_DIR when set, else <appData>/ops-console/workspace. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const fromEnv = env['OPS_CONSOLE_DATA_DIR']
  if (fromEnv && fromEnv.trim() !== '') return fromEnv
  return join(appDataDir(env, platform), APP_DIR_NAME, WORKSPACE_DIR_NAME)
}
