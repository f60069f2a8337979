// The harness's stand-in for the shell's electron-store: the same schema, kept in a JSON file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import {
  appSettingsSchema,
  parseStoredSettings,
  type AppSettings,
  type AppSettingsPatch,
} from '../../shared/settings'

export type SettingsStore = {
  get(): AppSettings
  /** Applies a validated patch, writes the file, and returns the new settings. */
  set(patch: AppSettingsPatch): AppSettings
}

/** Opens (lazily creating) the settings file; unreadable or invalid fields fall back to defaults. */
export function openSettingsStore(file: string): SettingsStore {
  let current = read(file)
  return {
    get: () => current,
    set(patch) {
      const next = appSettingsSchema.parse({ ...current, ...patch })
      // Write then rename so a crash mid-write never leaves a truncated file behind.
      const tmp = `${file}.tmp`
      writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, 'utf8')
      renameSync(tmp, file)
      current = next
      return next
    },
  }
}

function read(file: string): AppSettings {
  if (!existsSync(file)) return parseStoredSettings({}).settings
  try {
    return parseStoredSettings(JSON.parse(readFileSync(file, 'utf8'))).settings
  } catch {
    // A corrupt file must not stop the harness; defaults apply until the next save rewrites it.
    return parseStoredSettings({}).settings
  }
}
