// Handlers of the contract's shell channels: settings, the Settings window and external links.
// They stay a few lines over injected dependencies (no electron import), so tests call them directly.
import type {
  EventName,
  EventPayloads,
  ParsedRequestOf,
  ResponseOf,
  ShellChannel,
} from '../../shared/ipc/contract'
import type { ImportFileChoice } from '../../shared/ipc/types-sync'
import { CoreError } from '../core/errors'
import { isAllowedExternalUrl } from './security'
import type { SettingsService } from './settings-service'

export type ShellHandlers = {
  [C in ShellChannel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>
}

export type ShellDeps = {
  settings: SettingsService
  openSettingsWindow(): void
  /** Electron's shell.openExternal in the app. */
  openExternal(url: string): Promise<void>
  externalAllowlist: readonly string[]
  now: () => number
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /**
   * Shows the OS open dialog for the import wizard and registers the chosen file with the core,
   * answering with its opaque token (null when cancelled). No path ever goes to the renderer.
   */
  chooseImportFile?: () => Promise<ImportFileChoice | null>
}

/** Builds the handler table of the shell channels. */
export function createShellHandlers(deps: ShellDeps): ShellHandlers {
  return {
    'settings:get': () => deps.settings.get(),
    'settings:set': (patch) => {
      const next = deps.settings.set(patch)
      // Every window (console and Settings) re-renders from the pushed settings; the time zone
      // or language can change every figure, so the data views refresh too.
      deps.emit('settings:changed', next)
      deps.emit('data:changed', { reason: 'settings', at: new Date(deps.now()).toISOString() })
      return next
    },
    'window:open-settings': () => {
      deps.openSettingsWindow()
      return null
    },
    'link:open-external': async ({ url }) => {
      if (!isAllowedExternalUrl(url, deps.externalAllowlist)) {
        throw new CoreError('FORBIDDEN', 'This link is not on the list of sites the app may open')
      }
      await deps.openExternal(url)
      return { opened: true }
    },
    'import:choose-file': () => {
      if (!deps.chooseImportFile) throw new CoreError('UNAVAILABLE', 'Choosing a file is not available here')
      return deps.chooseImportFile()
    },
  }
}
