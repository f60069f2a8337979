import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/error-banner'
import { useSettings } from '../../lib/use-settings'
import { AdminGate } from '../auth/admin-gate'
import { AdminSections } from './admin-sections'
import { GeneralSection } from './general-section'

/** The Settings window (SPEC §9): the General section now, the admin sections as placeholders. */
export function SettingsApp() {
  const { t } = useTranslation()
  const { settings, error, reload, replace } = useSettings()
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    document.title = `Ops Console — ${t('settings.title')}`
  }, [t])

  return (
    <div className="settings-page" data-testid="settings">
      <h1 className="page-title">{t('settings.title')}</h1>
      <p className="save-status" role="status" data-testid="save-status">
        {saved ? t('settings.saved') : ''}
      </p>
      {error && !settings && <ErrorBanner message={error.message} onRetry={reload} />}
      {settings && (
        // Re-mounting on a saved or broadcast change resets the form to what is stored.
        <GeneralSection
          key={JSON.stringify(settings)}
          settings={settings}
          onSaved={(next) => {
            replace(next)
            setSaved(true)
          }}
        />
      )}
      {/* Operators see the unlock panel instead of the admin sections (SPEC §9). */}
      <AdminGate>
        <AdminSections />
      </AdminGate>
      {settings && <span data-testid="app-ready" hidden />}
    </div>
  )
}
