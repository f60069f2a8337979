// App settings over any key-value backend (electron-store in the app, a Map in tests): the zod
// schema of src/shared/settings.ts guards both directions. Reading is lenient per field (one bad
// value falls back to its default and is logged, the others survive); writing is strict.
import {
  appSettingsPatchSchema,
  parseStoredSettings,
  windowStateSchema,
  type AppSettings,
  type WindowState,
} from '../../shared/settings'

/** Where settings live; electron-store's `store` getter/setter fits. */
export type SettingsBackend = { read(): unknown; write(settings: AppSettings): void }

export type SettingsListener = (settings: AppSettings, previous: AppSettings) => void

export type SettingsService = {
  get(): AppSettings
  /** Validates `patch` with appSettingsPatchSchema (throws a ZodError on bad input) and persists it. */
  set(patch: unknown): AppSettings
  setWindowState(state: WindowState): void
  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void
}

/** Opens the settings over `backend`, repairing invalid stored fields (and logging which ones). */
export function createSettingsService(
  backend: SettingsBackend,
  log: { warn(message: string): void },
): SettingsService {
  const { settings: initial, invalid } = parseStoredSettings(safeRead(backend, log))
  let current = initial
  if (invalid.length > 0) {
    // Field names only: values could be paths or anything else the user typed.
    log.warn(`Settings: invalid stored value(s) for ${invalid.join(', ')}; defaults used`)
    backend.write(current)
  }
  const listeners = new Set<SettingsListener>()

  const commit = (next: AppSettings): AppSettings => {
    const previous = current
    backend.write(next)
    current = next
    for (const listener of listeners) listener(current, previous)
    return current
  }

  return {
    get: () => current,
    set(patch) {
      const parsed = appSettingsPatchSchema.parse(patch)
      return commit({ ...current, ...stripUndefined(parsed) })
    },
    setWindowState(state) {
      commit({ ...current, windowState: windowStateSchema.parse(state) })
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function safeRead(backend: SettingsBackend, log: { warn(message: string): void }): unknown {
  try {
    return backend.read()
  } catch (err) {
    // An unreadable file (corrupt JSON) must not stop the app: start from defaults.
    log.warn(
      `Settings: stored settings unreadable (${err instanceof Error ? err.message : String(err)}); defaults used`,
    )
    return {}
  }
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
