import { useEffect, useState } from 'react'
import type { AppSettings } from '../../../shared/settings'
import { applyLanguage } from '../i18n'
import { call } from './api'
import { applyTheme } from './theme'
import { useApiEvent } from './use-api-event'
import { useApiQuery } from './use-api-query'

/**
 * The app settings, kept current by 'settings:changed' (the Settings window saves, every window
 * follows), and applied to the document: language and theme.
 */
export function useSettings(): {
  settings: AppSettings | undefined
  error: Error | undefined
  reload: () => void
  /** Adopts settings this window just saved, without waiting for the broadcast. */
  replace: (settings: AppSettings) => void
} {
  const query = useApiQuery(() => call('settings:get', {}), 'settings')
  const [pushed, setPushed] = useState<AppSettings | undefined>(undefined)
  useApiEvent('settings:changed', setPushed)
  const settings = pushed ?? query.data

  useEffect(() => {
    if (!settings) return
    applyLanguage(settings.language)
    applyTheme(settings.theme)
  }, [settings])

  return { settings, error: query.error, reload: query.reload, replace: setPushed }
}
