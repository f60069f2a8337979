// electron-store behind the zod schema of src/shared/settings.ts. electron-store only persists
// JSON in the user data folder; validation, per-field repair and change events are the pure
// settings service's job (settings-service.ts), so they are tested without Electron.
import Store from 'electron-store'
import type { AppSettings } from '../../shared/settings'
import { createSettingsService, type SettingsService } from './settings-service'

/** Opens the app settings (userData/settings.json), repairing bad fields and logging their names. */
export function openSettingsStore(log: { warn(message: string): void }): SettingsService {
  // No electron-store `defaults`/`schema`: those would mask or reject values before our lenient
  // per-field parse sees them. clearInvalidConfig resets a file that is not JSON at all.
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true })
  return createSettingsService(
    {
      read: () => store.store,
      write: (settings: AppSettings) => {
        store.store = settings
      },
    },
    log,
  )
}
